import type { Db } from '../db/database.js';
import { cachedStatement } from '../db/statements.js';
import { compileRuleGroup, type CompiledRule } from './compile.js';
import type { RawResult } from './run.js';
import type { Rule, RuleResult } from './types.js';

/** At most this many bound parameters in one grouped query (SQLite allows 32,766). */
const MAX_PARAMS = 20_000;

/** Rules that share one query: `members` in rule order, with the grouped query. */
export interface RuleGroup {
  members: Rule[];
  compiled: { sql: string; params: CompiledRule['params'] };
}

const cache = new WeakMap<readonly Rule[], Map<Rule, RuleGroup>>();

/**
 * Condition rules (`when`/`applies_to`) whose set queries differ only in their parameters — the generated quirk
 * tables are hundreds of rules of a few shapes — grouped to be judged by one query per group. Rules alone in their
 * shape are not in the map.
 */
export function ruleGroups(rules: readonly Rule[], setSql: (r: Rule) => CompiledRule): Map<Rule, RuleGroup> {
  const known = cache.get(rules);
  if (known) return known;
  const byShape = new Map<string, Rule[]>();
  for (const r of rules) {
    if (r.scope === 'fleet' || r.sql || r.check) continue;
    const sql = setSql(r).sql;
    byShape.set(sql, [...(byShape.get(sql) ?? []), r]);
  }
  const out = new Map<Rule, RuleGroup>();
  for (const same of byShape.values()) {
    const perRule = Object.keys(setSql(same[0]!).params).length + 1;
    const size = Math.max(1, Math.floor(MAX_PARAMS / perRule));
    for (let i = 0; i < same.length; i += size) {
      const members = same.slice(i, i + size);
      if (members.length < 2) continue;
      const group = { members, compiled: compileRuleGroup(members) };
      for (const m of members) out.set(m, group);
    }
  }
  cache.set(rules, out);
  return out;
}

/** A group's raw results over the bundles of `rule_bundles`, per member. */
export function groupResults(db: Db, group: RuleGroup): Map<Rule, RawResult[]> {
  const out = new Map<Rule, RawResult[]>(group.members.map((m) => [m, []]));
  const rows = cachedStatement(db, group.compiled.sql).all(group.compiled.params) as { rule: number; bundle_id: number; device_key: string; result: RuleResult; missing: string }[];
  for (const r of rows) out.get(group.members[r.rule]!)!.push({ bundleId: r.bundle_id, deviceKey: r.device_key, result: r.result, missing: r.missing || undefined });
  return out;
}
