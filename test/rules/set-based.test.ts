import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateFleet } from '../../bench/fleet/generate.js';
import { collect } from '../../collector/collect.js';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { shippedFacts } from '../../analyzer/classes/index.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { defaultRulesDir, loadRules } from '../../analyzer/rules/load-rules.js';
import { compiledRule, runRulesForBundles } from '../../analyzer/rules/run.js';
import { ruleGroups } from '../../analyzer/rules/rule-groups.js';
import { runRulesPerBundle } from '../../analyzer/rules/run-per-bundle.js';
import { insertTestBundle } from '../../analyzer/rules/self-test.js';
import { validateRule } from '../../analyzer/rules/validate.js';
import type { Rule } from '../../analyzer/rules/types.js';
import { suiteDir } from '../cli/fake-bundle.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';
import { FAKE_HOST_SOURCES } from '../../collector/fake-host/builder.js';

const RULES = loadRules(defaultRulesDir());
const ROOT = await fakehostRoot();

type Row = Record<string, unknown>;
/** A database's rule_results, per bundle in the order stored (the order reports read them in). */
function stored(db: Db, bundleIds: readonly number[]): Map<number, Row[]> {
  const rows = db.prepare(`SELECT * FROM rule_results ORDER BY bundle_id, rowid`).all() as Row[];
  return new Map(bundleIds.map((id) => [id, rows.filter((r) => r.bundle_id === id)]));
}

/**
 * A mixed fleet in one database: hosts of the synthetic fleet (bench/fleet), the shared fake host, the fake host
 * collected with a few sources only (rules on the rest skip), a bundle cut short (partial), and one bundle per
 * rule test of every sql and builtin-check rule and of every seventh other rule (facts written as the rule tests
 * describe them: firing, quiet and skipping cases of many rules).
 */
async function mixedFleet(dir: string): Promise<{ db: Db; ids: number[] }> {
  const db = openDatabase(join(dir, 'fleet.db'));
  const { bundles } = await generateFleet({ n: 5, seed: 16, dir });
  const whole = join(dir, 'fakehost.tar.gz');
  await collect({ root: ROOT, output: whole, isolation: 'inline', only: FAKE_HOST_SOURCES });
  const few = join(dir, 'fakehost-few.tar.gz');
  await collect({ root: ROOT, output: few, isolation: 'inline', only: ['pci', 'nvme', 'kernel-log'] });
  const cut = join(dir, 'fakehost-cut.tar.gz');
  const bytes = readFileSync(whole);
  writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
  const ids: number[] = [];
  for (const b of [...bundles, whole, few, cut]) {
    try {
      ids.push((await loadBundle(db, b)).bundleId);
    } catch {
      // A cut bundle may be unusable as a whole; what loaded of it stays out of the comparison.
    }
  }
  let n = 0;
  for (const rule of RULES) {
    if (rule.scope === 'fleet' || !(rule.sql || rule.check || n++ % 7 === 0)) continue;
    for (const t of rule.tests) ids.push(insertTestBundle(db, t, `${rule.id} ${t.name}`, t.kernel, t.devices ?? [], shippedFacts()));
  }
  return { db, ids };
}

