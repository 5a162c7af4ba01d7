import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLASSES as ANALYZER_CLASSES } from '../../analyzer/classes/index.js';
import { CLASSES as COLLECTOR_CLASSES } from '../../collector/classes/index.js';
import { classTables } from '../../analyzer/db/class-schema.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dirs = (p: string): string[] =>
  readdirSync(join(ROOT, p), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
/** Folders that are not a class: kernel facts and rules across classes (core), fleet rules beside them. */
const NOT_CLASSES = ['core', 'fleet'];
const names = COLLECTOR_CLASSES.map((c) => c.name).sort();

/** The lines that register classes, one per class in each half (and the fake-host parts, the upstream tables of class rules). */
const REGISTRIES = ['collector/classes/index.ts', 'collector/classes/fake-host-parts.ts', 'analyzer/classes/index.ts', 'analyzer/classes/upstream.ts'];

/**
 * Shared files that may name a class, and why. Each entry must still be needed (a stale one fails), so the
 * list only shrinks.
 */
const ALLOWED: { file: string; class: string; why: string }[] = [];

const withoutComments = (text: string): string =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .filter((l) => !/^\s*\/\//.test(l))
    .join('\n');

/** A class name as code uses it: a string literal, an object key, or a path into its folder. Comments are skipped. */
function mentions(text: string, name: string): boolean {
  const code = withoutComments(text);
  const n = name.replace(/-/g, '\\-');
  return new RegExp(`(['"\`])${n}\\1|^\\s*${/^\w+$/.test(name) ? name : `'${n}'`}\\s*:|classes/${n}/`, 'm').test(code);
}

/** A class name as a word of a shell script (a path component, a command, an argument), not inside a longer name. */
function shellMentions(code: string, name: string): boolean {
  return new RegExp(`(?<![A-Za-z0-9_])${name.replace(/-/g, '\\-')}(?![A-Za-z0-9_])`).test(code);
}

/** This file: its own examples name classes. */
const SELF = 'test/layout/class-names.test.ts';

/** Test code that registers class parts, one line per class (like the registries of the two halves). */
const TEST_REGISTRIES = ['test/helpers/fake-host/shared-host-parts.ts', 'test/helpers/fake-host/shared-host-check-list.ts', 'test/lab/scenario-list.ts', 'test/import/sos-corpus-parts.ts', 'test/real-corpus/corpus-kind-parts.ts', 'test/fleet/fleet-parts.ts', 'test/analyzer/load/earlier-source-parts.ts', 'test/analyzer/version/scheme-generators.ts'];

/**
 * Test and bench files outside test/<class>/ that reach into a class's folders, and why. Whole-host and cross-class
 * tests are fine here: they test the whole. A single-class test belongs in its class's folder instead.
 */
const CROSS_CLASS: { file: string; classes: string[]; why: string }[] = [
  { file: 'test/import/import-redact.test.ts', classes: ['ata', 'kernel-log', 'nvme', 'platform'], why: 'whole report: redaction of an imported sosreport holding real outputs of several classes' },
  { file: 'test/import/supportconfig.test.ts', classes: ['nic', 'nvme'], why: 'whole report: a supportconfig holding real outputs of several classes' },
  { file: 'test/analyzer/report-diff-names.test.ts', classes: ['ata', 'nic'], why: 'whole diff report: how it names devices of several classes, read from their real outputs' },
  { file: 'test/ata/one-drive.test.ts', classes: ['nvme'], why: "one drive read by two classes: smartctl's output of a drive (ata) and nvme-cli's of the same controller (nvme) fold into one device" },
  { file: 'test/ata/lsscsi-drives.test.ts', classes: ['scsi'], why: "the SATA drives (ata) named in the scsi class's real lsscsi listings reach the libata quirk rules" },
  { file: 'test/ata/drive-wwn.test.ts', classes: ['nvme'], why: "smartctl (ata) reads an NVMe drive's world wide name (its namespace EUI-64) from the nvme class's real smartctl outputs" },
  { file: 'test/analyzer/parsers/json-elided-document.test.ts', classes: ['ata', 'nvme'], why: "a person's elision inside a JSON document read by the shared JSON layer: real smartctl -j (ata) and nvme fw-log -o json (nvme) outputs of the corpora with members elided, read by their classes' parsers" },
  { file: 'test/analyzer/parsers/code-fences.test.ts', classes: ['ata'], why: "a wiki's Trac block read as a fence: a real smartctl page from the ata corpus, rewrapped in Trac's markup (any class's would do)" },
  { file: 'test/scsi/sg-vpd-nvme-node.test.ts', classes: ['nvme'], why: "one drive read by two classes' tools: the nvme corpus's real id-ctrl beside sg_vpd run on the same NVMe node, which fold into one controller" },
  { file: 'test/ata/smartctl-filtered-paste.test.ts', classes: ['nvme'], why: "smartctl reads NVMe drives too: the nvme corpus's real smartctl -a of a Samsung 970 EVO Plus, filtered by a pipe, stored for the controller its command names" },
  { file: 'test/collector/tool-folder-text-typed.test.ts', classes: ['ata', 'mlx5', 'nic', 'nvme', 'pci'], why: "a text saved under its tool's folder by the tool's name alone, for every tool with such a folder: real outputs of each class's corpus (mlxfwmanager, mstflint, flint, mlxconfig, nvme, smartctl, ethtool, devlink, lspci) with the command typed above them" },
  { file: 'test/collector/typed-commands.test.ts', classes: ['ata', 'nvme', 'platform'], why: "a tool's banner is output, not a command: the ata corpus's real smartctl 5.37 output under its typed command, the platform corpus's real dmidecode outputs whose `# dmidecode 3.5` banner reads like a root prompt's command (the tools that print such banners); a ticket's typed commands no class reads (nvme fw-download, fw-activate) after the nvme corpus's real id-ctrl -H, and its grep excerpt typed beside it whole" },
  { file: 'test/cli/text-as-input.test.ts', classes: ['nic'], why: 'a text given where a bundle goes, as users give it: a real ticket from the nic corpus (any class\'s would do)' },
  { file: 'test/hostile/mutated-bundles.test.ts', classes: ['ata', 'mlx5', 'nic', 'nvme'], why: "whole bundle: a stranger's bundle damaged in every way, starting from one collected from real outputs of several classes, so loaders of each read what survives" },
];

/** Why a test or bench file outside test/<class>/ names a class as code does (TEST_MENTIONS). */
const ONLY = 'runs one or a few sources by name (`--only`) for a small real collection; any cheap source would do';
const DATA = 'hand-written manifest, artifact or database rows carry a source or class name as data';
const TOOL = "the string is a tool's or QEMU device's own name (nvme-cli's nvme, cxl-cli's cxl, QEMU's nvme), not the class";
const WHOLE = "whole host, report or fleet: expectations of what several classes' facts become";

/**
 * Test and bench files outside test/<class>/ that name a class as code does (a string, a key, a path into its folders;
 * mentions()), and why. Each entry must still be needed (a stale one fails), so the list only shrinks.
 */
const TEST_MENTIONS: { file: string; classes: string[]; why: string }[] = [
  { file: 'test/analyzer/db/compact-storage.test.ts', classes: ['pci'], why: DATA },
  { file: 'test/analyzer/parsers/json-elided-document.test.ts', classes: ['ata', 'nvme'], why: "the shared JSON layer's elision reading, asserted through the smartctl -j and nvme fw-log -o json parsers that record it" },
  { file: 'test/analyzer/db/schema-upgrade.test.ts', classes: ['pci'], why: DATA },
  { file: 'test/bundle/manifest-validators.test.ts', classes: ['platform'], why: DATA },
  { file: 'test/cli/analyze.test.ts', classes: ['pci'], why: WHOLE },
  { file: 'test/cli/diff.test.ts', classes: ['platform'], why: WHOLE },
  { file: 'test/cli/plain-collect.test.ts', classes: ['pci'], why: ONLY },
  { file: 'test/cli/report-inventory.test.ts', classes: ['platform'], why: WHOLE },
  { file: 'test/cli/terminal-safe.test.ts', classes: ['nic'], why: DATA },
  { file: 'test/cli/usage-errors.test.ts', classes: ['platform'], why: ONLY },
  { file: 'test/collector/command-allowlist.test.ts', classes: ['cxl', 'nvme'], why: TOOL },
  { file: 'test/collector/deadline.test.ts', classes: ['platform'], why: ONLY },
  { file: 'test/collector/dir-listing.test.ts', classes: ['gpu'], why: DATA },
  { file: 'test/collector/executable.test.ts', classes: ['nic'], why: ONLY },
  { file: 'test/collector/launcher.test.ts', classes: ['cpu', 'pci'], why: ONLY },
  { file: 'test/collector/live-hardware.test.ts', classes: ['cpu', 'kernel-log', 'pci', 'platform'], why: ONLY },
  { file: 'test/collector/plain-first.test.ts', classes: ['cpu', 'nic', 'pci'], why: ONLY },
  { file: 'test/collector/tree-reader.test.ts', classes: ['pci'], why: DATA },
  { file: 'test/faults/disk-full.test.ts', classes: ['cpu', 'platform'], why: ONLY },
  { file: 'test/faults/nothing-lost.test.ts', classes: ['platform'], why: ONLY },
  { file: 'test/faults/output-path.test.ts', classes: ['platform'], why: ONLY },
  { file: 'test/faults/read-errors.test.ts', classes: ['cpu', 'kernel-log', 'platform'], why: ONLY },
  { file: 'test/fixtures/hostile/build.ts', classes: ['platform'], why: DATA },
  { file: 'test/fixtures/hostile/categories.ts', classes: ['platform'], why: DATA },
  { file: 'test/fixtures/hostile/sizes.ts', classes: ['platform'], why: DATA },
  { file: 'test/fleet/fleet-command.test.ts', classes: ['platform'], why: WHOLE },
  { file: 'test/fleet/fleet-rules.test.ts', classes: ['nvme'], why: WHOLE },
  { file: 'test/hostile/captured-tree-kinds.test.ts', classes: ['kernel-log', 'nic'], why: ONLY },
  { file: 'test/hostile/manifest-shapes.test.ts', classes: ['nvme', 'pci'], why: DATA },
  { file: 'test/hostile/redaction-seeds.test.ts', classes: ['platform'], why: DATA },
  { file: 'test/import/declared.test.ts', classes: ['nvme'], why: TOOL },
  { file: 'test/import/detect.test.ts', classes: ['platform'], why: ONLY },
  { file: 'test/import/supportconfig.test.ts', classes: ['cpu'], why: ONLY },
  { file: 'test/import/this-host-sos.test.ts', classes: ['cpu', 'nic', 'pci', 'platform'], why: ONLY },
  { file: 'test/lab/harness/qemu-args.test.ts', classes: ['nvme'], why: TOOL },
  { file: 'test/lab/harness/qemu-args.ts', classes: ['nvme'], why: TOOL },
  { file: 'test/lab/scenarios/sos-import.ts', classes: ['nvme', 'pci', 'platform', 'scsi'], why: WHOLE },
  { file: 'test/lab/scenarios/whole-host.ts', classes: ['ata', 'cpu', 'kernel-log', 'nic', 'nvme', 'pci', 'platform', 'scsi'], why: WHOLE },
  { file: 'test/rules/set-based.test.ts', classes: ['kernel-log', 'nvme', 'pci'], why: ONLY },
];

/**
 * The classes whose folders (analyzer/classes/<c>/, collector/classes/<c>/, rules/<c>/, test/<c>/) a test or bench file
 * reaches other than its own test/<class>/: by relative import or by a path in a string. Comments are skipped.
 */
function reachedClasses(file: string, text: string, classes: readonly string[]): string[] {
  const own = /^test\/([^/]+)\//.exec(file)?.[1];
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .filter((l) => !/^\s*\/\//.test(l))
    .join('\n');
  const folder = /^(?:analyzer\/classes|collector\/classes|rules|test)\/([^/]+)\//;
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:from\s*|import\(\s*)'(\.[^']+)'/g)) found.add(folder.exec(join(dirname(file), m[1]!))?.[1] ?? '');
  for (const m of code.matchAll(/['"`][^'"`\n]*?\b(?:classes|rules|test)\/([a-z0-9-]+)\/[^'"`\n]*['"`]/g)) found.add(m[1]!);
  // A path relative to the file (`'../nvme/x.txt'`), or a test folder's fixtures named from test/ (`'nvme/fixtures/…'`).
  for (const m of code.matchAll(/['"`]((?:\.\.\/)+[a-z0-9-]+\/)[^'"`\n]*['"`]/g)) found.add(folder.exec(join(dirname(file), m[1]!))?.[1] ?? '');
  for (const m of code.matchAll(/['"`](?:\.\.?\/)*([a-z0-9-]+)\/fixtures\//g)) found.add(m[1]!);
  return [...found].filter((c) => classes.includes(c) && c !== own).sort();
}

describe('one name per class', () => {
  it('the same class names are registered in both halves and have a folder in collector/classes, analyzer/classes and rules, a README in each, docs/artifacts/<name>.md and test/<name>/', () => {
    expect(ANALYZER_CLASSES.map((c) => c.name).sort()).toEqual(names);
    expect(dirs('collector/classes')).toEqual(names);
    expect(dirs('analyzer/classes').filter((d) => !NOT_CLASSES.includes(d))).toEqual(names);
    expect(dirs('rules').filter((d) => !NOT_CLASSES.includes(d))).toEqual(names);
    for (const n of names) {
      for (const p of [`collector/classes/${n}/README.md`, `analyzer/classes/${n}/README.md`, `rules/${n}/README.md`, `docs/artifacts/${n}.md`, `test/${n}`]) {
        expect(existsSync(join(ROOT, p)), p).toBe(true);
      }
    }
  });

  it("git grep of a class's name in the shared code finds only its registration lines and the justified allow-list", () => {
    const files = execFileSync('git', ['ls-files', '-z', '--', 'analyzer', 'bundle', 'cli', 'collector'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((f) => /\.(?:ts|mjs)$/.test(f) && !REGISTRIES.includes(f) && !/^(?:analyzer|collector)\/classes\/[^/]+\//.test(f));
    expect(files.length).toBeGreaterThan(50);
    const found: string[] = [];
    for (const f of files) {
      if (!existsSync(join(ROOT, f))) continue;
      const text = readFileSync(join(ROOT, f), 'utf8');
      for (const n of names) if (mentions(text, n)) found.push(`${f}: ${n}`);
    }
    const allowed = ALLOWED.map((a) => `${a.file}: ${a.class}`);
    expect(found.filter((x) => !allowed.includes(x)), 'shared code naming a class: move that knowledge into the class (a hook it declares)').toEqual([]);
    expect(allowed.filter((x) => !found.includes(x)), 'allow-list entries no longer needed: remove them').toEqual([]);
  });

  it('the shared code names no table or view a class declares (a class hands what a shared engine needs through a hook)', () => {
    const declared = classTables().flatMap((t) => Object.keys(t.doc));
    expect(declared).toContain('pci_links');
    const files = execFileSync('git', ['ls-files', '-z', '--', 'analyzer', 'bundle', 'cli', 'collector'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((f) => /\.(?:ts|mjs)$/.test(f) && !/^(?:analyzer|collector)\/classes\//.test(f));
    expect(files.length).toBeGreaterThan(50);
    const found: string[] = [];
    for (const f of files) {
      if (!existsSync(join(ROOT, f))) continue;
      const code = withoutComments(readFileSync(join(ROOT, f), 'utf8'));
      for (const t of declared) if (new RegExp(`\\b${t}\\b`).test(code)) found.push(`${f}: ${t}`);
    }
    expect(found, 'shared code reading a class table: let the class declare a hook in its tables.ts').toEqual([]);
    expect(withoutComments("// reads pci_links\nconst x = 1;")).not.toMatch(/pci_links/);
  });

  it("a class's folders import nothing from another class's folders (core's kernel facts are shared)", () => {
    const files = execFileSync('git', ['ls-files', '-z', '--', 'analyzer/classes', 'collector/classes'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f.endsWith('.ts') && /^(?:analyzer|collector)\/classes\/[^/]+\//.test(f) && existsSync(join(ROOT, f)));
    const crossing: string[] = [];
    for (const f of files) {
      const own = f.split('/')[2]!;
      for (const m of readFileSync(join(ROOT, f), 'utf8').matchAll(/from '([^']+)'/g)) {
        const target = join(dirname(f), m[1]!);
        const other = /^(?:analyzer|collector)\/classes\/([^/]+)\//.exec(target)?.[1];
        if (other && other !== own && !NOT_CLASSES.includes(other)) crossing.push(`${f} imports ${m[1]}`);
      }
    }
    expect(crossing).toEqual([]);
  });

  it("test and bench code outside test/<class>/ reaches into a class's folders only from the test registries and the justified cross-class tests", () => {
    const files = execFileSync('git', ['ls-files', '-z', '--', 'test', 'bench'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((f) => /\.(?:ts|mjs)$/.test(f) && f !== SELF && !TEST_REGISTRIES.includes(f) && existsSync(join(ROOT, f)));
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const f of files) for (const n of reachedClasses(f, readFileSync(join(ROOT, f), 'utf8'), names)) found.push(`${f}: ${n}`);
    const allowed = CROSS_CLASS.flatMap((a) => a.classes.map((c) => `${a.file}: ${c}`));
    expect(found.filter((x) => !allowed.includes(x)), "test code reaching into another class's folder: move it into test/<class>/ or register it").toEqual([]);
    expect(allowed.filter((x) => !found.includes(x)), 'allow-list entries no longer needed: remove them').toEqual([]);
  });

  it('test and bench code outside test/<class>/ names a class only from the test registries and the justified list', () => {
    const files = execFileSync('git', ['ls-files', '-z', '--', 'test', 'bench'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((f) => /\.(?:ts|mjs)$/.test(f) && f !== SELF && !TEST_REGISTRIES.includes(f) && !names.includes(/^test\/([^/]+)\//.exec(f)?.[1] ?? '') && existsSync(join(ROOT, f)));
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      for (const n of names) if (mentions(text, n)) found.push(`${f}: ${n}`);
    }
    const allowed = TEST_MENTIONS.flatMap((a) => a.classes.map((c) => `${a.file}: ${c}`));
    expect(found.filter((x) => !allowed.includes(x)), 'test code naming a class: move it into test/<class>/, or take the names from the registries').toEqual([]);
    expect(allowed.filter((x) => !found.includes(x)), 'allow-list entries no longer needed: remove them').toEqual([]);
  });

  it("the lab guest's scripts name no class: each class's buses, paths, modules and reference tools come from its lab scenario", () => {
    const files = execFileSync('git', ['ls-files', '-z', '--', 'test/lab/guest'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter((f) => f && existsSync(join(ROOT, f)));
    expect(files).toContain('test/lab/guest/scenario.sh');
    const found: string[] = [];
    for (const f of files) {
      const code = readFileSync(join(ROOT, f), 'utf8').split('\n').filter((l) => !/^\s*#/.test(l)).join('\n');
      for (const n of names) if (shellMentions(code, n)) found.push(`${f}: ${n}`);
    }
    expect(found, "a class's part of the lab belongs in test/<class>/lab-scenario.ts (its LabMachinePart)").toEqual([]);
    expect(shellMentions('cat /sys/bus/pci/devices/*/modalias', 'pci')).toBe(true);
    expect(shellMentions('tool nvme-id-ctrl-bin nvme id-ctrl', 'nvme')).toBe(true);
    expect(shellMentions('named_modules=$!; read data', 'ata')).toBe(false);
  });

  it('the test-code check sees imports and paths into another class and not into its own', () => {
    const all = ['nvme', 'ata', 'kernel-log'];
    expect(reachedClasses('test/ata/x.test.ts', `import { a } from '../nvme/fake-kernel.js';\nimport { b } from './fake.js';`, all)).toEqual(['nvme']);
    expect(reachedClasses('test/cli/x.test.ts', `const f = readFileSync('rules/ata/x.yaml');`, all)).toEqual(['ata']);
    expect(reachedClasses('bench/x.ts', `import { k } from '../collector/classes/kernel-log/source.js';`, all)).toEqual(['kernel-log']);
    expect(reachedClasses('test/nvme/x.test.ts', `import { p } from '../../analyzer/classes/nvme/nvme.js';\n// see test/ata/y.ts`, all)).toEqual([]);
    expect(reachedClasses('test/ata/x.test.ts', "const s = real('nvme/fixtures/real/a.txt');", all)).toEqual(['nvme']);
    expect(reachedClasses('test/ata/x.test.ts', "const s = readFileSync(new URL('../nvme/fixtures/a.txt', import.meta.url));", all)).toEqual(['nvme']);
    expect(reachedClasses('test/ata/x.test.ts', "const s = real('ata/fixtures/real/a.txt'); const n = 'sys/class/nvme/nvme0/serial';", all)).toEqual([]);
  });

  it('the check sees a class name in each form code uses it', () => {
    expect(mentions(`if (d.class === 'pci') x();`, 'pci')).toBe(true);
    expect(mentions(`SELECT 1 WHERE namespace = 'cpu'`, 'cpu')).toBe(true);
    expect(mentions(`import { parse } from '../classes/kernel-log/kmsg.js';`, 'kernel-log')).toBe(true);
    expect(mentions(`const M = {\n  mlx5: 1,\n};`, 'mlx5')).toBe(true);
    expect(mentions(`// 'pci' in a comment\n/** 'nvme' */\nconst pci_address = 1;`, 'pci')).toBe(false);
    expect(mentions(`const x = 'pci.ids';`, 'pci')).toBe(false);
  });
});
