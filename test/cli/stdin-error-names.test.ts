import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../faults/fault-helpers.js';
import { writeBundle } from '../helpers/bundle.js';
import { CLI, runCli, STACK_TRACE } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

/** What fwsnap makes of a pipe (its private spool file) is never what an error names: the input is `-`. */
describe('errors about a bundle read from stdin name it -', () => {
  beforeAll(ensureBuilt);

  it('query, diff, redact and analyze of something on stdin that is not a bundle', async () => {
    const dir = tempDir();
    const good = join(dir, 'good.tar.gz');
    await writeBundle(good, [{ name: 'proc/sys/kernel/osrelease', data: '6.1.0\n' }]);
    const inputs = { empty: Buffer.alloc(0), text: Buffer.from('not a bundle\n'), 'gzip of text': gzipSync('not a tar archive\n'.repeat(50)) };
    const commands: [string[], number][] = [
      [['query', '-', 'SELECT 1'], 2],
      [['diff', '-', good], 2],
      [['redact', '-', join(dir, 'out.tar.gz')], 1],
      [['analyze', '-'], 2],
    ];
    for (const [what, input] of Object.entries(inputs)) {
      for (const [args, status] of commands) {
        const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', timeout: 60_000 });
        const said = `${args.join(' ')} < ${what}`;
        // An empty stdin is no bundle at all: unusable input (test/cli/empty-input.test.ts), not one that does not verify.
        expect(r.status, `${said}: ${r.stderr}`).toBe(what === 'empty' ? 2 : status);
        expect(r.stderr, said).not.toMatch(STACK_TRACE);
        expect(r.stderr, said).not.toMatch(/fwsnap-stdin-|stdin\.tar\.gz/);
        expect(r.stderr, said).toMatch(/(^|\s)-(:| does not verify)/m);
      }
    }
  }, 240_000);

  it('query with no SQL statement says so in its own words', async () => {
    const dir = tempDir();
    const good = join(dir, 'good.tar.gz');
    await writeBundle(good, [{ name: 'proc/sys/kernel/osrelease', data: '6.1.0\n' }]);
    for (const sql of ['', '   ']) {
      const r = await runCli(['query', good, sql]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe('fwsnap query: no SQL statement given\n');
    }
  }, 60_000);
});
