import type { Db } from '../db/database.js';
import { gatherEvidence } from './evidence.js';
import { registerSqlFunctions } from './sql-functions.js';
import { fillTemplate } from './template.js';
import type { Rule, RuleOutcome } from './types.js';

/** A fleet rule's outcome on one device of one bundle. */
export interface FleetOutcome extends RuleOutcome {
  bundleId: number;
  host: string | null;
}

export const isFleetRule = (r: Rule): boolean => r.scope === 'fleet';

const FLEET_CTE = `fleet_bundles(bundle_id) AS (SELECT DISTINCT CAST(value AS INTEGER) FROM json_each(@fleet))`;

/** The rule's SELECT with `fleet_bundles` defined in front of it as a common table expression (nothing is written). */
export function withFleetBundles(sql: string): string {
  const m = /^\s*WITH(\s+RECURSIVE)?\s/i.exec(sql);
  return m ? `WITH${m[1] ?? ''} ${FLEET_CTE}, ${sql.slice(m[0].length)}` : `WITH ${FLEET_CTE} ${sql}`;
}

/**
 * Evaluates fleet rules over a set of bundles at once: the rules' SQL reads the bundle ids from
 * `fleet_bundles(bundle_id)`, and each returned row names its `bundle_id` and `device_key`. Findings are not
 * stored: they belong to the set of bundles asked about, not to any one of them (read-only databases work).
 */
export function runFleetRules(db: Db, bundleIds: readonly number[], rules: readonly Rule[]): FleetOutcome[] {
  registerSqlFunctions(db);
  const fleet = JSON.stringify(bundleIds);
  const hostOf = db.prepare(`SELECT hostname FROM bundles WHERE id = ?`);
  const out: FleetOutcome[] = [];
  for (const rule of rules.filter(isFleetRule)) {
    let rows: Record<string, unknown>[];
    try {
      rows = db.prepare(withFleetBundles(rule.sql!)).all({ fleet }) as Record<string, unknown>[];
    } catch (e) {
      out.push({ ruleId: rule.id, bundleId: 0, host: null, deviceKey: null, result: 'error', severity: rule.severity, message: `rule failed to evaluate: ${(e as Error).message}`, evidence: null, missing: null });
      continue;
    }
    for (const r of rows) {
      const bundleId = Number(r.bundle_id);
      const deviceKey = (r.device_key as string | null) ?? null;
      const g = gatherEvidence(db, bundleId, rule, deviceKey);
      const values = { ...g.values, ...r };
      const evidence: Record<string, unknown> = { ...g.evidence, fleet: Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'bundle_id' && k !== 'device_key')) };
      out.push({
        ruleId: rule.id,
        bundleId,
        host: (hostOf.get(bundleId) as { hostname: string | null } | undefined)?.hostname ?? null,
        deviceKey,
        result: 'fail',
        severity: rule.severity,
        message: fillTemplate(rule.message, values),
        evidence,
        missing: null,
      });
    }
  }
  return out;
}
