/**
 * Fleet scale: `fwsnap analyze` of N bundles of the synthetic fleet (bench/fleet/generate.ts: varied hosts, some
 * with planted problems, deterministic from the seed, collected with the real collector) into one database, for
 * each N given (default 100 and 1,000): wall and CPU time, bundles per second, peak RSS (GNU time), database size,
 * and the per-bundle cost against the smallest N. Then `fwsnap fleet` over that database. Hosts are the same across sizes
 * (host i of seed s is always the same host), so the smaller fleet is a prefix of the larger one.
 * Targets (issue 16): 1,000 bundles ≤ 60 s, 10,000 ≤ 10 min, peak RSS ≤ 400 MB, per-bundle cost ratio ≤ 1.3.
 * Run: npm run build && node dist/bench/fleet/run.js [N…] [--seed S] [--dir DIR] [--jobs J]   (DIR keeps the bundles between runs)
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { formatVerifyReport, verifyBundle } from '../../bundle/verify.js';
import { verdict } from '../stats.js';
import { generateFleet, planHost } from './generate.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const seed = Number(opt('--seed') ?? 1);
const keep = opt('--dir');
const jobs = opt('--jobs');
const sizes = (args.length ? args.map(Number) : [100, 1000]).sort((a, b) => a - b);
if (sizes.some((n) => !Number.isInteger(n) || n < 2)) throw new Error(`sizes must be integers ≥ 2: ${sizes.join(' ')}`);
const cli = resolve(new URL('../../cli/main.js', import.meta.url).pathname);
const dir = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), 'fwsnap-fleet-bench-'));
mkdirSync(dir, { recursive: true });
const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;

/** Wall time, CPU time (user + system, what a busy shared machine does not inflate) and peak RSS, by GNU time. */
function timed(argv: string[]): { wall: number; cpu: number; rss: number; status: number | null; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '__TIME__ %U %S %M', ...argv], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  const wall = (performance.now() - t0) / 1000;
  const m = /__TIME__ ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  if (!m) throw new Error(`GNU time (/usr/bin/time) gave no figures: ${r.error?.message ?? r.stderr?.slice(-300)}`);
  return { wall, cpu: Number(m[1]) + Number(m[2]), rss: Number(m[3]) * 1024, status: r.status, stderr: r.stderr };
}

try {
  const largest = sizes[sizes.length - 1]!;
  const bundleDir = join(dir, 'bundles');
  const have = existsSync(bundleDir) ? readdirSync(bundleDir).filter((f) => f.endsWith('.tar.gz')).length : 0;
  const t0 = performance.now();
  const generated = have < largest ? await generateFleet({ n: largest, seed, dir, from: have }) : undefined;
  const genS = (performance.now() - t0) / 1000;
  const bundles = Array.from({ length: largest }, (_, i) => join(bundleDir, `${planHost(seed, i).hostname}.tar.gz`));
  // Every bundle is checked as `fwsnap verify` checks it (its function, in process: a process each would take longer than the analysis).
  const tv = performance.now();
  for (const b of bundles) {
    const v = await verifyBundle(b);
    if (!v.ok) throw new Error(formatVerifyReport(b, v));
  }
  const verifyS = (performance.now() - tv) / 1000;
  const bundleBytes = bundles.reduce((n, b) => n + statSync(b).size, 0);
  const planted = Array.from({ length: largest }, (_, i) => planHost(seed, i)).filter((p) => p.problems.length).length;
  console.log(`fleet seed ${seed}: ${largest} bundles (${mb(bundleBytes)}, ${planted} hosts with planted problems)${generated ? `, generated ${largest - have} in ${genS.toFixed(1)} s (${((genS * 1000) / (largest - have)).toFixed(0)} ms each: ${generated.rendered} distinct hosts rendered and collected with collect --root, the others renamed copies)` : ' (kept from an earlier run)'}; all verified in ${verifyS.toFixed(1)} s`);
  console.log('');
  console.log(`analyze --jobs ${jobs ?? 'default (one per core)'}; load average (1 min) of this machine before and after each analyze`);
  console.log('bundles | analyze wall | analyze CPU | bundles/s (wall) | ms/bundle (CPU) | peak RSS | database | db/bundle | load avg | fleet wall | fleet CPU | fleet peak RSS');
  console.log('---|---|---|---|---|---|---|---|---|---|---|---');
  const rows: { n: number; wall: number; cpu: number; rss: number }[] = [];
  for (const n of sizes) {
    const db = join(dir, `fleet-${n}.db`);
    for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
    const load = loadavg()[0]!;
    const a = timed([process.execPath, cli, 'analyze', ...bundles.slice(0, n), '--db', db, '--format', 'json', ...(jobs ? ['--jobs', jobs] : [])]);
    const loadAfter = loadavg()[0]!;
    if (a.status !== 0 && a.status !== 1) throw new Error(`analyze of ${n} bundles exited ${a.status}: ${a.stderr.slice(-500)}`);
    const f = timed([process.execPath, cli, 'fleet', db, '--format', 'json']);
    if (f.status !== 0 && f.status !== 1) throw new Error(`fleet of ${n} bundles exited ${f.status}: ${f.stderr.slice(-500)}`);
    const size = statSync(db).size;
    rows.push({ n, wall: a.wall, cpu: a.cpu, rss: a.rss });
    console.log(
      `${n} | ${a.wall.toFixed(1)} s | ${a.cpu.toFixed(1)} s | ${(n / a.wall).toFixed(1)} | ${((a.cpu * 1000) / n).toFixed(0)} | ${mb(a.rss)} | ${mb(size)} | ${(size / n / 1024).toFixed(0)} KB | ${load.toFixed(1)} → ${loadAfter.toFixed(1)} | ` +
        `${f.wall.toFixed(1)} s | ${f.cpu.toFixed(1)} s | ${mb(f.rss)}`,
    );
  }
  console.log('');
  const first = rows[0]!;
  for (const r of rows.slice(1)) {
    const wall = r.wall / r.n / (first.wall / first.n);
    const cpu = r.cpu / r.n / (first.cpu / first.n);
    console.log(`per-bundle cost at ${r.n} / at ${first.n}: ${wall.toFixed(2)} wall, ${cpu.toFixed(2)} CPU (target ≤ 1.3 for 10,000 / 100): ${verdict(Math.max(wall, cpu) <= 1.3)}`);
  }
  const thousand = rows.find((r) => r.n === 1000);
  if (thousand) console.log(`1,000 bundles in ${thousand.wall.toFixed(1)} s wall, ${thousand.cpu.toFixed(1)} s CPU (target ≤ 60 s): ${verdict(thousand.wall <= 60)}`);
  const tenThousand = rows.find((r) => r.n === 10000);
  if (tenThousand) console.log(`10,000 bundles in ${tenThousand.wall.toFixed(0)} s wall (target ≤ 600 s): ${verdict(tenThousand.wall <= 600)}`);
  const peak = Math.max(...rows.map((r) => r.rss));
  console.log(`peak RSS of analyze ${mb(peak)} (target ≤ 400 MB): ${verdict(peak <= 400 * 1048576)}`);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
