import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../bundle/verify.js';
import { tempDir } from '../helpers/tmp.js';
import { childPids, cmdlineOf, ensureBuilt, isDead, readManifest, startCli, waitFor, writeTree } from './fault-helpers.js';

const preload = fileURLToPath(new URL('../fixtures/faults/wedge-workers.mjs', import.meta.url));

// test/collector/deadline.test.ts covers collect() with wedged and spinning sources; this is the same
// fault through the CLI, checking that the killed workers are really gone.
describe('a source that blocks forever, through the CLI', () => {
  beforeAll(ensureBuilt);

  it('costs that source its deadline: timed out in the manifest and the summary, workers killed, bundle valid', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const tree = join(dir, 'tree');
    writeTree(tree, { 'proc/sys/kernel/osrelease': '6.1.0-test\n' });
    const out = join(dir, 'b.tar.gz');
    const t0 = Date.now();
    // `storage` is the earlier name of the `ata` source: --only still accepts it.
    const run = startCli(['collect', '--root', tree, '--only', 'platform,storage', '-o', out, '--timeout', '2'], {
      env: { NODE_OPTIONS: `--import=${preload}`, FWSNAP_TEST_FIFO: fifo, FWSNAP_TEST_WEDGE_ROOT: tree },
    });
    const cliPid = run.child.pid!;
    const seen = new Set<number>();
    const track = setInterval(() => childPids(cliPid).filter((p) => cmdlineOf(p).includes('worker-main')).forEach((p) => seen.add(p)), 20);
    const { code } = await run.exited;
    clearInterval(track);
    // Two 2 s deadlines, the second source's worker opened once the first is seen blocked; room for a loaded
    // machine (4.7-4.9 s at load average 20).
    expect(Date.now() - t0).toBeLessThan(12_000);
    expect(code, run.stderr()).toBe(0);
    expect(run.stdout()).toMatch(/^ {2}platform: timed out — .*\b2 s\b.*; worker killed$/m);
    expect(run.stdout()).toMatch(/^ {2}ata: timed out — .*\b2 s\b.*; worker killed$/m);
    const m = await readManifest(out);
    expect(m.sources.map((s) => `${s.name} ${s.status}`)).toEqual(expect.arrayContaining(['platform timed_out', 'ata timed_out']));
    expect((await verifyBundle(out)).ok).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(seen.size).toBe(2);
    for (const p of seen) expect(existsSync(`${fifo}.${p}.wedged`)).toBe(true);
    await waitFor('the killed workers to be gone', () => [...seen].every(isDead), 3000);
  });
});
