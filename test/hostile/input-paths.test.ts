/**
 * Inputs that are no bundle file at all: a character device that never ends (/dev/zero), one that is always
 * empty (/dev/null), an empty file, a directory. Every command that reads a bundle answers at once with
 * status 2 (verify: 1, does not verify, or 2) and one plain line, never a result nor a stack trace.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOOD } from '../fixtures/hostile/build.js';
import { writeBundle } from '../helpers/bundle.js';
import { runCli, STACK_TRACE } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('inputs that are not bundles', () => {
  it('/dev/zero, /dev/null, an empty file and a directory: status 2 (verify 1 or 2) for every command', async () => {
    const dir = tempDir();
    const good = join(dir, 'good.tar.gz');
    await writeBundle(good, GOOD);
    writeFileSync(join(dir, 'empty'), '');
    mkdirSync(join(dir, 'adir'));
    for (const input of ['/dev/zero', '/dev/null', join(dir, 'empty'), join(dir, 'adir')]) {
      const runs: [string[], number[]][] = [
        [['verify', input], [1, 2]],
        [['analyze', input, '--db', join(dir, 'a.db')], [2]],
        [['query', input, 'SELECT 1 AS one'], [2]],
        [['redact', input, join(dir, 'r.tar.gz')], [1, 2]],
        [['diff', input, good], [2]],
        [['fleet', input, good], [2]],
      ];
      for (const [args, exits] of runs) {
        const r = await runCli(args, { cwd: dir, timeoutMs: 60_000 });
        const what = `${args.join(' ')}: exit ${r.status} ${r.signal ?? ''}\n${r.stdout.slice(0, 200)}${r.stderr.slice(0, 300)}`;
        expect(exits, what).toContain(r.status);
        expect(`${r.stdout}${r.stderr}`, what).not.toMatch(STACK_TRACE);
        expect(`${r.stdout}${r.stderr}`.trim().length, what).toBeGreaterThan(0);
        if (args[0] === 'query') expect(r.stdout, what).not.toMatch(/one/);
      }
    }
  }, 300_000);
});
