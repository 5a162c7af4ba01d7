/**
 * Rule evaluation per bundle against set-based, side by side on the same database: N bundles of the synthetic fleet
 * (bench/fleet/generate.ts, default 200, seed 1) are loaded once; then, alternating for R rounds (default 3), every
 * rule is evaluated bundle by bundle (`runRulesPerBundle`, the reference: one query per rule per bundle, statements
 * prepared once) and over all bundles at once (`runRulesForBundles`: one query per rule or rule shape), each storing its rows in
 * rule_results. Prints the medians of wall and CPU time (this process: user + system; a busy shared machine
 * inflates wall time, not CPU), the CPU time per bundle, the ratios and the load average, and whether both stored
 * the same rows.
 * Run: npm run build && node dist/bench/rules-set.js [N] [--seed S] [--rounds R] [--dir DIR]   (DIR keeps the bundles)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, type Db } from '../analyzer/db/database.js';
import { loadBundle } from '../analyzer/load/load-bundle.js';
import { defaultRulesDir, loadRules } from '../analyzer/rules/load-rules.js';
import { runRulesForBundles } from '../analyzer/rules/run.js';
import { runRulesPerBundle } from '../analyzer/rules/run-per-bundle.js';
import { generateFleet } from './fleet/generate.js';
import { median } from './stats.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const seed = Number(opt('--seed') ?? 1);
const rounds = Number(opt('--rounds') ?? 3);
const keep = opt('--dir');
const n = Number(args[0] ?? 200);
if (!Number.isInteger(n) || n < 1 || !Number.isInteger(rounds) || rounds < 1) throw new Error('usage: rules-set.js [N] [--seed S] [--rounds R] [--dir DIR]');
const dir = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), 'fwsnap-rules-bench-'));
mkdirSync(dir, { recursive: true });
const load = (): string => loadavg().map((x) => x.toFixed(1)).join(' ');

const stored = (db: Db): string => JSON.stringify(db.prepare(`SELECT bundle_id, rule_id, device_key, result, severity, message, evidence, missing FROM rule_results ORDER BY bundle_id, rowid`).raw().all());

try {
  console.log(`load average before: ${load()}`);
  const { bundles } = await generateFleet({ n, seed, dir });
  const db = openDatabase(join(dir, `rules-bench-${process.pid}.db`));
  const ids: number[] = [];
  for (const b of bundles) ids.push((await loadBundle(db, b)).bundleId);
  const rules = loadRules(defaultRulesDir());
  const counted = rules.filter((r) => r.scope !== 'fleet').length;
  console.log(`${ids.length} bundles of seed ${seed}, ${counted} rules (fleet rules excluded), ${rounds} rounds`);

  const perBundle: number[] = [];
  const setBased: number[] = [];
  const perBundleCpu: number[] = [];
  const setBasedCpu: number[] = [];
  const cpuMs = (since: NodeJS.CpuUsage): number => {
    const u = process.cpuUsage(since);
    return (u.user + u.system) / 1000;
  };
  let identical = true;
  for (let r = 0; r < rounds; r++) {
    let t0 = performance.now();
    let c0 = process.cpuUsage();
    for (const id of ids) runRulesPerBundle(db, id, rules);
    perBundle.push(performance.now() - t0);
    perBundleCpu.push(cpuMs(c0));
    const reference = stored(db);
    t0 = performance.now();
    c0 = process.cpuUsage();
    runRulesForBundles(db, ids, rules);
    setBased.push(performance.now() - t0);
    setBasedCpu.push(cpuMs(c0));
    identical &&= stored(db) === reference;
  }
  const rows = (db.prepare(`SELECT COUNT(*) AS n FROM rule_results`).get() as { n: number }).n;
  const p = median(perBundle);
  const s = median(setBased);
  const pc = median(perBundleCpu);
  const sc = median(setBasedCpu);
  console.log(`rule_results rows: ${rows}; both evaluations stored the same rows: ${identical ? 'yes' : 'NO'}`);
  const row = (name: string, wall: number, cpu: number): string =>
    `| ${name} | ${(wall / 1000).toFixed(2)} s | ${(cpu / 1000).toFixed(2)} s | ${(cpu / ids.length).toFixed(2)} ms |`;
  console.log(`| evaluation (median of ${rounds}) | wall | CPU | CPU per bundle |`);
  console.log(`|---|---|---|---|`);
  console.log(row('per bundle (one query per rule per bundle)', p, pc));
  console.log(row('set-based (one query per rule or per group of same-shape rules)', s, sc));
  console.log(`set-based / per bundle: wall ${(s / p).toFixed(3)}, CPU ${(sc / pc).toFixed(3)}`);
  console.log(`load average after: ${load()}`);
  db.close();
  if (!identical) process.exitCode = 1;
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else rmSync(join(dir, `rules-bench-${process.pid}.db`), { force: true });
}
