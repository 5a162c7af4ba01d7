import { openDatabase, type Db } from './db/database.js';
import { BundleUnusable, loadBundle, type LoadOutcome } from './load/load-bundle.js';
import { buildReport, type Report } from './report/model.js';
import './rules/builtins.js';
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
}

export interface AnalyzeResult {
  report: Report;
  loads: LoadOutcome[];
  unusable: BundleUnusable[];
  exitCode: number;
  db: Db;
  rules: Rule[];
}

export async function analyze(o: AnalyzeOptions): Promise<AnalyzeResult> {
  const rules = loadRules(o.rulesDir ?? defaultRulesDir());
  const db = openDatabase(o.db ?? ':memory:');
  const loads: LoadOutcome[] = [];
  const unusable: BundleUnusable[] = [];
  for (const path of o.bundles) {
    try {
      const load = await loadBundle(db, path);
      runRules(db, load.bundleId, rules, { builtinOptions: { mlxconfigDb: o.mlxconfigDb } });
      loads.push(load);
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
  return { report, loads, unusable, exitCode, db, rules };
}
