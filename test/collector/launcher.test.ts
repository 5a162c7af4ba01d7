import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../bundle/reader.js';
import { TOOL_VERSION } from '../../bundle/version.js';
import { earlyStart } from '../../cli/early-start.js';
import { collect } from '../../collector/collect.js';
import { SOURCE_NAMES } from '../../collector/classes/index.js';
import { prestartWorkers } from '../../collector/run/worker-pool.js';
import { FAKEHOST } from '../cli/cli-helpers.js';
import { ensureBuilt, isDead, LAUNCHER, readManifest, runCli, waitFor, writeTree, type Entry } from '../faults/fault-helpers.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * npm's bin, bin/fwsnap, is a POSIX sh launcher: for collect and check it starts the first worker beside the
 * collector instead of the collector forking it once its Node has started. The worker must be the same as a
 * forked one: the same bundle, killed and replaced on a deadline, dead with the collector (test/faults/signals).
 */
const record = fileURLToPath(new URL('../fixtures/faults/record-workers.mjs', import.meta.url));
const wedge = fileURLToPath(new URL('../fixtures/faults/wedge-workers.mjs', import.meta.url));
const linger = fileURLToPath(new URL('../fixtures/faults/linger-workers.mjs', import.meta.url));

interface WorkerRecord {
  pid: number;
  args: string[];
  ppid: number;
  extraCerts: string | null;
}

function workersOf(dir: string): WorkerRecord[] {
  return readdirSync(dir).map((f) => ({ pid: Number(f.replace('.json', '')), ...(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Omit<WorkerRecord, 'pid'>) }));
}

/** Every artifact's name and sha256, and the sources' statuses: what two collections of one tree share. */
async function contents(bundle: string): Promise<{ artifacts: string[]; sources: string[] }> {
  const m = await readManifest(bundle);
  return { artifacts: m.artifacts.map((a) => `${a.name} ${a.sha256}`).sort(), sources: m.sources.map((s) => `${s.name} ${s.status}`) };
}

