import type { Db } from '../db/database.js';
import { cachedStatement } from '../db/statements.js';
import { BUILTIN_CHECKS } from '../classes/index.js';
import type { BuiltinCheck, BuiltinSetResult } from './builtin.js';
import { compileRule, type CompiledRule } from './compile.js';
import { EvidenceGatherer } from './evidence.js';
import { readsBundleParameter, setRuleBundles } from './rule-bundles.js';
import { withRuleSnapshots } from './rule-snapshots.js';
import { groupResults, ruleGroups, type RuleGroup } from './rule-groups.js';
import { registerSqlFunctions } from './sql-functions.js';
import { fillTemplate } from './template.js';
import type { Rule, RuleOutcome, RuleResult } from './types.js';

export interface RunRulesOptions {
  /** Values of the classes' vendor-data options for builtin checks, by key (VendorDataOption). */
  builtinOptions?: Record<string, string | undefined>;
  /** The builtin checks rules may name; by default those of every registered class. */
  checks?: ReadonlyMap<string, BuiltinCheck>;
}

/** A rule's raw result on one device of one bundle, before evidence and message. */
export interface RawResult extends BuiltinSetResult {
  /** An `sql` rule's row: every column is a value its message may name. */
  values?: Record<string, unknown>;
}

const compiled = { set: new WeakMap<Rule, CompiledRule>(), bundle: new WeakMap<Rule, CompiledRule>() };
const RESULTS = new Set<RuleResult>(['fail', 'pass', 'skip', 'error']);

/** The compiled SELECT of a `when` rule in the given form, compiled once per rule object. */
export function compiledRule(rule: Rule, form: 'set' | 'bundle'): CompiledRule {
  let c = compiled[form].get(rule);
  if (!c) compiled[form].set(rule, (c = compileRule(rule, form)));
  return c;
}

/** An `sql` rule's row as a raw result of `bundleId`. */
export function sqlRowResult(r: Record<string, unknown>, bundleId: number): RawResult {
  const result = (r.result ?? 'fail') as RuleResult;
  if (!RESULTS.has(result)) throw new Error(`sql returned result ${JSON.stringify(r.result)}`);
  let evidence: Record<string, unknown> | undefined;
  if (typeof r.evidence === 'string') {
    try {
      evidence = JSON.parse(r.evidence) as Record<string, unknown>;
    } catch {
      evidence = { text: r.evidence };
    }
  }
  return {
    bundleId,
    deviceKey: (r.device_key as string | null) ?? null,
    result,
    message: typeof r.message === 'string' ? r.message : undefined,
    evidence,
    missing: typeof r.missing === 'string' ? r.missing : undefined,
    values: r,
  };
}

/** A raw result with its evidence gathered and its message filled, as stored. */
export function finishResult(rule: Rule, r: RawResult, evidenceOf: EvidenceGatherer): RuleOutcome {
  let message: string | null = r.message ?? null;
  let evidence: Record<string, unknown> | null = r.evidence ?? null;
  if (r.result === 'fail') {
    const g = evidenceOf.gather(r.bundleId, rule, r.deviceKey);
    message ??= fillTemplate(rule.message, { ...g.values, ...(r.values ?? {}) });
    evidence = { ...g.evidence, ...(evidence ?? {}) };
  } else if (r.result === 'skip') {
    message ??= `not evaluated: missing ${r.missing ?? 'data'}`;
  }
  return { ruleId: rule.id, deviceKey: r.deviceKey, result: r.result, severity: rule.severity, message, evidence, missing: r.missing ?? null };
}

const failed = (bundleIds: readonly number[], message: string): RawResult[] => bundleIds.map((bundleId) => ({ bundleId, deviceKey: null, result: 'error', message }));

