/**
 * Faults around the read-side commands (issue 12 item 8): a full disk and a read-only filesystem under
 * the output, the database and TMPDIR; a file-size limit; SIGKILL at random points; several analyses writing one --db.
 * Every run: a documented exit status, no stack trace, under 300 MB, nothing left where it should not be.
 * Mounting needs root; the kill and concurrency cases run for everyone.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { GOOD } from '../fixtures/hostile/build.js';
import { kernelLogText, writeGeneratedBundle } from '../fixtures/hostile/sizes.js';
import { CLI, MB, MEMORY_BOUND, runCli, STACK_TRACE, type CliRun } from '../helpers/run-cli.js';

const isRoot = process.getuid?.() === 0;
const dir = mkdtempSync(join(tmpdir(), 'fwsnap-faults-'));
const bundle = join(dir, 'b.tar.gz');

beforeAll(async () => {
  // A kernel log of 24 MiB in 3 MiB pieces: analyze spools it (over the in-memory budget) and takes seconds.
  const piece = 3 * MB;
  await writeGeneratedBundle(bundle, [
    ...GOOD.map((g) => ({ name: g.name, size: g.data.length, pieces: () => [g.data] })),
    ...Array.from({ length: 8 }, (_, i) => ({ name: `sys/kernel/debug/log${i}`, size: piece, pieces: kernelLogText(piece) })),
    { name: 'dev/kmsg', size: 2 * MB, pieces: kernelLogText(2 * MB) },
  ]);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function work(): string {
  const w = mkdtempSync(join(dir, 'w-'));
  mkdirSync(join(w, 'tmp'));
  return w;
}

function sane(r: CliRun, statuses: number[], what: string): void {
  const said = `${what}: exit ${r.status} ${r.signal ?? ''}, ${Math.round(r.peakRss / MB)} MB\n${r.stderr.slice(0, 500)}`;
  expect(statuses, said).toContain(r.status);
  expect(`${r.stdout}${r.stderr}`, said).not.toMatch(STACK_TRACE);
  expect(r.stderr, said).not.toMatch(/internal error/);
  expect(r.peakRss, said).toBeLessThanOrEqual(MEMORY_BOUND);
}

function mountTmpfs(size: string, readOnly = false): string {
  const d = mkdtempSync(join(dir, 'mnt-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0777${readOnly ? ',ro' : ''}`, 'tmpfs', d]);
  onTestFinished(() => {
    execFileSync('umount', [d]);
    rmdirSync(d);
  });
  return d;
}

describe.skipIf(!isRoot)('a full disk or a read-only filesystem', () => {
  it('redact onto a full disk: exit 2 naming it, nothing left there', async () => {
    const disk = mountTmpfs('256k');
    const r = await runCli(['redact', bundle, join(disk, 'out.tar.gz')], { cwd: work() });
    sane(r, [2], 'redact to a full disk');
    expect(r.stderr).toMatch(/full|ENOSPC/);
    expect(readdirSync(disk)).toEqual([]);
  });

  it('analyze with --db on a full disk: exit 2 naming the database', async () => {
    const disk = mountTmpfs('64k');
    const db = join(disk, 'a.db');
    const r = await runCli(['analyze', bundle, '--db', db], { cwd: work() });
    sane(r, [2], 'analyze --db on a full disk');
    expect(r.stderr).toContain(db);
  });

  it('analyze with TMPDIR on a full disk: exit 2 saying where, nothing left in TMPDIR', async () => {
    const disk = mountTmpfs('1m');
    const w = work();
    const r = await runCli(['analyze', bundle, '--db', join(w, 'a.db')], { cwd: w, env: { ...process.env, TMPDIR: disk } });
    sane(r, [2], 'analyze with a full TMPDIR');
    expect(r.stderr).toMatch(/TMPDIR|temporary/);
    expect(readdirSync(disk)).toEqual([]);
  });

  it('redact and analyze onto a read-only filesystem: exit 2, nothing written', async () => {
    const ro = mountTmpfs('1m', true);
    sane(await runCli(['redact', bundle, join(ro, 'out.tar.gz')], { cwd: work() }), [2], 'redact to a read-only fs');
    const r = await runCli(['analyze', bundle, '--db', join(ro, 'a.db')], { cwd: work() });
    sane(r, [2], 'analyze --db on a read-only fs');
    expect(r.stderr).toContain(join(ro, 'a.db'));
    expect(readdirSync(ro)).toEqual([]);
  });
});

describe('SIGKILL at random points', () => {
  /** Kill times spread over a run, from a fixed seed so a failure can be replayed. */
  const times = (seed: number, n: number, upTo: number): number[] => {
    let x = seed;
    return Array.from({ length: n }, () => ((x = (x * 1103515245 + 12345) >>> 0) % upTo) + 50);
  };

  it('a killed redact leaves no bundle at its output, and the next run succeeds and removes the leftovers', async () => {
    const w = work();
    const out = join(w, 'out.tar.gz');
    for (const ms of times(12, 4, 2500)) {
      await runCli(['redact', bundle, out], { cwd: w, killAfterMs: ms, env: { ...process.env, TMPDIR: join(w, 'tmp') } });
      const left = readdirSync(w).filter((f) => f !== 'tmp');
      // Killed before the rename: nothing at OUT (a finished run may have won the race: then it is whole).
      if (existsSync(out)) sane(await runCli(['verify', out], { cwd: w }), [0], `verify after a kill at ${ms} ms`);
      expect(left.filter((f) => !/^out\.tar\.gz(?:\.redaction-map\.json)?$|^\.out\.tar\.gz\.\d+\.partial$/.test(f)), `after a kill at ${ms} ms`).toEqual([]);
      rmSync(out, { force: true });
      rmSync(`${out}.redaction-map.json`, { force: true });
    }
    sane(await runCli(['redact', bundle, out], { cwd: w, env: { ...process.env, TMPDIR: join(w, 'tmp') } }), [0], 'redact after the kills');
    expect(readdirSync(w).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(readdirSync(join(w, 'tmp'))).toEqual([]);
  }, 120_000);

  it('a killed analyze leaves a database the next analyze and query use', async () => {
    const w = work();
    for (const ms of times(7, 4, 3000)) {
      await runCli(['analyze', bundle, '--db', 'a.db'], { cwd: w, killAfterMs: ms });
      // Killed before the database had its tables, query says so (2); after, it reads it (0).
      sane(await runCli(['query', 'a.db', 'SELECT COUNT(*) AS n FROM bundles'], { cwd: w }), [0, 2], `query after a kill at ${ms} ms`);
    }
    sane(await runCli(['analyze', bundle, '--db', 'a.db'], { cwd: w }), [0, 1], 'analyze after the kills');
  }, 120_000);
});

