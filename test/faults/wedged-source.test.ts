import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../bundle/verify.js';
import { tempDir } from '../helpers/tmp.js';
import { childPids, cmdlineOf, ensureBuilt, isDead, readManifest, runCli, startCli, waitFor, writeTree } from './fault-helpers.js';

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
    // `storage` is the earlier name of the `ata` source: --only still accepts it.
    const args = (out: string, timeout: number): string[] => ['collect', '--root', tree, '--only', 'platform,storage', '-o', out, '--timeout', String(timeout)];
    // A deadline counts from the source's start, its worker's start-up (a Node process) included: the deadline must
    // leave a worker the time it takes on this machine now to reach the tree, as it does on a quiet one (well under 2 s).
    const p0 = Date.now();
    expect((await runCli(args(join(dir, 'probe.tar.gz'), 60))).code).toBe(0);
    const deadline = Math.max(2, Math.ceil((Date.now() - p0) / 1000));
    const out = join(dir, 'b.tar.gz');
    const t0 = Date.now();
    const run = startCli(args(out, deadline), {
      env: { NODE_OPTIONS: `--import=${preload}`, FWSNAP_TEST_FIFO: fifo, FWSNAP_TEST_WEDGE_ROOT: tree },
    });
    const cliPid = run.child.pid!;
    const seen = new Set<number>();
    const track = setInterval(() => childPids(cliPid).filter((p) => cmdlineOf(p).includes('worker-main')).forEach((p) => seen.add(p)), 20);
    const { code } = await run.exited;
    clearInterval(track);
    // Two deadlines, the second source's worker opened once the first is seen blocked (4.7-4.9 s at load average 20
    // with 2 s deadlines); each was killed for no progress in its deadline, not by the total limit (six deadlines).
    expect(Date.now() - t0).toBeLessThan(6 * deadline * 1000);
    expect(code, run.stderr()).toBe(0);
    expect(run.stdout()).toMatch(new RegExp(`^ {2}platform: timed out — no progress for ${deadline} s\\b.*; worker killed$`, 'm'));
    expect(run.stdout()).toMatch(new RegExp(`^ {2}ata: timed out — no progress for ${deadline} s\\b.*; worker killed$`, 'm'));
    const m = await readManifest(out);
    expect(m.sources.map((s) => `${s.name} ${s.status}`)).toEqual(expect.arrayContaining(['platform timed_out', 'ata timed_out']));
    for (const s of m.sources.filter((x) => x.status === 'timed_out')) expect(s.durationMs, s.name).toBeGreaterThanOrEqual(deadline * 1000);
    expect((await verifyBundle(out)).ok).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(seen.size).toBe(2);
    // Each worker was blocked on the FIFO when it was killed: the deadline, not its start-up, ended it.
    for (const p of seen) expect(existsSync(`${fifo}.${p}.wedged`)).toBe(true);
    // SIGKILL is final; how soon a loaded machine reaps the process is not what this test measures.
    await waitFor('the killed workers to be gone', () => [...seen].every(isDead), 60_000);
  }, 300_000);
});