describe('the launcher (bin/fwsnap)', () => {
  beforeAll(ensureBuilt);

  it('starts the worker beside the collector, as the collector\'s child, and the bundle is the forked worker\'s', async () => {
    const dir = tempDir();
    const bundles: Record<Entry, string> = { node: join(dir, 'node.tar.gz'), launcher: join(dir, 'launcher.tar.gz') };
    const seen: Record<Entry, WorkerRecord[]> = { node: [], launcher: [] };
    for (const entry of ['node', 'launcher'] as const) {
      const rec = join(dir, `workers-${entry}`);
      mkdirSync(rec);
      const r = await runCli(['collect', '--root', FAKEHOST, '-q', '-o', bundles[entry]], { entry, env: { NODE_OPTIONS: `--import=${record}`, FWSNAP_TEST_RECORD_WORKERS: rec } });
      expect(r.code, r.stderr).toBe(0);
      seen[entry] = workersOf(rec);
    }
    // Forked workers have an IPC channel; the launcher's one reads its commands from standard input. A loaded
    // machine may open a second lane (a forked worker) beside either.
    expect(seen.node.length).toBeGreaterThanOrEqual(1);
    expect(seen.node.filter((w) => w.args[1] !== undefined)).toEqual([]);
    const launched = seen.launcher.filter((w) => w.args[1] === 'stdin');
    expect(launched).toHaveLength(1);
    expect(seen.launcher.filter((w) => w.args[1] !== 'stdin' && w.args[1] !== undefined)).toEqual([]);
    // The launcher became the collector (exec): the worker's parent is the collector, the pid it was given.
    expect(launched[0]!.ppid).toBe(Number(launched[0]!.args[0]));
    expect(await contents(bundles.launcher)).toEqual(await contents(bundles.node));
    await waitFor('the workers to be gone', () => seen.launcher.every((w) => isDead(w.pid)), 5000);
  }, 120_000);

  it('no collect process is started with NODE_EXTRA_CA_CERTS (Node would read every certificate it names first)', async () => {
    const dir = tempDir();
    // A file that does not exist: a Node process started with it says so on its standard error.
    const certs = join(dir, 'missing.pem');
    for (const entry of ['node', 'launcher'] as const) {
      const rec = join(dir, `workers-${entry}`);
      mkdirSync(rec);
      const r = await runCli(['collect', '--root', FAKEHOST, '-q', '-o', join(dir, `${entry}.tar.gz`)], {
        entry,
        env: { NODE_OPTIONS: `--import=${record}`, FWSNAP_TEST_RECORD_WORKERS: rec, NODE_EXTRA_CA_CERTS: certs },
      });
      expect(r.code, r.stderr).toBe(0);
      const workers = workersOf(rec);
      expect(workers.length, entry).toBeGreaterThanOrEqual(1);
      expect(workers.map((w) => w.extraCerts), entry).toEqual(workers.map(() => null));
      // `node dist/cli/main.js` itself was started with it by this test (so the variable does take effect); the launcher drops it.
      if (entry === 'node') expect(r.stderr).toContain(certs);
      else expect(r.stderr).toBe('');
    }
  }, 120_000);

  it('launches the worker under dash, bash and busybox sh alike (each makes its pipes from here-documents)', async () => {
    const shells = [['dash'], ['bash'], ['busybox', 'sh']].filter(([cmd]) => spawnSync(cmd!, ['-c', 'exit 0']).status === 0);
    expect(shells.map((s) => s[0])).toContain('dash');
    for (const shell of shells) {
      const dir = tempDir();
      const rec = join(dir, 'workers');
      mkdirSync(rec);
      const out = join(dir, 'b.tar.gz');
      const r = spawnSync(shell[0]!, [...shell.slice(1), LAUNCHER, 'collect', '--root', FAKEHOST, '-q', '-o', out], {
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: `--import=${record}`, FWSNAP_TEST_RECORD_WORKERS: rec },
        timeout: 120_000,
      });
      expect(r.status, `${shell.join(' ')}: ${r.stderr}`).toBe(0);
      expect(workersOf(rec).filter((w) => w.args[1] === 'stdin'), shell.join(' ')).toHaveLength(1);
      expect((await readBundle(out, () => undefined)).problems).toEqual([]);
    }
  }, 180_000);

  it('kills a launched worker wedged in a read at the deadline; the others finish the collection', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const tree = join(dir, 'tree');
    writeTree(tree, { 'proc/sys/kernel/osrelease': '6.1.0-test\n', 'proc/cpuinfo': 'processor\t: 0\n' });
    const rec = join(dir, 'workers');
    mkdirSync(rec);
    const out = join(dir, 'b.tar.gz');
    const r = await runCli(['collect', '--root', tree, '--only', 'pci,cpu', '-o', out, '--timeout', '2'], {
      entry: 'launcher',
      env: { NODE_OPTIONS: `--import=${wedge} --import=${record}`, FWSNAP_TEST_FIFO: fifo, FWSNAP_TEST_WEDGE_ROOT: tree, FWSNAP_TEST_RECORD_WORKERS: rec },
    });
    expect(r.code, r.stderr).toBe(0);
    const m = await readManifest(out);
    // Every worker wedges on its first read of the tree: the launched one on the first source, a forked one on
    // the next; each is killed at its 2 s deadline.
    expect(m.sources.filter((s) => s.reason !== 'excluded by --only/--skip').map((s) => [s.name, s.status])).toEqual([
      ['pci', 'timed_out'],
      ['cpu', 'timed_out'],
    ]);
    expect(m.sources[0]!.reason).toMatch(/^no progress for 2 s.*worker killed$/);
    const workers = workersOf(rec);
    expect(workers.filter((w) => w.args[1] === 'stdin')).toHaveLength(1);
    await waitFor('every worker to be gone', () => workers.every((w) => isDead(w.pid)), 5000);
    expect((await readBundle(out, () => undefined)).problems).toEqual([]);
  }, 120_000);

  it('waits for a worker that has closed its pipes but not yet exited, up to its release deadline (1 s), and exits 0', async () => {
    // Its pipes closed, the launched worker is reaped by polling; Node once ended there with the collection's
    // wait pending (exit status 13) because nothing it waited on kept the process alive.
    const dir = tempDir();
    for (const [entry, ms] of [
      ['launcher', 300],
      ['node', 300],
      ['launcher', 3000],
    ] as const) {
      const out = join(dir, `${entry}-${ms}.tar.gz`);
      const r = await runCli(['collect', '--root', FAKEHOST, '-q', '-o', out], { entry, env: { NODE_OPTIONS: `--import=${linger}`, FWSNAP_TEST_LINGER_MS: String(ms) } });
      expect(r.code, `${entry} ${ms} ms: ${r.stderr}`).toBe(0);
      expect((await readBundle(out, () => undefined)).problems).toEqual([]);
    }
  }, 120_000);

  it('runs other commands, and collect --help, as `node dist/cli/main.js` does', () => {
    const v = spawnSync(LAUNCHER, ['--version'], { encoding: 'utf8' });
    expect(v.stdout.trim()).toBe(TOOL_VERSION);
    expect(v.status).toBe(0);
    const h = spawnSync(LAUNCHER, ['collect', '--help'], { encoding: 'utf8' });
    expect(h.stdout).toMatch(/--include-eeprom/);
    expect(h.status).toBe(0);
  });
});

