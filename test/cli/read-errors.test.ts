/**
 * A bundle path that opens but cannot be read (EIO: /proc/self/mem reads fail at offset 0) is one line naming it and
 * status 2 for every command that reads bundles, never "internal error": the first bytes read to tell a report, a
 * database or a gzip file from a bundle used to throw past the commands' error handling.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBundle } from '../helpers/bundle.js';
import { runCli, STACK_TRACE } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

const UNREADABLE = '/proc/self/mem';

describe.runIf(existsSync(UNREADABLE))('a bundle path that cannot be read', () => {
  it('analyze, fleet, query and diff: one line naming it, status 2', async () => {
    const dir = tempDir();
    const good = join(dir, 'good.tar.gz');
    await writeBundle(good, [{ name: 'proc/sys/kernel/osrelease', data: '6.1.0\n' }]);
    for (const args of [['analyze', UNREADABLE], ['fleet', UNREADABLE], ['query', UNREADABLE, 'SELECT 1'], ['diff', UNREADABLE, good]]) {
      const r = await runCli(args, { cwd: dir });
      const said = `${args.join(' ')}: ${r.stderr}`;
      expect(r.status, said).toBe(2);
      expect(r.stderr, said).not.toMatch(/internal error/);
      expect(r.stderr, said).not.toMatch(STACK_TRACE);
      expect(r.stderr, said).toMatch(/\/proc\/self\/mem/);
      expect(r.stdout, said).toBe('');
    }
  }, 120_000);

  it('verify and redact: it cannot be read (status 2), not "does not verify" (status 1)', async () => {
    const dir = tempDir();
    for (const args of [['verify', UNREADABLE], ['redact', UNREADABLE, join(dir, 'r.tar.gz')]]) {
      const r = await runCli(args, { cwd: dir });
      const said = `${args.join(' ')}: ${r.stderr}`;
      expect(r.stderr, said).toMatch(/^fwsnap (verify|redact): cannot read \/proc\/self\/mem: /);
      expect(r.stderr.trim().split('\n'), said).toHaveLength(1);
      expect(r.status, said).toBe(2);
      expect(r.stdout, said).toBe('');
    }
    expect(existsSync(join(dir, 'r.tar.gz'))).toBe(false);
  }, 60_000);

  it('a /proc file says 0 bytes and holds text: it is not called empty, it does not verify', async () => {
    const r = await runCli(['verify', '/proc/version']);
    expect(r.stderr).not.toMatch(/empty/);
    expect(r.stdout).toMatch(/^\/proc\/version: FAILED/);
    expect(r.status).toBe(1);
  }, 60_000);
});
