import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../bundle/verify.js';
import { collect, CollectError } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';
import { defaultConcurrency } from '../../collector/run/runner.js';
import { childPids, cmdlineOf, ensureBuilt, isDead, runCli, startCli, waitFor, writeTree, type CliRun, type Entry } from './fault-helpers.js';

const preload = fileURLToPath(new URL('../fixtures/faults/wedge-workers.mjs', import.meta.url));
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/sources/${name}`, import.meta.url));
const SOURCES = 'pci,nic,ata,platform';

function smallTree(dir: string): string {
  const tree = join(dir, 'tree');
  writeTree(tree, { 'proc/sys/kernel/osrelease': '6.1.0-test\n', 'proc/cpuinfo': 'processor\t: 0\n' });
  return tree;
}

interface Wedged {
  run: CliRun;
  workers: number[];
  outDir: string;
  out: string;
  tree: string;
}

/** Starts `collect` with every worker blocked on a FIFO (timeout 60 s) and waits until all of them are. */
async function startWedged(entry: Entry): Promise<Wedged> {
  const dir = tempDir();
  const fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const tree = smallTree(dir);
  const outDir = join(dir, 'out');
  mkdirSync(outDir);
  const out = join(outDir, 'b.tar.gz');
  const run = startCli(['collect', '--root', tree, '--only', SOURCES, '-o', out, '--timeout', '60'], {
    env: { NODE_OPTIONS: `--import=${preload}`, FWSNAP_TEST_FIFO: fifo, FWSNAP_TEST_WEDGE_ROOT: tree },
    entry,
  });
  // Through the launcher too: it becomes the collector (exec), so the pid and the workers' parent are the same.
  const cliPid = run.child.pid!;
  const workers = (): number[] => childPids(cliPid).filter((p) => cmdlineOf(p).includes('worker-main'));
  const lanes = defaultConcurrency();
  await waitFor(`${lanes} wedged workers`, () => workers().length === lanes && workers().every((p) => existsSync(`${fifo}.${p}.wedged`)), 20_000);
  expect(readdirSync(outDir)).toEqual([`.b.tar.gz.${cliPid}.partial`]);
  return { run, workers: workers(), outDir, out, tree };
}

async function exitWithin(run: CliRun, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`collect did not exit within ${ms} ms of the signal`)), ms)));
  try {
    return await Promise.race([run.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('signals during collect', () => {
  beforeAll(ensureBuilt);

  // `node dist/cli/main.js` forks its first worker; npm's bin (the launcher) starts it beside the collector.
  for (const entry of ['node', 'launcher'] as const) {

    for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      it(`${entry}, ${sig}: stops at once, kills the workers, removes the temporary file, says so and exits ${code}`, async () => {
        const w = await startWedged(entry);
        w.run.child.kill(sig);
        const exit = await exitWithin(w.run, 5000);
        expect(w.run.stderr()).toBe(`\nfwsnap: ${sig} received, stopping; no bundle will be written\nfwsnap collect: collection interrupted; no bundle written\n`);
        expect(exit).toEqual({ code, signal: null });
        expect(readdirSync(w.outDir)).toEqual([]);
        await waitFor('the workers to be gone', () => w.workers.every(isDead), 5000);
      });
    }

    it(`${entry}, SIGKILL: never a file at the output path, the workers die with the collector, and the next run cleans up`, async () => {
      const w = await startWedged(entry);
      const cliPid = w.run.child.pid!;
      w.run.child.kill('SIGKILL');
      expect(await exitWithin(w.run, 5000)).toEqual({ code: null, signal: 'SIGKILL' });
      expect(readdirSync(w.outDir)).toEqual([`.b.tar.gz.${cliPid}.partial`]);
      await waitFor('the orphaned workers to be killed', () => w.workers.every(isDead), 5000);

      const again = await runCli(['collect', '--root', w.tree, '--only', SOURCES, '-o', w.out, '--timeout', '20'], { entry });
      expect(again.code, again.stderr).toBe(0);
      expect(readdirSync(w.outDir)).toEqual(['b.tar.gz']);
      expect((await verifyBundle(w.out)).ok).toBe(true);
    });

    it(`${entry}, fwsnap check: SIGINT while collecting stops it, removes its temporary directory and exits 130`, async () => {
      const dir = tempDir();
      const fifo = join(dir, 'fifo');
      execFileSync('mkfifo', [fifo]);
      const tree = smallTree(dir);
      const tmp = join(dir, 'tmp');
      mkdirSync(tmp);
      const run = startCli(['check', '--root', tree, '--timeout', '60'], {
        env: { NODE_OPTIONS: `--import=${preload}`, FWSNAP_TEST_FIFO: fifo, FWSNAP_TEST_WEDGE_ROOT: tree, TMPDIR: tmp },
        entry,
      });
      const workers = (): number[] => childPids(run.child.pid!).filter((p) => cmdlineOf(p).includes('worker-main'));
      await waitFor('a wedged worker', () => workers().some((p) => existsSync(`${fifo}.${p}.wedged`)), 20_000);
      const seen = workers();
      expect(readdirSync(tmp)).toEqual([expect.stringMatching(/^fwsnap-check-/)]);
      run.child.kill('SIGINT');
      expect(await exitWithin(run, 5000)).toEqual({ code: 130, signal: null });
      expect(run.stderr()).toBe('\nfwsnap: SIGINT received, stopping; no bundle will be written\nfwsnap check: collection interrupted; no bundle written\n');
      expect(readdirSync(tmp)).toEqual([]);
      await waitFor('the workers to be gone', () => seen.every(isDead), 5000);
    });
  }

  it('collect() with an aborted signal rejects at once, leaves nothing and kills its workers', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    process.env.FWSNAP_TEST_FIFO = fifo;
    const out = join(dir, 'b.tar.gz');
    const controller = new AbortController();
    const t0 = Date.now();
    const err = await collect({
      output: out,
      timeoutSeconds: 60,
      signal: controller.signal,
      sources: [{ name: 'wedged', modulePath: fixture('wedged.mjs') }, { name: 'spinning', modulePath: fixture('spinning.mjs') }],
      onEvent: (_src, m) => {
        if (m.type === 'device') setTimeout(() => controller.abort(), 200);
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectError);
    expect((err as Error).message).toBe('collection interrupted; no bundle written');
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(readdirSync(dir)).toEqual(['fifo']);
    await waitFor('no worker left', () => childPids(process.pid).every(isDead), 5000);
  });
});