describe('the early start (cli/early-start.ts)', () => {
  const sent = { source: '', root: '/', includeEeprom: false, includeGpu: false };

  it('sends the first default source only for a plain collect of the live host', () => {
    for (const args of [['collect'], ['-q', 'collect', '-o', 'b.tar.gz'], ['collect', '--output=x', '--timeout', '5', '--force', '-v'], ['collect', '-o', '--only']])
      expect(earlyStart(args), args.join(' ')).toEqual(sent);
    for (const args of [
      ['check'],
      ['analyze', 'collect'],
      ['collect', '--root', '/'],
      ['collect', '--only', 'cpu'],
      ['collect', '--skip=pci'],
      ['collect', '--include-eeprom'],
      ['collect', '--include-gpu'],
      ['collect', '--redact'],
      ['collect', '-qo', 'b.tar.gz'],
      ['collect', 'extra'],
      ['collect', '--unknown'],
    ])
      expect(earlyStart(args), args.join(' ')).toBeUndefined();
    // The single-file collector has no -q/-v.
    expect(earlyStart(['collect', '-o', 'b.tar.gz'], false)).toEqual(sent);
    expect(earlyStart(['collect', '-q'], false)).toBeUndefined();
  });

  /** Collects FAKEHOST in this process, the first worker having been sent `early` before collect() was called. */
  async function collectAfterEarly(dir: string, name: string, early: typeof sent | undefined, only?: string[]) {
    const rec = join(dir, `workers-${name}`);
    mkdirSync(rec);
    const before = { opts: process.env.NODE_OPTIONS, rec: process.env.FWSNAP_TEST_RECORD_WORKERS };
    process.env.NODE_OPTIONS = `--import=${record}`;
    process.env.FWSNAP_TEST_RECORD_WORKERS = rec;
    try {
      if (early) prestartWorkers(1, early);
      const artifactMessages = new Map<string, number>();
      const out = join(dir, `${name}.tar.gz`);
      const r = await collect({ output: out, root: FAKEHOST, only, onEvent: (src, m) => void (m.type === 'artifact' && artifactMessages.set(src, (artifactMessages.get(src) ?? 0) + 1)) });
      return { out, manifest: r.manifest, artifactMessages, workers: workersOf(rec) };
    } finally {
      process.env.NODE_OPTIONS = before.opts;
      process.env.FWSNAP_TEST_RECORD_WORKERS = before.rec;
      if (before.opts === undefined) delete process.env.NODE_OPTIONS;
      if (before.rec === undefined) delete process.env.FWSNAP_TEST_RECORD_WORKERS;
    }
  }

  it('the collection takes over the source its worker was sent early: run once, the same bundle', async () => {
    const dir = tempDir();
    const early = { ...sent, root: FAKEHOST };
    const plain = await collectAfterEarly(dir, 'plain', undefined);
    const taken = await collectAfterEarly(dir, 'early', early);
    expect(taken.workers.length).toBeGreaterThanOrEqual(1);
    const first = SOURCE_NAMES[0]!;
    // Each of the first source's artifacts reached the collector once: it was not sent a second time.
    expect(taken.artifactMessages.get(first)).toBe(taken.manifest.artifacts.filter((a) => a.source === first).length);
    expect(taken.artifactMessages.get(first)).toBeGreaterThan(0);
    expect(await contents(taken.out)).toEqual(await contents(plain.out));
  }, 120_000);

  it('a collection that does not ask for that source kills the worker: nothing it read is kept', async () => {
    const dir = tempDir();
    const early = { ...sent, root: FAKEHOST };
    const plain = await collectAfterEarly(dir, 'plain', undefined, ['cpu']);
    const r = await collectAfterEarly(dir, 'other', early, ['cpu']);
    expect(SOURCE_NAMES[0]).not.toBe('cpu');
    expect([...r.artifactMessages.keys()]).toEqual(['cpu']);
    expect(await contents(r.out)).toEqual(await contents(plain.out));
    // The early worker (killed, perhaps before it had loaded enough to record itself) and the one forked for cpu.
    expect(r.workers.length).toBeGreaterThanOrEqual(1);
    await waitFor('the workers to be gone', () => r.workers.every((w) => isDead(w.pid)), 5000);
  }, 120_000);
});
