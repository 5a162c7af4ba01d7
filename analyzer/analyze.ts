import { existsSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { databaseFailure, openDatabase, type Db } from './db/database.js';
import { writeBundleRows } from './load/bundle-rows.js';
import { BundleUnusable, loadBundle, type LoadOutcome } from './load/load-bundle.js';
import { LoadPool, type WorkerReply } from './load/load-pool.js';
import { buildReport, type Report } from './report/model.js';
import { defaultRulesDir, loadRules } from './rules/load-rules.js';
import { runRulesForBundles } from './rules/run.js';
import { SEVERITIES, type Rule, type Severity } from './rules/types.js';

/** Exit statuses of `fwsnap analyze` and `fwsnap check`. */
export const EXIT = { clean: 0, findings: 1, unusable: 2, partial: 3 } as const;

export interface AnalyzeOptions {
  bundles: string[];
  db?: string;
  rulesDir?: string;
  minSeverity?: Severity;
  /** Values of the classes' vendor-data options (VendorDataOption), by key. */
  vendorOptions?: Readonly<Record<string, string | undefined>>;
  /** Reload bundles already in the database (same manifest) instead of keeping their copy. */
  replace?: boolean;
  /** What to record as a bundle's path instead of the file read (`-` for a bundle spooled from stdin). */
  recordedPaths?: ReadonlyMap<string, string>;
  /** Worker threads reading, verifying and parsing bundles (default: one per core; 1: all on the main thread). */
  jobs?: number;
}

export interface AnalyzeResult {
  /** The whole report, built on first use. */
  readonly report: Report;
  /** The bundles the report covers (those loaded or named again), in order. */
  bundleIds: number[];
  minSeverity: Severity;
  loads: LoadOutcome[];
  unusable: BundleUnusable[];
  /** Bundles whose manifest was already in the database: not loaded again, their rules run again. */
  reused: LoadOutcome[];
  exitCode: number;
  db: Db;
  rules: readonly Rule[];
}

/**
 * FWSNAP_TEST_HOOK=<point>:<action> — a fault placed in an analysis, for the tests that prove a killed or concurrent
 * analysis leaves the database consistent. Points: before-open (before the database is opened, which takes its write lock), after-load
 * (between loading a batch and running its rules). Actions: kill; hold (until the file FWSNAP_TEST_HOOK_RELEASE exists,
 * ten minutes at most); mark (nothing more). FWSNAP_TEST_HOOK_READY names a file written when the point is reached.
 */
function testHook(point: string): void {
  const hook = process.env.FWSNAP_TEST_HOOK;
  if (!hook?.startsWith(`${point}:`)) return;
  const action = hook.slice(point.length + 1);
  if (process.env.FWSNAP_TEST_HOOK_READY) writeFileSync(process.env.FWSNAP_TEST_HOOK_READY, String(process.pid));
  if (action === 'kill') process.kill(process.pid, 'SIGKILL');
  const release = process.env.FWSNAP_TEST_HOOK_RELEASE;
  if (action === 'hold' && release) {
    const end = Date.now() + 600_000;
    while (!existsSync(release) && Date.now() < end) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
}

export async function analyze(o: AnalyzeOptions): Promise<AnalyzeResult> {
  const rules = loadRules(o.rulesDir ?? defaultRulesDir());
  testHook('before-open');
  // Without --db, a private temporary database: SQLite spills it to disk, so rows never all sit in memory.
  const db = openDatabase(o.db ?? '');
  try {
    return await analyzeInto(db, rules, o);
  } catch (e) {
    db.close();
    throw databaseFailure(o.db ?? '(temporary, in TMPDIR)', e) ?? e;
  }
}

/** Bundles loaded and judged per transaction: a killed run loses at most one batch, and the set-based rules see many at once. */
export const BATCH_SIZE = 200;

/** How many bundles a run loads in worker threads at once by default: one per core. */
export const defaultJobs = (): number => availableParallelism();

type Loaded = { kind: 'loaded'; load: LoadOutcome } | { kind: 'unusable'; error: BundleUnusable };

/** Loads (main thread) or writes what a worker loaded, inside the batch's transaction. */
type LoadOne = (path: string, index: number) => Promise<Loaded>;

const REFUSED_BEFORE_READING = new Set(['CannotOpenError', 'NotRegularFileError']);

function unusableOf(path: string, e: unknown): Loaded {
  if (e instanceof BundleUnusable) return { kind: 'unusable', error: e };
  // Missing or unreadable, or a FIFO, a device, a socket or a directory: refused before reading (bundle/input-file.ts).
  if (REFUSED_BEFORE_READING.has((e as Error).name)) {
    const said = (e as Error).message;
    return { kind: 'unusable', error: new BundleUnusable(path, [{ kind: 'corrupt', message: said.startsWith(`${path} `) ? said.slice(path.length + 1) : said }]) };
  }
  throw e;
}

/** On the main thread, one bundle after another (`--jobs 1`, or too few bundles to be worth threads). */
function inProcess(db: Db, o: AnalyzeOptions): LoadOne {
  return async (path) => {
    try {
      return { kind: 'loaded', load: await loadBundle(db, path, { replace: o.replace, recordedPath: o.recordedPaths?.get(path) }) };
    } catch (e) {
      return unusableOf(path, e);
    }
  };
}

/**
 * Read, verified and parsed by `jobs` worker threads, a few bundles ahead of the writer; written here in
 * the order given, so ids, duplicates and --replace come out as on the main thread.
 */
function inWorkers(db: Db, o: AnalyzeOptions, pool: LoadPool, jobs: number): LoadOne {
  const ahead = new Map<number, Promise<WorkerReply>>();
  const window = jobs * 2;
  const start = (i: number): void => {
    if (i >= o.bundles.length || ahead.has(i)) return;
    const path = o.bundles[i]!;
    ahead.set(i, pool.load(path, o.recordedPaths?.get(path)));
  };
  return async (path, index) => {
    for (let i = index; i <= index + window; i++) start(i);
    const reply = await ahead.get(index)!;
    ahead.delete(index);
    if (reply.kind === 'unusable') return { kind: 'unusable', error: new BundleUnusable(path, reply.problems) };
    if (reply.kind === 'failed') {
      if (REFUSED_BEFORE_READING.has(reply.name)) return unusableOf(path, reply);
      // Tests make an undeclared fact throw: it must fail as loudly as on the main thread.
      if (reply.name === 'UndeclaredFactError') throw new Error(reply.message);
      return { kind: 'unusable', error: new BundleUnusable(path, [{ kind: 'load-failed', message: `could not be loaded (${reply.name}: ${reply.message})` }]) };
    }
    db.exec('SAVEPOINT load_bundle');
    try {
      const load = writeBundleRows(db, reply.loaded, { replace: o.replace });
      db.exec('RELEASE load_bundle');
      return { kind: 'loaded', load };
    } catch (e) {
      db.exec('ROLLBACK TO load_bundle; RELEASE load_bundle');
      throw e;
    }
  };
}

/** Runs the rules over every bundle of a batch at once: one query per rule for the whole set. */
function judgeBatch(db: Db, bundleIds: number[], rules: readonly Rule[], o: AnalyzeOptions): void {
  if (bundleIds.length) runRulesForBundles(db, bundleIds, rules, { builtinOptions: { ...o.vendorOptions } });
}

async function analyzeInto(db: Db, rules: readonly Rule[], o: AnalyzeOptions): Promise<AnalyzeResult> {
  const loads: LoadOutcome[] = [];
  const unusable: BundleUnusable[] = [];
  const reused: LoadOutcome[] = [];
  const seen = new Set<number>();
  const jobs = Math.max(1, Math.min(o.jobs ?? defaultJobs(), o.bundles.length));
  // Threads cost a few hundred milliseconds to start: worth it from a handful of bundles on.
  const pool = jobs > 1 && o.bundles.length >= 4 ? new LoadPool(jobs) : undefined;
  const loadOne = pool ? inWorkers(db, o, pool, jobs) : inProcess(db, o);
  try {
    for (let from = 0; from < o.bundles.length; from += BATCH_SIZE) {
      const batch = o.bundles.slice(from, from + BATCH_SIZE);
      // One transaction per batch: its bundles are in the database with their rule results, or not at all.
      db.exec('BEGIN IMMEDIATE');
      try {
        const judge: number[] = [];
        for (const [k, path] of batch.entries()) {
          const r = await loadOne(path, from + k);
          if (r.kind === 'unusable') {
            unusable.push(r.error);
            continue;
          }
          const load = r.load;
          // The run's own report does not need each manifest again; thousands of them would add up.
          delete load.manifest;
          // Already in the database: not loaded twice, but judged by today's rules (once however often named).
          if (!judge.includes(load.bundleId)) judge.push(load.bundleId);
          if (!seen.has(load.bundleId)) {
            seen.add(load.bundleId);
            loads.push(load);
          } else load.alreadyLoaded = true;
          if (load.alreadyLoaded) reused.push(load);
        }
        testHook('after-load');
        judgeBatch(db, judge, rules, o);
        db.exec('COMMIT');
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw e;
      }
    }
  } finally {
    await pool?.close();
  }
  const minSeverity = o.minSeverity ?? 'low';
  const bundleIds = loads.map((l) => l.bundleId);
  let exitCode: number = hasFindings(db, bundleIds, minSeverity) ? EXIT.findings : EXIT.clean;
  if (loads.some((l) => !l.complete)) exitCode = EXIT.partial;
  if (unusable.length) exitCode = EXIT.unusable;
  let report: Report | undefined;
  return {
    // Built when asked for: the report of thousands of bundles is written bundle by bundle instead (report/stream.ts).
    get report() {
      return (report ??= buildReport(db, bundleIds, rules, minSeverity));
    },
    bundleIds, minSeverity, loads, unusable, reused, exitCode, db, rules,
  };
}

/** Whether any of the bundles has a finding at or above `minSeverity` (what the report would list). */
function hasFindings(db: Db, bundleIds: number[], minSeverity: Severity): boolean {
  const severities = SEVERITIES.filter((s) => SEVERITIES.indexOf(s) <= SEVERITIES.indexOf(minSeverity));
  return (
    db
      .prepare(`SELECT 1 FROM rule_results WHERE bundle_id IN (SELECT value FROM json_each(?)) AND result = 'fail' AND severity IN (SELECT value FROM json_each(?)) LIMIT 1`)
      .get(JSON.stringify(bundleIds), JSON.stringify(severities)) !== undefined
  );
}
