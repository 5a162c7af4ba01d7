/**
 * SIGKILL at seeded random moments and concurrent writers (issue 12 item 8, faults): after a kill, what the
 * command writes is either as it was before or complete, never half — the database holds the bundles it held
 * plus, at most, the new one judged (its rule results with it); an output path holds the old file or a whole
 * new bundle that verifies. Two writers to one place end with one whole result; a reader beside a writer
 * always reads a consistent state. Kill moments are fractions of a run measured first on this machine, so
 * they land inside the run however loaded it is; FWSNAP_KILL_SEED replays another schedule.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../bundle/verify.js';
import { GOOD } from '../fixtures/hostile/build.js';
import { kernelLogText, writeGeneratedBundle } from '../fixtures/hostile/sizes.js';
import { tarOf, type RawEntry } from '../fixtures/hostile/tar-raw.js';
import { sosMarkers } from '../import/report-builder.js';
import { writeBundle } from '../helpers/bundle.js';
import { MB, MEMORY_BOUND, runCli, STACK_TRACE, type CliRun } from '../helpers/run-cli.js';
import { writeTree } from '../faults/fault-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-kill-'));
const small = join(dir, 'small.tar.gz');
const slow = join(dir, 'slow.tar.gz');
const other = join(dir, 'other.tar.gz');
const report = join(dir, 'sosreport-h-2026-12-01-x.tar.gz');
const tree = join(dir, 'tree');
const SEED = Number(process.env.FWSNAP_KILL_SEED ?? 20261201);
/** Kills per command: enough to land in each phase, few enough for a loaded two-core machine. */
const KILLS = 6;
/**
 * A run not done by then is killed as hung. Nothing here measures time: an analysis of the 16 MiB log takes seconds on a
 * quiet machine and minutes at a load of 20 on two cores, and a run killed by this limit instead fails the test.
 */
const HANG_MS = 600_000;

/** `n` fractions of a run in (0.02, 1.1), from the seed (a few land after the end: the run then finishes). */
function fractions(seed: number, n: number): number[] {
  let x = seed >>> 0;
  return Array.from({ length: n }, () => 0.02 + ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32) * 1.08);
}

const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

function sane(r: CliRun, statuses: number[], what: string): void {
  const said = `${what}: exit ${r.status} ${r.signal ?? ''}, ${Math.round(r.peakRss / MB)} MB\n${r.stderr.slice(0, 500)}`;
  expect(statuses, said).toContain(r.status);
  expect(`${r.stdout}${r.stderr}`, said).not.toMatch(STACK_TRACE);
  expect(r.peakRss, said).toBeLessThanOrEqual(MEMORY_BOUND);
}

function work(): string {
  const w = mkdtempSync(join(dir, 'w-'));
  mkdirSync(join(w, 'tmp'));
  return w;
}