/** One rule over every bundle of `rule_bundles` (= bundleIds): one query, or one check call. */
function rawResultsOverSet(db: Db, bundleIds: readonly number[], rule: Rule, o: RunRulesOptions): RawResult[] {
  if (rule.check) {
    const check = (o.checks ?? BUILTIN_CHECKS).get(rule.check);
    if (!check) return failed(bundleIds, `builtin check "${rule.check}" does not exist`);
    return check({ db, bundleIds, rule, options: o.builtinOptions ?? {} });
  }
  if (rule.sql && readsBundleParameter(rule.sql)) {
    // The older form names one bundle: the statement is prepared once and run per bundle.
    const stmt = cachedStatement(db, rule.sql);
    return bundleIds.flatMap((bundleId) => (stmt.all({ bundle: bundleId }) as Record<string, unknown>[]).map((r) => sqlRowResult(r, bundleId)));
  }
  if (rule.sql) {
    return (cachedStatement(db, rule.sql).all() as Record<string, unknown>[]).map((r) => {
      if (typeof r.bundle_id !== 'number') throw new Error('an sql rule reading rule_bundles must return the bundle_id of each row');
      return sqlRowResult(r, r.bundle_id);
    });
  }
  const c = compiledRule(rule, 'set');
  return (cachedStatement(db, c.sql).all(c.params) as { bundle_id: number; device_key: string; result: RuleResult; missing: string }[]).map((r) => ({
    bundleId: r.bundle_id,
    deviceKey: r.device_key,
    result: r.result,
    missing: r.missing || undefined,
  }));
}

export interface SetRunSummary {
  /** Outcomes stored, by result. */
  results: Record<RuleResult, number>;
}

/**
 * Evaluates rules over a set of loaded bundles at once — each rule is one query (or one builtin check call) over
 * all of them, the bundles being read from the temporary table `rule_bundles` — and stores the outcomes in
 * rule_results, replacing the bundles' earlier ones, in one transaction. Each bundle's rows come in rule order,
 * then in the order the rule gave them: the same rows `runRulesPerBundle` stores for each bundle alone.
 * Condition rules that differ only in their parameters (the generated quirk tables) share one query per shape
 * (rule-groups.ts). Memory holds a rule's, or a group's, results over the set; `onOutcome` sees every outcome as it
 * is stored.
 */
export function runRulesForBundles(
  db: Db,
  bundleIds: readonly number[],
  rules: readonly Rule[],
  o: RunRulesOptions = {},
  onOutcome?: (bundleId: number, outcome: RuleOutcome) => void,
): SetRunSummary {
  registerSqlFunctions(db);
  const ids = [...new Set(bundleIds)].sort((a, b) => a - b);
  const results: Record<RuleResult, number> = { fail: 0, pass: 0, skip: 0, error: 0 };
  const ins = cachedStatement(db, `INSERT INTO rule_results (bundle_id, rule_id, device_key, result, severity, message, evidence, missing) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const evidenceOf = new EvidenceGatherer(db, true);
  const inSet = new Set(ids);
  const groups = ruleGroups(rules, (r) => compiledRule(r, 'set'));
  // Each group's results, from the query of its first member until its last member has taken its own.
  const pending = new Map<RuleGroup, Map<Rule, RawResult[]>>();
  const overSet = (rule: Rule): RawResult[] => {
    const group = groups.get(rule);
    if (!group) return rawResultsOverSet(db, ids, rule, o);
    let results = pending.get(group);
    if (!results) pending.set(group, (results = groupResults(db, group)));
    const mine = results.get(rule)!;
    results.delete(rule);
    if (!results.size) pending.delete(group);
    return mine;
  };
  db.transaction(() => {
    setRuleBundles(db, ids);
    cachedStatement(db, `DELETE FROM rule_results WHERE bundle_id IN (SELECT bundle_id FROM temp.rule_bundles)`).run();
    withRuleSnapshots(db, () => {
      for (const rule of rules) {
        // Fleet rules need many bundles at once: `fwsnap fleet` runs them (runFleetRules).
        if (rule.scope === 'fleet') continue;
        let raw: RawResult[];
        try {
          raw = overSet(rule).filter((r) => inSet.has(r.bundleId));
        } catch (e) {
          raw = failed(ids, `rule failed to evaluate: ${(e as Error).message}`);
        }
        // Stable: within a bundle, the order the rule gave.
        raw.sort((a, b) => a.bundleId - b.bundleId);
        for (const r of raw) {
          const out = finishResult(rule, r, evidenceOf);
          ins.run(r.bundleId, out.ruleId, out.deviceKey, out.result, out.severity, out.message, out.evidence ? JSON.stringify(out.evidence) : null, out.missing);
          results[out.result]++;
          onOutcome?.(r.bundleId, out);
        }
      }
    });
  })();
  return { results };
}

/** Evaluates rules against one loaded bundle and stores the outcomes in rule_results (replacing earlier ones). */
export function runRules(db: Db, bundleId: number, rules: readonly Rule[], o: RunRulesOptions = {}): RuleOutcome[] {
  const out: RuleOutcome[] = [];
  runRulesForBundles(db, [bundleId], rules, o, (_, outcome) => out.push(outcome));
  return out;
}
