/**
 * A rules directory from a stranger (`--rules DIR` of rules, analyze, diff, fleet): an alias bomb, a FIFO or
 * a link to one named like a rule file, a 50 MB rule file, a directory too large in all. Each ends with
 * status 2 and a message naming the file, at once and under 300 MB, never a hang or a stack trace.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_RULE_FILE_BYTES, MAX_RULES_BYTES } from '../../analyzer/rules/load-rules.js';
import { GOOD } from '../fixtures/hostile/build.js';
import { writeBundle } from '../helpers/bundle.js';
import { MEMORY_BOUND, runCli, STACK_TRACE } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

function aliasBomb(): string {
  let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 10; i++) text += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
  return text;
}

describe('a hostile rules directory', () => {
  it('each kind: status 2 naming the file, quickly, under 300 MB', async () => {
    const dir = tempDir();
    const cases: [string, (d: string) => void, RegExp][] = [
      ['bomb', (d) => writeFileSync(join(d, 'bomb.yaml'), aliasBomb()), /bomb\.yaml:1: Excessive alias count/],
      ['fifo', (d) => execFileSync('mkfifo', [join(d, 'fifo.yaml')]), /fifo\.yaml: not a regular file/],
      ['link-to-fifo', (d) => {
        execFileSync('mkfifo', [join(d, 'pipe')]);
        symlinkSync('pipe', join(d, 'rule.yml'));
      }, /rule\.yml: not a regular file/],
      ['big', (d) => writeFileSync(join(d, 'big.yaml'), `id: x\ndescription: "${'y'.repeat(MAX_RULE_FILE_BYTES)}"\n`), /big\.yaml: \d+ bytes, over the \d+ a rule file may have/],
      ['many', (d) => {
        for (let i = 0; i * MAX_RULE_FILE_BYTES <= MAX_RULES_BYTES; i++) writeFileSync(join(d, `r${i}.yaml`), `# ${'z'.repeat(MAX_RULE_FILE_BYTES - 16)}\n`);
      }, /rule files of \d+ bytes in all, over the \d+ a rules directory may have/],
    ];
    const bundle = join(dir, 'b.tar.gz');
    await writeBundle(bundle, GOOD);
    for (const [name, make, says] of cases) {
      const rules = join(dir, name);
      mkdirSync(rules);
      make(rules);
      for (const args of [['rules', 'list', '--rules', rules], ['analyze', bundle, '--rules', rules, '--db', join(dir, `${name}.db`)]]) {
        const r = await runCli(args, { cwd: dir, timeoutMs: 60_000 });
        const what = `${name} ${args[0]}: exit ${r.status} ${r.signal ?? ''}\n${r.stderr.slice(0, 400)}`;
        expect(r.status, what).toBe(2);
        expect(r.stderr, what).toMatch(says);
        expect(`${r.stdout}${r.stderr}`, what).not.toMatch(STACK_TRACE);
        expect(r.peakRss, what).toBeLessThan(MEMORY_BOUND);
        expect(r.ms, what).toBeLessThan(30_000);
      }
    }
  }, 300_000);
});
