import { describe, expect, it } from 'vitest';
import { shippedFacts } from '../../analyzer/classes/index.js';
import { runFleetRules, withFleetBundles } from '../../analyzer/rules/fleet.js';
import { runRules } from '../../analyzer/rules/run.js';
import { fleetFactsDatabase, testRules } from '../../analyzer/rules/self-test.js';
import type { Rule, RuleTest } from '../../analyzer/rules/types.js';
import { validateRule } from '../../analyzer/rules/validate.js';

const host = (hostname: string, version: string) => ({ hostname, devices: [{ key: 'nvme:nvme0', class: 'nvme', model: 'M', firmware: { firmware: version } }] });
const SQL = `SELECT f.bundle_id, f.device_key, f.version FROM fleet_bundles fb JOIN firmware f ON f.bundle_id = fb.bundle_id WHERE f.component = 'firmware' AND f.version = 'OLD'`;
const base = {
  id: 'fleet.test',
  scope: 'fleet',
  title: 't',
  severity: 'low',
  sql: SQL,
  message: '{host} {device} runs {version}',
  remediation: 'r',
  references: ['x'],
  tests: [
    { name: 'fires', expect: 'fail', host: 'b', hosts: [host('a', 'NEW'), host('b', 'OLD')] },
    { name: 'quiet', expect: 'not_applicable', host: 'a', hosts: [host('a', 'NEW'), host('b', 'OLD')] },
  ],
};
const problems = (raw: unknown): string[] => validateRule(raw, 'fleet/t.yaml', shippedFacts()).problems.map((p) => `${p.path.join('.')}: ${p.message}`);

describe('fleet rules (scope: fleet)', () => {
  it('validate: sql over fleet_bundles, tests with at least two hosts, facts checked on each host', () => {
    expect(problems(base)).toEqual([]);
    expect(problems({ ...base, sql: SQL.replace('fleet_bundles fb JOIN firmware f ON f.bundle_id = fb.bundle_id', 'firmware f') })).toEqual(['sql: a fleet rule must read its bundles from fleet_bundles']);
    expect(problems({ ...base, sql: `${SQL} AND f.bundle_id = @bundle` })).toContain('sql: a fleet rule reads its bundles from fleet_bundles, not @bundle');
    expect(problems({ ...base, sql: undefined, when: [{ kernel: { ge: '6.1' } }] })).toEqual(expect.arrayContaining(['when: a fleet rule has no when']));
    expect(problems({ ...base, scope: 'cluster' })).toContain('scope: scope must be bundle or fleet');
    const oneHost = { ...base, tests: [{ ...base.tests[0], hosts: [host('b', 'OLD')] }, base.tests[1]] };
    expect(problems(oneHost)).toContain('tests.0.hosts: a fleet rule test needs at least two hosts');
    const withDevices = { ...base, tests: [{ ...base.tests[0], devices: [] }, base.tests[1]] };
    expect(problems(withDevices)).toContain('tests.0: a fleet rule test lists hosts (hostname, kernel, devices), not devices');
    const badHost = { ...base, tests: [{ ...base.tests[0], host: 'c' }, base.tests[1]] };
    expect(problems(badHost)).toContain("tests.0.host: host must name one of the test's hosts");
    const undeclared = { ...base, tests: [base.tests[0], { ...base.tests[1], hosts: [host('a', 'NEW'), { hostname: 'b', devices: [{ key: 'x', class: 'no-such-class' }] }] }] };
    expect(problems(undeclared).join('\n')).toMatch(/^tests\.1\.hosts\.1\.devices\.0\.class: .*no-such-class/m);
    // A bundle rule may not carry hosts.
    const bundleRule = { ...base, scope: undefined, sql: "SELECT device_key FROM firmware WHERE bundle_id = @bundle AND component = 'firmware'" };
    expect(problems(bundleRule)).toContain('tests.0: hosts and host are for fleet rules (scope: fleet)');
  });

  it('run over many bundles at once, never per bundle, and their tests can fail', () => {
    const rule = { ...(validateRule(base, 'fleet/t.yaml', shippedFacts()).rule as Rule) };
    const t = rule.tests[0] as RuleTest;
    const { db, bundles } = fleetFactsDatabase(t);
    expect(runRules(db, bundles.get('b')!, [rule])).toEqual([]);
    const out = runFleetRules(db, [...bundles.values()], [rule]);
    expect(out.map((o) => [o.host, o.deviceKey, o.result, o.message])).toEqual([['b', 'nvme:nvme0', 'fail', 'b nvme:nvme0 runs OLD']]);
    // Only the bundles asked about.
    expect(runFleetRules(db, [bundles.get('a')!], [rule])).toEqual([]);
    db.close();
    expect(testRules([rule]).failures).toEqual([]);
    const flipped = { ...rule, tests: rule.tests.map((x) => ({ ...x, expect: x.expect === 'fail' ? ('not_applicable' as const) : ('fail' as const) })) };
    expect(testRules([flipped]).failures.map((f) => f.test)).toEqual(['fires', 'quiet']);
  });

  it('define fleet_bundles in front of the rule, also before its own WITH', () => {
    expect(withFleetBundles('SELECT 1 FROM fleet_bundles')).toMatch(/^WITH fleet_bundles\(bundle_id\) AS \(.*\) SELECT 1/);
    expect(withFleetBundles('  with x AS (SELECT 1) SELECT * FROM x')).toMatch(/^WITH fleet_bundles\(bundle_id\) AS \(.*\), x AS \(SELECT 1\) SELECT/);
    expect(withFleetBundles('WITH RECURSIVE x(n) AS (SELECT 1) SELECT n FROM x')).toMatch(/^WITH RECURSIVE fleet_bundles/);
  });
});
