import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { analyze } from '../../analyzer/analyze.js';
import { collect } from '../../collector/collect.js';
import { savedDevlinkCommand } from '../../collector/classes/nic/devlink.js';
import { tempDir } from '../helpers/tmp.js';

const ROOT = new URL('./fixtures/real/', import.meta.url).pathname;
const DIRS = ['devlink-dev-info', 'devlink-health', 'devlink-param'];

/** The query words of a devlink argv: its flags and handle left out (a name may give them, a text need not). */
const query = (argv: readonly string[] | undefined): string | undefined => argv?.slice(1).filter((w) => !w.startsWith('-') && !w.includes('/')).join(' ');

const samples = DIRS.flatMap((dir) =>
  readdirSync(`${ROOT}${dir}`)
    .filter((f) => f.endsWith('.provenance.yaml'))
    .map((f) => {
      const stem = f.slice(0, -'.provenance.yaml'.length);
      const data = readdirSync(`${ROOT}${dir}`).find((g) => g.startsWith(`${stem}.`) && g !== f)!;
      const p = parseYaml(readFileSync(`${ROOT}${dir}/${f}`, 'utf8')) as { saved_as: string };
      return { name: `${dir}/${stem}`, savedAs: p.saved_as, text: readFileSync(`${ROOT}${dir}/${data}`, 'utf8') };
    }),
);

describe('a saved devlink output whose name says no query stands for the query its text holds', () => {
  it('every real devlink output saved as devlink.txt or cmd/devlink/output.out is read as the query its provenance names', () => {
    expect(samples.length).toBeGreaterThan(90);
    // A session typing another read-only query before the one saved (`devlink port` above `devlink dev info`): a name
    // saying no query stands for the first typed, as documented; its own name says which one the person kept.
    const firstTypedIsAnother = new Set(['devlink-dev-info/kvaser-usb-indented-port-above', 'devlink-dev-info/kvaser-pciefd-three-cards-indented-session']);
    const wrong = samples.filter((s) => !firstTypedIsAnother.has(s.name)).flatMap((s) => {
      const named = query(savedDevlinkCommand(s.savedAs, s.text));
      return ['cmd/devlink/devlink.txt', 'cmd/devlink/output.out', 'cmd/devlink/host1 pci_0000:3b:00.0.log']
        .map((n) => [n, query(savedDevlinkCommand(n, s.text))] as const)
        .filter(([, q]) => q !== named)
        .map(([n, q]) => `${s.name} as ${n}: ${q ?? 'not read'}, its own name says ${named}`);
    });
    expect(wrong).toEqual([]);
  });

  it('ends a typed command where the shell list or pipe does: `devlink dev info; echo $?` is dev info', () => {
    expect(savedDevlinkCommand('cmd/devlink/devlink.txt', '> % devlink dev info; echo $?\n> 0\n')).toEqual(['devlink', 'dev', 'info']);
    expect(savedDevlinkCommand('cmd/devlink/output.out', '$ devlink -j dev info && echo done\n{"info":{}}\n')).toEqual(['devlink', '-j', 'dev', 'info']);
  });

  it('takes the first read-only query typed in the text, never a set, flash or reload', () => {
    expect(savedDevlinkCommand('cmd/devlink/output.out', '$ devlink dev param set pci/0000:01:00.0 name x value 1 cmode runtime\n$ devlink dev param show pci/0000:01:00.0 name x\npci/0000:01:00.0:\n  name x type driver-specific\n')).toEqual(['devlink', 'dev', 'param', 'show']);
    expect(savedDevlinkCommand('cmd/devlink/output.out', '# devlink -jp health show\n{\n  "health": {}\n}\n')).toEqual(['devlink', '-jp', 'health', 'show']);
    expect(savedDevlinkCommand('cmd/devlink/output.out', '# devlink dev flash pci/0000:01:00.0 file fw.bin\nCompleted\n')).toBeUndefined();
    expect(savedDevlinkCommand('cmd/devlink/notes.txt', 'nothing devlink printed\n')).toBeUndefined();
  });

  it('reads the JSON form by its top key, and keeps a name that says another devlink command unread', () => {
    expect(savedDevlinkCommand('cmd/devlink/devlink.txt', '{"info":{"pci/0000:01:00.0":{"driver":"ice"}}}\n')).toEqual(['devlink', '-j', 'dev', 'info']);
    expect(savedDevlinkCommand('cmd/devlink/devlink.txt', '{"param":{"pci/0000:01:00.0/1":[]}}\n')).toEqual(['devlink', '-j', 'port', 'param', 'show']);
    expect(savedDevlinkCommand('cmd/devlink/dev_flash.txt', 'pci/0000:01:00.0:\n  driver ice\n  versions:\n')).toBeUndefined();
  });
});

describe('a devlink dev info saved as devlink.txt at the top of a tree', () => {
  it('reaches the analyzer: the E810 of a netdev review is stored with its running firmware (the provenance truth)', async () => {
    const dir = tempDir();
    const text = readFileSync(`${ROOT}devlink-dev-info/ice-e810-review.txt`, 'utf8');
    for (const name of ['devlink.txt', 'cmd/devlink/output.out']) {
      const p = join(dir, name, 'tree', name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
      await collect({ output: join(dir, name, 'b.tar.gz'), root: join(dir, name, 'tree'), isolation: 'inline' });
      const { db } = await analyze({ bundles: [join(dir, name, 'b.tar.gz')], minSeverity: 'info' });
      try {
        expect(db.prepare(`SELECT driver FROM devices WHERE device_key = 'devlink:pci/0000:af:00.0'`).all(), name).toEqual([{ driver: 'ice' }]);
        expect(db.prepare(`SELECT version FROM firmware WHERE device_key = 'devlink:pci/0000:af:00.0' AND component = 'fw.mgmt' AND state = 'running'`).all(), name).toEqual([{ version: '6.1.5' }]);
      } finally {
        db.close();
      }
    }
  });
});

describe('a saved devlink output that says no read-only query', () => {
  it('is named UNKNOWN_NAME with a reason that speaks of its name, a typed command and its text', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'tree', 'cmd', 'devlink'), { recursive: true });
    writeFileSync(join(dir, 'tree', 'cmd', 'devlink', 'output.out'), '# devlink dev flash pci/0000:01:00.0 file fw.bin\nCompleted\n');
    const { manifest } = await collect({ output: join(dir, 'b.tar.gz'), root: join(dir, 'tree'), isolation: 'inline' });
    const issue = manifest.issues.find((i) => i.code === 'UNKNOWN_NAME' && i.target === 'cmd/devlink/output.out');
    expect(issue?.message).toMatch(/^saved devlink output: neither its name nor a command typed in it says a read-only devlink query, nor does its text have the shape of one/);
  });
});
