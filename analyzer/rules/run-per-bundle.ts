import type { Db } from '../db/database.js';
import { cachedStatement } from '../db/statements.js';
import { BUILTIN_CHECKS } from '../classes/index.js';
import { EvidenceGatherer } from './evidence.js';
import { readsBundleParameter, setRuleBundles } from './rule-bundles.js';
import { compiledRule, finishResult, sqlRowResult, type RawResult, type RunRulesOptions } from './run.js';
import { registerSqlFunctions } from './sql-functions.js';
import type { Rule, RuleOutcome } from './types.js';

function rawResults(db: Db, bundleId: number, rule: Rule, o: RunRulesOptions): RawResult[] {
  if (rule.check) {
    const check = (o.checks ?? BUILTIN_CHECKS).get(rule.check);
    if (!check) return [{ bundleId, deviceKey: null, result: 'error', message: `builtin check "${rule.check}" does not exist` }];
    return check({ db, bundleIds: [bundleId], rule, options: o.builtinOptions ?? {} });
  }
  if (rule.sql) return (cachedStatement(db, rule.sql).all(readsBundleParameter(rule.sql) ? { bundle: bundleId } : {}) as Record<string, unknown>[]).map((r) => sqlRowResult(r, bundleId));
  const c = compiledRule(rule, 'bundle');
  const rows = cachedStatement(db, c.sql).all({ ...c.params, bundle: bundleId }) as { device_key: string; result: RawResult['result']; missing: string }[];
  return rows.map((r) => ({ bundleId, deviceKey: r.device_key, result: r.result, missing: r.missing || undefined }));
}

/**
 * The reference evaluation: every rule on one bundle alone (compiled rules bound to `@bundle`, `rule_bundles`
 * holding only this bundle) and evidence read afresh for each finding, as rules were evaluated before set-based
 * evaluation. `runRulesForBundles` must store exactly the rows this stores; tests and the rules bench compare the two.
 */
export function runRulesPerBundle(db: Db, bundleId: number, rules: readonly Rule[], o: RunRulesOptions = {}): RuleOutcome[] {
  registerSqlFunctions(db);
  const out: RuleOutcome[] = [];
  db.transaction(() => {
    setRuleBundles(db, [bundleId]);
    for (const rule of rules) {
      if (rule.scope === 'fleet') continue;
      let results: RawResult[];
      try {
        results = rawResults(db, bundleId, rule, o);
      } catch (e) {
        results = [{ bundleId, deviceKey: null, result: 'error', message: `rule failed to evaluate: ${(e as Error).message}` }];
      }
      for (const r of results) out.push(finishResult(rule, r, new EvidenceGatherer(db)));
    }
    const del = cachedStatement(db, `DELETE FROM rule_results WHERE bundle_id = ?`);
    const ins = cachedStatement(db, `INSERT INTO rule_results (bundle_id, rule_id, device_key, result, severity, message, evidence, missing) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    del.run(bundleId);
    for (const r of out) ins.run(bundleId, r.ruleId, r.deviceKey, r.result, r.severity, r.message, r.evidence ? JSON.stringify(r.evidence) : null, r.missing);
  })();
  return out;
}
