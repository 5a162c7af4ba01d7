import { join } from 'node:path';
import { collect } from '../../collector/collect.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle, type LoadOptions } from '../../analyzer/load/load-bundle.js';
import { isFleetRule, runFleetRules } from '../../analyzer/rules/fleet.js';
import { runRules } from '../../analyzer/rules/run.js';
import { judgeTest } from '../../analyzer/rules/self-test.js';
import { testLines, type Rule, type RuleTest, type RuleTestDevice } from '../../analyzer/rules/types.js';

/** The rule-test field holding the test bundle's kernel log (declared by the class that reads it). */
const LOG = 'kernel_log';
import { buildFakeHost, FAKE_HOST_PARTS, FAKE_HOST_SOURCES, partFor } from '../../collector/fake-host/builder.js';

export interface RawCase {
  rule: string;
  test: string;
  expect: RuleTest['expect'];
  /** Why the case was not replayed from raw bytes; undefined when it was. */
  notRendered?: string;
  /** What went wrong when it was (undefined: the same result as the fact-level test). */
  problem?: string;
  /** The tested device (or, for a test of the kernel log alone, the log) reached the database: a not_applicable case then shows the rule was shown it and said nothing. */
  loaded?: boolean;
}

/** Why a fact-level test cannot be started from raw bytes, or undefined. */
export function unrenderable(t: RuleTest): string | undefined {
  if (!t.devices?.length && !testLines(t, LOG)?.length) return 'the test has no devices';
  for (const d of t.devices ?? []) {
    const p = partFor(d);
    if (typeof p === 'string') return p;
  }
  return undefined;
}

const isHostWide = (d: RuleTestDevice): boolean => FAKE_HOST_PARTS.some((p) => p.hostWide && p.classes.includes(d.class));
/** What of a test's devices the whole host shares (see FakeHostPart.hostShared). */
const hostShared = (t: RuleTest): unknown[] => (t.devices ?? []).flatMap((d) => FAKE_HOST_PARTS.find((p) => p.classes.includes(d.class))?.hostShared?.(d) ?? []);

/**
 * Replays a rule's fact-level tests from raw bytes: every renderable test's devices are written into captured
 * trees (one per distinct host — kernel release and host-wide devices — with each test's devices under their own
 * names), collected with `collect --root`, loaded into a database and evaluated; each test's target device must
 * give the result its fact-level test expects.
 */
export async function replayRule(rule: Rule, dir: string, load: LoadOptions = {}): Promise<RawCase[]> {
  const cases: RawCase[] = [];
  if (isFleetRule(rule)) return replayFleetRule(rule, dir, load);
  const hosts = new Map<string, { kernel?: string; kernelLog?: string[]; hostWide: RuleTestDevice[]; tests: RuleTest[] }>();
  for (const t of rule.tests) {
    const why = unrenderable(t);
    if (why) {
      cases.push({ rule: rule.id, test: t.name, expect: t.expect, notRendered: why });
      continue;
    }
    const hostWide = (t.devices ?? []).filter(isHostWide);
    // An SQL rule may compare devices across the host (identical devices, different firmware): each test gets a host of its own.
    const key = JSON.stringify([t.kernel ?? null, hostWide, testLines(t, LOG) ?? [], hostShared(t), rule.sql ? t.name : null]);
    const h = hosts.get(key) ?? { kernel: t.kernel, kernelLog: testLines(t, LOG), hostWide, tests: [] };
    h.tests.push(t);
    hosts.set(key, h);
  }
  let n = 0;
  for (const h of hosts.values()) {
    const root = join(dir, `host${n}`);
    const bundle = join(dir, `host${n++}.tar.gz`);
    const keys = buildFakeHost(root, h.hostWide, h.tests.map((t) => (t.devices ?? []).filter((d) => !isHostWide(d))), { kernel: h.kernel, kernelLog: h.kernelLog });
    await collect({ root, output: bundle, isolation: 'inline', only: FAKE_HOST_SOURCES });
    const db = openDatabase(':memory:');
    try {
      let bundleId: number;
      try {
        ({ bundleId } = await loadBundle(db, bundle, load));
      } catch (e) {
        for (const t of h.tests) cases.push({ rule: rule.id, test: t.name, expect: t.expect, problem: `the rendered tree gave no usable bundle: ${(e as Error).message}` });
        continue;
      }
      const outcomes = runRules(db, bundleId, [rule]);
      const loaded = db.prepare('SELECT 1 FROM devices WHERE bundle_id = ? AND device_key = ?');
      h.tests.forEach((t, i) => {
        const described = t.device ?? t.devices?.find((d) => !isHostWide(d))?.key ?? t.devices?.[0]?.key ?? null;
        // A test of the kernel log alone (its device is named by the log lines): what the rule was shown is the log.
        const logOnly = !t.devices?.length && Boolean(testLines(t, LOG)?.length);
        const logLoaded = logOnly && db.prepare('SELECT 1 FROM kernel_log WHERE bundle_id = ? LIMIT 1').get(bundleId) !== undefined;
        if (described === null) {
          cases.push({ rule: rule.id, test: t.name, expect: t.expect, problem: judgeTest(t, outcomes, null), loaded: logLoaded });
          return;
        }
        const target = keys[i]!.get(described) ?? described;
        cases.push({ rule: rule.id, test: t.name, expect: t.expect, problem: judgeTest(t, outcomes, target), loaded: logOnly ? logLoaded : loaded.get(bundleId, target) !== undefined });
      });
    } finally {
      db.close();
    }
  }
  return cases;
}