beforeAll(async () => {
  await writeBundle(small, GOOD);
  await writeBundle(other, [...GOOD, { name: 'proc/sys/kernel/hostname', data: Buffer.from('other\n') }]);
  // A kernel log of 16 MiB in 2 MiB pieces: analyze and redact take seconds on it.
  const piece = 2 * MB;
  await writeGeneratedBundle(slow, [
    ...GOOD.map((g) => ({ name: g.name, size: g.data.length, pieces: () => [g.data] })),
    ...Array.from({ length: 7 }, (_, i) => ({ name: `sys/kernel/debug/log${i}`, size: piece, pieces: kernelLogText(piece) })),
    { name: 'dev/kmsg', size: 2 * MB, pieces: kernelLogText(2 * MB) },
  ]);
  const top = 'sosreport-h-2026-12-01-x';
  writeFileSync(report, gzipSync(tarOf([
    { name: `${top}/`, type: '5' },
    ...Object.entries(sosMarkers('4.12')).map(([p, d]): RawEntry => ({ name: `${top}/${p}`, data: Buffer.from(d) })),
    { name: `${top}/sos_commands/networking/ethtool_-i_eth0`, data: Buffer.from('driver: virtio_net\nversion: 1.0.0\nfirmware-version: \nbus-info: 0000:00:03.0\n') },
    { name: `${top}/proc/cpuinfo`, data: Buffer.from('processor\t: 0\nmodel name\t: test\n'.repeat(2000)) },
  ], false)));
  writeTree(tree, { 'proc/sys/kernel/osrelease': '6.1.0-test\n', 'proc/sys/kernel/hostname': 'killed\n', 'proc/cpuinfo': 'processor\t: 0\n'.repeat(500) });
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a database holds: each bundle's completeness and rule results, and whether SQLite finds it sound. */
function stateOf(db: string): { bundles: { id: number; path: string; complete: number; results: number }[]; ok: string } {
  const d = new Database(db, { readonly: true });
  try {
    const bundles = d.prepare(`SELECT b.id, b.path, b.complete, (SELECT COUNT(*) FROM rule_results r WHERE r.bundle_id = b.id) AS results FROM bundles b ORDER BY b.id`).all() as { id: number; path: string; complete: number; results: number }[];
    return { bundles, ok: d.pragma('integrity_check', { simple: true }) as string };
  } finally {
    d.close();
  }
}

describe('SIGKILL at a seeded random moment: the old state or the complete new one, never half', () => {
  it('analyze --db into a database that already holds a bundle', async () => {
    const w = work();
    const db = join(w, 'a.db');
    sane(await runCli(['analyze', small, '--db', db], { cwd: w, timeoutMs: HANG_MS }), [0, 1], 'first analyze');
    const before = stateOf(db);
    expect(before.bundles).toHaveLength(1);
    expect(before.bundles[0]!.results).toBeGreaterThan(0);
    const probe = join(w, 'probe.db');
    const t0 = Date.now();
    sane(await runCli(['analyze', slow, '--db', probe], { cwd: w, timeoutMs: HANG_MS }), [0, 1], 'timed analyze');
    const full = Date.now() - t0;
    for (const f of fractions(SEED, KILLS)) {
      const ms = Math.round(f * full);
      const r = await runCli(['analyze', slow, '--db', db], { cwd: w, timeoutMs: HANG_MS, killAfterMs: ms, env: { ...process.env, TMPDIR: join(w, 'tmp') } });
      const after = stateOf(db);
      const what = `kill at ${ms} ms of ${full} (${r.signal ?? `exit ${r.status}`}): ${JSON.stringify(after)}`;
      expect(after.ok, what).toBe('ok');
      // The first bundle as it was; the new one absent, or there and judged.
      expect(after.bundles[0], what).toEqual(before.bundles[0]);
      for (const b of after.bundles.slice(1)) {
        expect(b.path, what).toBe(slow);
        expect(b.results, what).toBeGreaterThan(0);
      }
      // A finished run may have won the race: it then loaded the bundle once, and the next runs reuse it.
      expect(after.bundles.length, what).toBeLessThanOrEqual(2);
      expect(readdirSync(join(w, 'tmp')), what).toEqual([]);
    }
    sane(await runCli(['analyze', slow, '--db', db, '--replace'], { cwd: w, timeoutMs: HANG_MS }), [0, 1], 'analyze after the kills');
    const q = await runCli(['query', db, 'SELECT COUNT(*) AS n FROM bundles WHERE complete = 1'], { cwd: w, timeoutMs: HANG_MS });
    sane(q, [0], 'query after the kills');
    expect(q.stdout).toMatch(/^2$/m);
  }, 900_000);

  it('redact --force, collect --force and import --force over an existing output: the old file or a whole new bundle', async () => {
    const jobs: [string, (out: string) => string[]][] = [
      ['redact', (out) => ['redact', slow, out, '--force']],
      ['collect', (out) => ['collect', '--root', tree, '-o', out, '--force', '--only', 'platform,cpu,kernel-log']],
      ['import', (out) => ['import', report, '-o', out, '--force']],
    ];
    for (const [name, args] of jobs) {
      const w = work();
      const out = join(w, 'out.tar.gz');
      const t0 = Date.now();
      sane(await runCli(args(join(w, 'timed.tar.gz')), { cwd: w, timeoutMs: HANG_MS, env: { ...process.env, TMPDIR: join(w, 'tmp') } }), [0], `timed ${name}`);
      const full = Date.now() - t0;
      rmSync(join(w, 'timed.tar.gz'));
      rmSync(join(w, 'timed.tar.gz.redaction-map.json'), { force: true });
      for (const f of fractions(SEED + name.length, KILLS)) {
        const ms = Math.round(f * full);
        writeFileSync(out, readFileSync(other));
        const old = sha(out);
        const r = await runCli(args(out), { cwd: w, timeoutMs: HANG_MS, killAfterMs: ms, env: { ...process.env, TMPDIR: join(w, 'tmp') } });
        const what = `${name} killed at ${ms} ms of ${full} (${r.signal ?? `exit ${r.status}`})`;
        if (r.signal === null) sane(r, [0], what);
        if (sha(out) !== old) {
          const v = await verifyBundle(out);
          expect(v.ok, `${what}: ${v.problems.map((p) => p.message).join('; ')}`).toBe(true);
          if (name === 'redact') expect(existsSync(`${out}.redaction-map.json`), `${what}: a redacted bundle without its map`).toBe(true);
        }
        // Leftovers are only the killed run's partial file, which the next run to the same output removes.
        expect(readdirSync(w).filter((n) => !/^(?:tmp|out\.tar\.gz(?:\.redaction-map\.json)?|\.out\.tar\.gz\.\d+\.partial)$/.test(n)), what).toEqual([]);
        rmSync(`${out}.redaction-map.json`, { force: true });
      }
      sane(await runCli(args(out), { cwd: w, timeoutMs: HANG_MS }), [0], `${name} after the kills`);
      expect(readdirSync(w).filter((n) => n.endsWith('.partial')), `${name} removes what killed runs left`).toEqual([]);
      expect((await verifyBundle(out)).ok).toBe(true);
    }
  }, 900_000);
});

describe('concurrent writers and readers', () => {
  it('two analyses of different bundles into one --db: each finishes or says the database is busy; what is there is whole', async () => {
    const w = work();
    const db = join(w, 'a.db');
    const runs = await Promise.all([slow, other].map((b) => runCli(['analyze', b, '--db', db], { cwd: w, timeoutMs: HANG_MS })));
    for (const r of runs) {
      sane(r, [0, 1, 2], 'concurrent analyze');
      if (r.status === 2) expect(r.stderr).toMatch(/a\.db/);
    }
    expect(runs.some((r) => r.status !== 2)).toBe(true);
    const s = stateOf(db);
    expect(s.ok).toBe('ok');
    expect(s.bundles.map((b) => b.path).sort()).toEqual([slow, other].filter((_, i) => runs[i]!.status !== 2).sort());
    for (const b of s.bundles) expect(b.results).toBeGreaterThan(0);
  }, 600_000);

  it('query reads a database while analyze writes it: every read succeeds and sees a judged state', async () => {
    const w = work();
    const db = join(w, 'a.db');
    sane(await runCli(['analyze', small, '--db', db], { cwd: w, timeoutMs: HANG_MS }), [0, 1], 'first analyze');
    const sql = 'SELECT COUNT(*) AS bundles, SUM(complete) AS complete, (SELECT COUNT(DISTINCT bundle_id) FROM rule_results) AS judged FROM bundles';
    let done = false;
    const writer = runCli(['analyze', slow, '--db', db], { cwd: w, timeoutMs: HANG_MS }).finally(() => (done = true));
    const seen: string[] = [];
    while (!done) {
      const q = await runCli(['query', '--format', 'csv', db, sql], { cwd: w, timeoutMs: HANG_MS });
      sane(q, [0], 'query beside analyze');
      seen.push(q.stdout.trim().split('\n').pop()!);
    }
    sane(await writer, [0, 1], 'analyze beside queries');
    expect(seen.length).toBeGreaterThan(0);
    // One bundle judged, or two: never a bundle without its rule results.
    for (const row of seen) expect(['1,1,1', '2,2,2']).toContain(row);
  }, 600_000);

  it('two redactions to one output: it ends as one whole bundle with no partial file left', async () => {
    const w = work();
    const out = join(w, 'out.tar.gz');
    const runs = await Promise.all([slow, other].map((b) => runCli(['redact', b, out, '--force'], { cwd: w, timeoutMs: HANG_MS })));
    for (const r of runs) sane(r, [0, 2], 'concurrent redact');
    expect(runs.some((r) => r.status === 0)).toBe(true);
    const v = await verifyBundle(out);
    expect(v.ok, v.problems.map((p) => p.message).join('; ')).toBe(true);
    expect([GOOD.length + 8, GOOD.length + 1]).toContain(v.verified);
    expect(readdirSync(w).filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(() => JSON.parse(readFileSync(`${out}.redaction-map.json`, 'utf8')) as unknown).not.toThrow();
  }, 600_000);
});
