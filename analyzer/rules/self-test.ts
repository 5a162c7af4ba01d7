import type { FactContract } from '../facts/contract.js';
import { CLASSES, shippedFacts } from '../classes/index.js';
import { openDatabase, type Db } from '../db/database.js';
import type { FirmwareState, SettingMode } from '../db/rows.js';
import { SqliteSink } from '../db/sink.js';
import { describeVersion } from '../load/describe-version.js';
import { runRules, type RunRulesOptions } from './run.js';
import { isFleetRule, runFleetRules } from './fleet.js';
import type { Rule, RuleOutcome, RuleTest, RuleTestDevice } from './types.js';

export interface TestFailure {
  rule: string;
  file: string;
  test: string;
  problem: string;
}

/** Builds a one-bundle database holding exactly the facts a rule test describes. */
export function factsDatabase(t: RuleTest, facts: FactContract = shippedFacts()): { db: Db; bundleId: number } {
  const db = openDatabase(':memory:');
  const bundleId = insertTestBundle(db, t, 'test', t.kernel, t.devices ?? [], facts);
  return { db, bundleId };
}

/** A fleet rule test's database: one bundle per host. */
export function fleetFactsDatabase(t: RuleTest, facts: FactContract = shippedFacts()): { db: Db; bundles: Map<string, number> } {
  const db = openDatabase(':memory:');
  const bundles = new Map((t.hosts ?? []).map((h) => [h.hostname, insertTestBundle(db, t, h.hostname, h.kernel, h.devices, facts)]));
  return { db, bundles };
}

export function insertTestBundle(db: Db, t: RuleTest, hostname: string, kernel: string | undefined, devices: RuleTestDevice[], facts: FactContract): number {
  const bundleId = Number(
    db.prepare(`INSERT INTO bundles (path, hostname, kernel_release, loaded_at, complete) VALUES ('(rule test)', ?, ?, ?, 1)`).run(hostname, kernel ?? null, new Date(0).toISOString()).lastInsertRowid,
  );
  const sink = new SqliteSink(db, bundleId, describeVersion, facts, 'throw');
  sink.currentWriter = `rule test "${t.name}"${t.hosts ? ` host ${hostname}` : ''}`;
  for (const d of devices) {
    sink.device({
      key: d.key, class: d.class, pciAddress: d.pci_address, parentKey: d.parent_key, vendorId: d.vendor_id, deviceId: d.device_id,
      subsystemVendorId: d.subsystem_vendor_id, subsystemDeviceId: d.subsystem_device_id, classCode: d.class_code, driver: d.driver, model: d.model,
    });
    const fw = Array.isArray(d.firmware) ? d.firmware : Object.entries(d.firmware ?? {}).map(([component, version]) => ({ component, version, state: 'running', scheme: undefined }));
    for (const f of fw) sink.firmware({ deviceKey: d.key, component: f.component, version: String(f.version), state: (f.state ?? 'running') as FirmwareState, scheme: f.scheme });
    for (const s of d.settings ?? []) sink.setting({ deviceKey: d.key, namespace: s.namespace, key: s.key, value: s.value, mode: (s.mode ?? 'current') as SettingMode });
  }
  for (const c of CLASSES) c.ruleTestFacts?.(t, sink, devices);
  sink.flushFirmware();
  return bundleId;
}

/** What is wrong with a rule's outcomes for a test's target device (`null`: the bundle), or undefined when they are what the test expects. */
export function judgeTest(t: RuleTest, outcomes: readonly RuleOutcome[], target: string | null): string | undefined {
  const mine = outcomes.filter((x) => x.deviceKey === target || (target === null && x.deviceKey === null));
  const got = mine.find((x) => x.result === 'error') ?? mine.find((x) => x.result === 'fail') ?? mine[0];
  if (!got) return t.expect === 'not_applicable' ? undefined : `expected ${t.expect} for ${target ?? 'the bundle'}, but the rule did not apply to it (expect: not_applicable says so)`;
  if (t.expect === 'not_applicable') return `expected the rule not to apply to ${target ?? 'the bundle'}, got ${got.result}${got.message ? `: ${got.message}` : ''}`;
  if (got.result !== t.expect) return `expected ${t.expect} for ${target}, got ${got.result}${got.message ? `: ${got.message}` : ''}`;
  if (t.message && !(got.message ?? '').includes(t.message)) return `message ${JSON.stringify(got.message)} lacks ${JSON.stringify(t.message)}`;
  if (t.missing && !(got.missing ?? '').includes(t.missing)) return `missing ${JSON.stringify(got.missing)} lacks ${JSON.stringify(t.missing)}`;
  if (got.result === 'fail' && /\{[^}]+\?\}/.test(got.message ?? '')) return `message has unfilled placeholders: ${got.message}`;
  return undefined;
}

/** A fleet rule's test: the rule over all its hosts, judged on the test's host and device. */
function judgeFleetTest(rule: Rule, t: RuleTest): string | undefined {
  const { db, bundles } = fleetFactsDatabase(t);
  try {
    const host = t.host ?? t.hosts?.[0]?.hostname ?? '';
    const outcomes = runFleetRules(db, [...bundles.values()], [rule]);
    const failed = outcomes.find((o) => o.result === 'error');
    if (failed) return `rule failed: ${failed.message}`;
    const hostHosts = t.hosts?.find((h) => h.hostname === host);
    return judgeTest(t, outcomes.filter((o) => o.bundleId === bundles.get(host)), t.device ?? hostHosts?.devices[0]?.key ?? null);
  } finally {
    db.close();
  }
}

/** Runs every rule's own tests; returns the failures (empty when all pass). */
export function testRules(rules: readonly Rule[], o: RunRulesOptions = {}): { run: number; failures: TestFailure[] } {
  const failures: TestFailure[] = [];
  let run = 0;
  for (const rule of rules) {
    for (const t of rule.tests) {
      run++;
      const fail = (problem: string): void => void failures.push({ rule: rule.id, file: rule.file, test: t.name, problem });
      if (isFleetRule(rule)) {
        const problem = judgeFleetTest(rule, t);
        if (problem) fail(problem);
        continue;
      }
      const { db, bundleId } = factsDatabase(t);
      try {
        const problem = judgeTest(t, runRules(db, bundleId, [rule], o), t.device ?? t.devices?.[0]?.key ?? null);
        if (problem) fail(problem);
      } finally {
        db.close();
      }
    }
  }
  return { run, failures };
}
