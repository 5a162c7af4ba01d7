import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../faults/fault-helpers.js';
import { writeBundle } from '../helpers/bundle.js';
import { CLI, STACK_TRACE } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

/** `fwsnap … > file` on a full disk: one line on stderr saying so, status 2 (it used to end with status 2 and nothing said). */
describe.skipIf(!existsSync('/dev/full'))('stdout that cannot be written (/dev/full: ENOSPC)', () => {
  beforeAll(ensureBuilt);

  it('every command writing to stdout says so in one line on stderr, status 2', async () => {
    const dir = tempDir();
    const good = join(dir, 'good.tar.gz');
    await writeBundle(good, [{ name: 'proc/sys/kernel/osrelease', data: '6.1.0\n' }]);
    const full = openSync('/dev/full', 'w');
    try {
      for (const args of [['analyze', good], ['analyze', '--format', 'html', good], ['query', good, 'SELECT * FROM artifacts'], ['verify', good], ['rules', 'list']]) {
        const r = spawnSync(process.execPath, [CLI, ...args], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 60_000 });
        expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(2);
        expect(r.stderr, args.join(' ')).not.toMatch(STACK_TRACE);
        expect(r.stderr, args.join(' ')).toBe('fwsnap: cannot write to standard output: no space left on device (ENOSPC)\n');
      }
    } finally {
      closeSync(full);
    }
  }, 180_000);
});