describe('several writers to one --db', () => {
  it('three analyses at once: each finishes or says the database is busy, none crashes, the database stays usable', async () => {
    const w = work();
    const runs = await Promise.all([0, 1, 2].map(() => runCli(['analyze', bundle, '--db', 'a.db'], { cwd: w })));
    for (const r of runs) {
      sane(r, [0, 1, 2], 'concurrent analyze');
      if (r.status === 2) expect(r.stderr).toMatch(/a\.db/);
    }
    expect(runs.some((r) => r.status === 0 || r.status === 1)).toBe(true);
    const q = await runCli(['query', 'a.db', 'SELECT COUNT(*) AS n FROM bundles WHERE complete = 1'], { cwd: w });
    sane(q, [0], 'query after concurrent analyses');
  }, 120_000);
});

describe('a file-size limit (RLIMIT_FSIZE, `ulimit -f`): the same as a full disk, for everyone', () => {
  /** The CLI under `ulimit -f KB`: writes past the limit fail with EFBIG (node ignores SIGXFSZ). */
  const limited = (kb: number, args: string[], cwd: string): { status: number | null; signal: string | null; stderr: string; stdout: string } => {
    const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const r = spawnSync('bash', ['-c', `ulimit -f ${kb} && exec ${quoted}`], { cwd, encoding: 'utf8', env: { ...process.env, TMPDIR: join(cwd, 'tmp') }, timeout: 120_000 });
    return { status: r.status, signal: r.signal, stderr: r.stderr, stdout: r.stdout };
  };

  it('redact, analyze and query: exit 2 with one line naming the file, nothing at the output, the database usable afterwards', () => {
    const w = work();
    const red = limited(64, ['redact', bundle, 'out.tar.gz'], w);
    expect([red.status, red.signal], red.stderr).toEqual([2, null]);
    expect(red.stderr).toMatch(/EFBIG|too large/);
    expect(red.stderr).not.toMatch(STACK_TRACE);
    expect(readdirSync(w).filter((f) => f !== 'tmp')).toEqual([]);
    const an = limited(16, ['analyze', bundle, '--db', 'a.db'], w);
    expect([an.status, an.signal], an.stderr).toEqual([2, null]);
    expect(an.stderr).toMatch(/a\.db/);
    expect(an.stderr).not.toMatch(STACK_TRACE);
    const q = limited(64, ['query', bundle, 'SELECT COUNT(*) AS n FROM artifacts'], w);
    expect([q.status, q.signal], q.stderr).toEqual([2, null]);
    expect(q.stderr).toMatch(/temporary|TMPDIR/);
    expect(readdirSync(join(w, 'tmp'))).toEqual([]);
    // Without the limit the same database takes the bundle.
    const again = spawnSync(process.execPath, [CLI, 'analyze', bundle, '--db', 'a.db'], { cwd: w, encoding: 'utf8' });
    expect([0, 1], again.stderr).toContain(again.status);
  }, 240_000);
});