describe('set-based rule evaluation (runRulesForBundles)', () => {
  const dir = suiteDir();
  let db: Db;
  let ids: number[];
  let reference: Map<number, Row[]>;
  beforeAll(async () => {
    ({ db, ids } = await mixedFleet(dir));
    for (const id of ids) runRulesPerBundle(db, id, RULES);
    reference = stored(db, ids);
  }, 600_000);

  it('stores exactly the rows per-bundle evaluation stores, on a mixed fleet', () => {
    const all = [...reference.values()].flat();
    // The fleet is mixed enough to tell: every result kind, and findings of sql, check and condition rules.
    const kinds = new Set(all.map((r) => r.result));
    expect([...kinds].sort()).toEqual(['fail', 'pass', 'skip']);
    const failing = new Set(all.filter((r) => r.result === 'fail').map((r) => r.rule_id as string));
    const form = (r: Rule): string => (r.sql ? 'sql' : r.check ? 'check' : 'when');
    const byForm = new Map<string, number>();
    for (const r of RULES) if (failing.has(r.id)) byForm.set(form(r), (byForm.get(form(r)) ?? 0) + 1);
    expect(byForm.get('sql')).toBeGreaterThan(20);
    expect(byForm.get('check')).toBeGreaterThan(0);
    expect(byForm.get('when')).toBeGreaterThan(50);
    // A bundle cut short loaded partially: its rules judge what it holds.
    expect(db.prepare(`SELECT COUNT(*) AS n FROM bundles WHERE complete = 0 AND path LIKE '%cut.tar.gz'`).get()).toEqual({ n: 1 });
    expect(ids.length).toBeGreaterThan(300);

    // The generated quirk tables share queries: most condition rules are judged in groups of one shape.
    const groups = new Set(ruleGroups(RULES, (r) => compiledRule(r, 'set')).values());
    expect([...groups].reduce((n, g) => n + g.members.length, 0)).toBeGreaterThan(350);
    expect(groups.size).toBeLessThan(80);

    db.prepare(`DELETE FROM rule_results`).run();
    const summary = runRulesForBundles(db, ids, RULES);
    expect(stored(db, ids)).toEqual(reference);
    expect(summary.results.fail + summary.results.pass + summary.results.skip + summary.results.error).toBe(all.length);
  });

  it('judges any subset of bundles and rules like per-bundle evaluation, leaving the other bundles alone', () => {
    fc.assert(
      fc.property(fc.subarray(ids, { minLength: 1 }), fc.subarray(RULES.map((_, i) => i), { minLength: 1, maxLength: 60 }), (subset, ruleIndexes) => {
        const rules = ruleIndexes.map((i) => RULES[i]!);
        const ruleIds = new Set(rules.map((r) => r.id));
        // Every bundle holds the full reference rows first; the subset is judged again by a subset of the rules.
        runRulesForBundles(db, ids, RULES);
        runRulesForBundles(db, subset, rules);
        const now = stored(db, ids);
        for (const id of ids) {
          const want = subset.includes(id) ? reference.get(id)!.filter((r) => ruleIds.has(r.rule_id as string)) : reference.get(id)!;
          expect(now.get(id), `bundle ${id}`).toEqual(want);
        }
      }),
      { numRuns: 8, seed: 1616 },
    );
  });

  it('runs the older @bundle form of an sql rule per bundle, with the same rows as its set form; refuses SQL naming neither', () => {
    const raw = { id: 'x.aer', title: 't', severity: 'low', message: '{device}: {count}', remediation: 'r', references: ['x'], tests: [{ name: 'f', expect: 'fail' }, { name: 'n', expect: 'not_applicable' }] };
    const setForm = `SELECT s.bundle_id, s.device_key, s.value AS count FROM settings s
      WHERE s.bundle_id IN (SELECT bundle_id FROM rule_bundles) AND s.namespace = 'aer' ORDER BY 1, 2, s.rowid`;
    const bundleForm = `SELECT s.device_key, s.value AS count FROM settings s WHERE s.bundle_id = @bundle AND s.namespace = 'aer' ORDER BY 1, s.rowid`;
    const rule = (sql: string): Rule => {
      const v = validateRule({ ...raw, sql }, 'x/x.yaml', shippedFacts());
      if (!v.rule) throw new Error(JSON.stringify(v.problems));
      return v.rule;
    };
    const rows = (sql: string): Row[] => {
      runRulesForBundles(db, ids, [rule(sql)]);
      return [...stored(db, ids).values()].flat();
    };
    const set = rows(setForm);
    expect(set.length).toBeGreaterThan(5);
    expect(rows(bundleForm)).toEqual(set);
    expect(validateRule({ ...raw, sql: `SELECT device_key FROM settings WHERE namespace = 'aer'` }, 'x/x.yaml', shippedFacts()).problems.map((p) => p.message)).toContain(
      'an sql rule reads the bundles it judges from rule_bundles (and returns bundle_id), or the one bundle bound to @bundle',
    );
    // A set-form query that does not name each row's bundle cannot be stored: every bundle gets the error.
    const noBundle = rows(`SELECT s.device_key FROM rule_bundles rb CROSS JOIN settings s ON s.bundle_id = rb.bundle_id WHERE s.namespace = 'aer'`);
    expect(noBundle).toHaveLength(ids.length);
    expect(new Set(noBundle.map((r) => `${r.result} ${r.message}`))).toEqual(new Set(['error rule failed to evaluate: an sql rule reading rule_bundles must return the bundle_id of each row']));
  });
});
