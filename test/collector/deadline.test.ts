import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../bundle/verify.js';
import { collect } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/sources/${name}`, import.meta.url));

describe('a wedged device costs its source, never the run', () => {
  beforeAll(() => {
    if (!existsSync(new URL('../../dist/collector/run/worker-main.cjs', import.meta.url))) execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
  });

  it('finishes soon after the timeout with a valid bundle', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    process.env.FWSNAP_TEST_FIFO = fifo;
    const out = join(dir, 'b.tar.gz');
    const t0 = Date.now();
    const r = await collect({
      output: out,
      timeoutSeconds: 2,
      sources: [
        { name: 'wedged', modulePath: fixture('wedged.mjs') },
        { name: 'spinning', modulePath: fixture('spinning.mjs') },
        { name: 'platform' },
      ],
    });
    const elapsed = Date.now() - t0;
    // Each blocked source costs its 2 s deadline, the second in a worker opened beside the first once that one is
    // seen waiting (test/collector/lanes.test.ts proves "beside"); here only that nothing waits longer, with room
    // for worker starts on a loaded machine (3.9-4.6 s at load average 20).
    expect(elapsed).toBeLessThan(10_000);
    const status = Object.fromEntries(r.manifest.sources.map((s) => [s.name, s.status]));
    expect(status).toEqual({ wedged: 'timed_out', spinning: 'timed_out', platform: expect.stringMatching(/^(ok|partial)$/) });
    const wedged = r.manifest.sources.find((s) => s.name === 'wedged')!;
    expect(wedged.reason).toMatch(/no progress for 2 s while at test wedged0/);
    expect(wedged.devices).toEqual({ test: 1 });
    // What the spinning source stored before its deadline is kept.
    expect(r.manifest.artifacts.find((a) => a.name === 'proc/loadavg')?.source).toBe('spinning');
    expect((await verifyBundle(out)).ok).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['b.tar.gz', 'fifo']);
  });
});
