import type { Db } from '../db/database.js';
import { cachedStatement } from '../db/statements.js';
import { BUILTIN_CHECKS } from '../classes/index.js';
import type { BuiltinCheck, BuiltinResult } from './builtin.js';
import { compileRule, type CompiledRule } from './compile.js';
import { gatherEvidence } from './evidence.js';
import { registerSqlFunctions } from './sql-functions.js';
import { fillTemplate } from './template.js';
import type { Rule, RuleOutcome, RuleResult } from './types.js';

export interface RunRulesOptions {
  /** Options for builtin checks (e.g. mlxconfigDb). */
  builtinOptions?: Record<string, string | undefined>;
  /** The builtin checks rules may name; by default those of every registered class. */
  checks?: ReadonlyMap<string, BuiltinCheck>;
}

const compiled = new WeakMap<Rule, CompiledRule>();
const RESULTS = new Set<RuleResult>(['fail', 'pass', 'skip', 'error']);

function rawResults(db: Db, bundleId: number, rule: Rule, o: RunRulesOptions): BuiltinResult[] {
  if (rule.check) {
    const check = (o.checks ?? BUILTIN_CHECKS).get(rule.check);
    if (!check) return [{ deviceKey: null, result: 'error', message: `builtin check "${rule.check}" does not exist` }];
    return check({ db, bundleId, rule, options: o.builtinOptions ?? {} });
  }
  if (rule.sql) {
    const rows = cachedStatement(db, rule.sql).all({ bundle: bundleId }) as Record<string, unknown>[];
    return rows.map((r) => {
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
        deviceKey: (r.device_key as string | null) ?? null,
        result,
        message: typeof r.message === 'string' ? r.message : undefined,
        evidence,
        missing: typeof r.missing === 'string' ? r.missing : undefined,
        values: r,
      };
    });
  }
  let c = compiled.get(rule);
  if (!c) compiled.set(rule, (c = compileRule(rule)));
  const rows = cachedStatement(db, c.sql).all({ ...c.params, bundle: bundleId }) as { device_key: string; result: RuleResult; missing: string }[];
  return rows.map((r) => ({ deviceKey: r.device_key, result: r.result, missing: r.missing || undefined }));
}

/** Evaluates rules against one loaded bundle and stores the outcomes in rule_results (replacing earlier ones). */
export function runRules(db: Db, bundleId: number, rules: Rule[], o: RunRulesOptions = {}): RuleOutcome[] {
  registerSqlFunctions(db);
  const out: RuleOutcome[] = [];
  for (const rule of rules) {
    // Fleet rules need many bundles at once: `fwsnap fleet` runs them (runFleetRules).
    if (rule.scope === 'fleet') continue;
    let results: BuiltinResult[];
    try {
      results = rawResults(db, bundleId, rule, o);
    } catch (e) {
      results = [{ deviceKey: null, result: 'error', message: `rule failed to evaluate: ${(e as Error).message}` }];
    }
    for (const r of results) {
      let message: string | null = r.message ?? null;
      let evidence: Record<string, unknown> | null = r.evidence ?? null;
      if (r.result === 'fail') {
        const g = gatherEvidence(db, bundleId, rule, r.deviceKey);
        const extra = 'values' in r ? (r as { values: Record<string, unknown> }).values : {};
        message ??= fillTemplate(rule.message, { ...g.values, ...extra });
        evidence = { ...g.evidence, ...(evidence ?? {}) };
      } else if (r.result === 'skip') {
        message ??= `not evaluated: missing ${r.missing ?? 'data'}`;
      }
      out.push({ ruleId: rule.id, deviceKey: r.deviceKey, result: r.result, severity: rule.severity, message, evidence, missing: r.missing ?? null });
    }
  }
  const del = cachedStatement(db, `DELETE FROM rule_results WHERE bundle_id = ?`);
  const ins = cachedStatement(db, `INSERT INTO rule_results (bundle_id, rule_id, device_key, result, severity, message, evidence, missing) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    del.run(bundleId);
    for (const r of out) ins.run(bundleId, r.ruleId, r.deviceKey, r.result, r.severity, r.message, r.evidence ? JSON.stringify(r.evidence) : null, r.missing);
  })();
  return out;
}