/** Why a fleet test's hosts cannot be started from raw bytes, or undefined. */
function unrenderableHosts(t: RuleTest): string | undefined {
  if (!t.hosts?.some((h) => h.devices.length)) return 'the test has no devices';
  // A host without devices is a bare host: its name and nothing else.
  for (const h of t.hosts.filter((x) => x.devices.length)) {
    const why = unrenderable({ ...t, devices: h.devices, [LOG]: undefined });
    if (why) return why;
  }
  return undefined;
}

/**
 * A fleet rule's tests from raw bytes: each test's hosts are written as captured trees of their own (hostname,
 * kernel, devices), collected, loaded into one database, and the rule runs over those bundles; the test's host
 * and device must give the result its fact-level test expects.
 */
async function replayFleetRule(rule: Rule, dir: string, load: LoadOptions): Promise<RawCase[]> {
  const cases: RawCase[] = [];
  for (const [ti, t] of rule.tests.entries()) {
    const why = unrenderableHosts(t);
    if (why) {
      cases.push({ rule: rule.id, test: t.name, expect: t.expect, notRendered: why });
      continue;
    }
    const db = openDatabase(':memory:');
    try {
      const bundles = new Map<string, { id: number; keys: Map<string, string> }>();
      for (const [hi, h] of t.hosts!.entries()) {
        const root = join(dir, `t${ti}-h${hi}`);
        const bundle = `${root}.tar.gz`;
        const hostWide = h.devices.filter(isHostWide);
        const [keys] = buildFakeHost(root, hostWide, [h.devices.filter((d) => !isHostWide(d))], { kernel: h.kernel, hostname: h.hostname });
        for (const d of hostWide) keys!.set(d.key, d.key);
        await collect({ root, output: bundle, isolation: 'inline', only: FAKE_HOST_SOURCES });
        bundles.set(h.hostname, { id: (await loadBundle(db, bundle, load)).bundleId, keys: keys! });
      }
      const host = t.host ?? t.hosts![0]!.hostname;
      const own = bundles.get(host)!;
      const outcomes = runFleetRules(db, [...bundles.values()].map((b) => b.id), [rule]);
      const failed = outcomes.find((o) => o.result === 'error');
      const described = t.device ?? t.hosts!.find((h) => h.hostname === host)?.devices[0]?.key ?? null;
      const target = described === null ? null : (own.keys.get(described) ?? described);
      const loaded = target !== null && db.prepare('SELECT 1 FROM devices WHERE bundle_id = ? AND device_key = ?').get(own.id, target) !== undefined;
      // Messages name the devices as rendered; the test names them as described.
      const asDescribed = (text: string | null): string | null => (text === null ? null : [...own.keys].reduce((m, [d, r]) => m.split(r).join(d), text));
      const ownOutcomes = outcomes.filter((o) => o.bundleId === own.id).map((o) => ({ ...o, message: asDescribed(o.message) }));
      const problem = failed ? `rule failed: ${failed.message}` : judgeTest(t, ownOutcomes, target);
      cases.push({ rule: rule.id, test: t.name, expect: t.expect, problem, loaded });
    } catch (e) {
      cases.push({ rule: rule.id, test: t.name, expect: t.expect, problem: `the rendered trees gave no usable bundles: ${(e as Error).message}` });
    } finally {
      db.close();
    }
  }
  return cases;
}

/**
 * Rules whose only quiet result is "not applicable": SQL rules that return the failing rows only, and rules without
 * conditions (their selection is their condition). Their quiet case is a device they were shown and passed over.
 */
export function quietIsNotApplicable(rule: Rule): boolean {
  return Boolean(rule.sql) || !(rule.when?.length || rule.check);
}

/**
 * What a rule lacks from raw bytes: a firing case, and a quiet case where it applied (pass or skip) — for rules whose
 * quiet result is not_applicable (quietIsNotApplicable), a not_applicable case whose device was loaded.
 */
export function rawCoverageGaps(rule: Rule, cases: readonly RawCase[]): string | undefined {
  const replayed = cases.filter((c) => !c.notRendered && !c.problem);
  const fires = replayed.some((c) => c.expect === 'fail');
  const naQuiet = quietIsNotApplicable(rule);
  const quiet = replayed.some((c) => c.expect === 'pass' || c.expect === 'skip' || (naQuiet && c.expect === 'not_applicable' && c.loaded));
  if (fires && quiet) return undefined;
  const reasons = [...new Set(cases.filter((c) => c.notRendered).map((c) => c.notRendered!))];
  const lacks = [fires ? undefined : 'firing', quiet ? undefined : naQuiet ? 'quiet (not_applicable on a loaded device)' : 'applicable quiet'].filter(Boolean).join(' and ');
  const why = reasons.length ? `: ${reasons.join('; ')}`
    : cases.some((c) => c.expect === 'pass' || c.expect === 'skip' || (naQuiet && c.expect === 'not_applicable')) ? ''
      : naQuiet ? ' (its fact-level tests have no not_applicable case)' : ' (its fact-level tests have no pass or skip case)';
  return `no ${lacks} case from raw bytes${why}`;
}
