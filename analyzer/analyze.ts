import { writeFileSync } from 'node:fs';
import { databaseFailure, openDatabase, type Db } from './db/database.js';
import { BundleUnusable, loadBundle, type LoadOutcome } from './load/load-bundle.js';
import { buildReport, type Report } from './report/model.js';
import { defaultRulesDir, loadRules } from './rules/load-rules.js';
import { runRules } from './rules/run.js';
import type { Rule, Severity } from './rules/types.js';

/** Exit statuses of `fwsnap analyze` and `fwsnap check`. */
export const EXIT = { clean: 0, findings: 1, unusable: 2, partial: 3 } as const;

export interface AnalyzeOptions {
  bundles: string[];
  db?: string;
  rulesDir?: string;
  minSeverity?: Severity;
  mlxconfigDb?: string;
  /** Reload bundles already in the database (same manifest) instead of keeping their copy. */
  replace?: boolean;
  /** What to record as a bundle's path instead of the file read (`-` for a bundle spooled from stdin). */
  recordedPaths?: ReadonlyMap<string, string>;
}

export interface AnalyzeResult {
  report: Report;
  loads: LoadOutcome[];
  unusable: BundleUnusable[];
  /** Bundles whose manifest was already in the database: not loaded again, their rules run again. */
  reused: LoadOutcome[];
  exitCode: number;
  db: Db;
  rules: Rule[];
}

/**
 * FWSNAP_TEST_HOOK=after-load:kill or after-load:sleep:MS — a fault placed between loading a bundle and
 * running its rules, for the tests that prove a killed or concurrent analysis leaves the database consistent.
 * FWSNAP_TEST_HOOK_READY names a file written when the hook is reached.
 */
function testHook(point: string): void {
  const hook = process.env.FWSNAP_TEST_HOOK;
  if (!hook?.startsWith(`${point}:`)) return;
  const [, action, arg] = hook.split(':');
  if (process.env.FWSNAP_TEST_HOOK_READY) writeFileSync(process.env.FWSNAP_TEST_HOOK_READY, String(process.pid));
  if (action === 'kill') process.kill(process.pid, 'SIGKILL');
  if (action === 'sleep') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(arg));
}

export async function analyze(o: AnalyzeOptions): Promise<AnalyzeResult> {
  const rules = loadRules(o.rulesDir ?? defaultRulesDir());
  // Without --db, a private temporary database: SQLite spills it to disk, so rows never all sit in memory.
  const db = openDatabase(o.db ?? '');
  try {
    return await analyzeInto(db, rules, o);
  } catch (e) {
    db.close();
    throw databaseFailure(o.db ?? '(temporary, in TMPDIR)', e) ?? e;
  }
}

async function analyzeInto(db: Db, rules: Rule[], o: AnalyzeOptions): Promise<AnalyzeResult> {
  const loads: LoadOutcome[] = [];
  const unusable: BundleUnusable[] = [];
  const reused: LoadOutcome[] = [];
  for (const path of o.bundles) {
    try {
      const load = await loadBundle(db, path, {
        replace: o.replace,
        recordedPath: o.recordedPaths?.get(path),
        beforeCommit: (bundleId) => {
          testHook('after-load');
          runRules(db, bundleId, rules, { builtinOptions: { mlxconfigDb: o.mlxconfigDb } });
        },
      });
      // Already in the database: not loaded twice, but judged by today's rules.
      if (load.alreadyLoaded) runRules(db, load.bundleId, rules, { builtinOptions: { mlxconfigDb: o.mlxconfigDb } });
      if (!loads.some((l) => l.bundleId === load.bundleId)) loads.push(load);
      else load.alreadyLoaded = true;
      if (load.alreadyLoaded) reused.push(load);
    } catch (e) {
      if (e instanceof BundleUnusable) unusable.push(e);
      else if ((e as NodeJS.ErrnoException).code === 'ENOENT') unusable.push(new BundleUnusable(path, [{ kind: 'corrupt', message: 'no such file' }]));
      else throw e;
    }
  }
  const minSeverity = o.minSeverity ?? 'low';
  const report = buildReport(db, loads.map((l) => l.bundleId), rules, minSeverity);
  let exitCode: number = report.findings.length ? EXIT.findings : EXIT.clean;
  if (loads.some((l) => !l.complete)) exitCode = EXIT.partial;
  if (unusable.length) exitCode = EXIT.unusable;
  return { report, loads, unusable, reused, exitCode, db, rules };
}
