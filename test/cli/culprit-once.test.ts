/**
 * Every subcommand names the file an error is about once: `analyze` of an xz tarball that is no report said
 * `x.tar.gz: x.tar.gz: neither a sosreport …` (its own prefix before the import's message naming the file).
 * Each subcommand is run on files that fail in different ways; no line of its output names a culprit twice in a row.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { culpritOnce } from '../../cli/exit.js';
import { runCli, STACK_TRACE } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-culprit-once-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const culprits: Record<string, Buffer | 'dir' | 'missing'> = {
  'x.tar.gz': Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04]), Buffer.from('not really xz')]),
  'b.tar.gz': Buffer.from('BZh91AY&SY not really bzip2'),
  'plain.txt': Buffer.from('hello\n'),
  'missing.tar.gz': 'missing',
  'adir.tar.gz': 'dir',
};
for (const [name, what] of Object.entries(culprits)) {
  if (what === 'dir') mkdirSync(join(dir, name));
  else if (what !== 'missing') writeFileSync(join(dir, name), what);
}

const commands = (f: string): string[][] => [
  ['verify', f],
  ['analyze', f],
  ['query', f, 'SELECT 1'],
  ['redact', f, 'out.tar.gz'],
  ['diff', f, f],
  ['fleet', f, f],
  ['import', f, '-o', 'imported.tar.gz'],
  ['check', '--root', f],
  ['collect', '--root', f, '-o', 'c.tar.gz'],
];

const doubled = (text: string, name: string): boolean => text.includes(`${name}: ${name}:`);

describe('a culprit is named once', () => {
  it('culpritOnce joins a name given twice in a row, and leaves different names and a single name alone', () => {
    expect(culpritOnce('fwsnap analyze: x.tar.gz: x.tar.gz: neither a sosreport')).toBe('fwsnap analyze: x.tar.gz: neither a sosreport');
    expect(culpritOnce('a b.txt: a b.txt: no')).toBe('a b.txt: no');
    expect(culpritOnce('fwsnap diff: a.tar.gz: unusable; b.tar.gz: unusable')).toBe('fwsnap diff: a.tar.gz: unusable; b.tar.gz: unusable');
    expect(culpritOnce('fwsnap: x: y: z')).toBe('fwsnap: x: y: z');
  });

  it('no subcommand names a failing input twice in a row, nor prints a stack trace', async () => {
    const found: string[] = [];
    for (const name of Object.keys(culprits)) {
      for (const argv of commands(name)) {
        const r = await runCli(argv, { cwd: dir });
        const out = `${r.stdout}\n${r.stderr}`;
        if (doubled(out, name)) found.push(`${argv.join(' ')}: ${out.split('\n').find((l) => doubled(l, name))}`);
        if (STACK_TRACE.test(out)) found.push(`${argv.join(' ')}: stack trace`);
        const tree = argv.includes('--root') && culprits[name] === 'dir';
        if (r.status === 0 && !tree) found.push(`${argv.join(' ')}: status 0`);
      }
    }
    expect(found).toEqual([]);
  }, 300_000);
});
