import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLASSES as ANALYZER_CLASSES } from '../../analyzer/classes/index.js';
import { CLASSES as COLLECTOR_CLASSES } from '../../collector/classes/index.js';

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

/** A class name as code uses it: a string literal, an object key, or a path into its folder. Comments are skipped. */
function mentions(text: string, name: string): boolean {
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .filter((l) => !/^\s*\/\//.test(l))
    .join('\n');
  const n = name.replace(/-/g, '\\-');
  return new RegExp(`(['"\`])${n}\\1|^\\s*${/^\w+$/.test(name) ? name : `'${n}'`}\\s*:|classes/${n}/`, 'm').test(code);
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

  it('the check sees a class name in each form code uses it', () => {
    expect(mentions(`if (d.class === 'pci') x();`, 'pci')).toBe(true);
    expect(mentions(`SELECT 1 WHERE namespace = 'cpu'`, 'cpu')).toBe(true);
    expect(mentions(`import { parse } from '../classes/kernel-log/kmsg.js';`, 'kernel-log')).toBe(true);
    expect(mentions(`const M = {\n  mlx5: 1,\n};`, 'mlx5')).toBe(true);
    expect(mentions(`// 'pci' in a comment\n/** 'nvme' */\nconst pci_address = 1;`, 'pci')).toBe(false);
    expect(mentions(`const x = 'pci.ids';`, 'pci')).toBe(false);
  });
});
