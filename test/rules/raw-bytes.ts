import { join } from 'node:path';
import { collect } from '../../collector/collect.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle, type LoadOptions } from '../../analyzer/load/load-bundle.js';
import { runRules } from '../../analyzer/rules/run.js';
import { judgeTest } from '../../analyzer/rules/self-test.js';
import type { Rule, RuleTest, RuleTestDevice } from '../../analyzer/rules/types.js';
import { buildFakeHost, FAKE_HOST_PARTS, partFor } from '../helpers/fake-host/builder.js';

export interface RawCase {
  rule: string;
  test: string;
  expect: RuleTest['expect'];
  /** Why the case was not replayed from raw bytes; undefined when it was. */
  notRendered?: string;
  /** What went wrong when it was (undefined: the same result as the fact-level test). */
  problem?: string;
}

/** Why a fact-level test cannot be started from raw bytes, or undefined. */
export function unrenderable(t: RuleTest): string | undefined {
  if (!t.devices?.length && !t.kernel_log?.length) return 'the test has no devices';
  for (const d of t.devices ?? []) {
    const p = partFor(d);
    if (typeof p === 'string') return p;
  }
  return undefined;
}

const isHostWide = (d: RuleTestDevice): boolean => FAKE_HOST_PARTS.some((p) => p.hostWide && p.classes.includes(d.class));

/**
 * Replays a rule's fact-level tests from raw bytes: every renderable test's devices are written into captured
 * trees (one per distinct host — kernel release and host-wide devices — with each test's devices under their own
 * names), collected with `collect --root`, loaded into a database and evaluated; each test's target device must
 * give the result its fact-level test expects.
 */
export async function replayRule(rule: Rule, dir: string, load: LoadOptions = {}): Promise<RawCase[]> {
  const cases: RawCase[] = [];
  const hosts = new Map<string, { kernel?: string; kernelLog?: string[]; hostWide: RuleTestDevice[]; tests: RuleTest[] }>();
  for (const t of rule.tests) {
    const why = unrenderable(t);
    if (why) {
      cases.push({ rule: rule.id, test: t.name, expect: t.expect, notRendered: why });
      continue;
    }
    const hostWide = (t.devices ?? []).filter(isHostWide);
    const key = JSON.stringify([t.kernel ?? null, hostWide, t.kernel_log ?? []]);
    const h = hosts.get(key) ?? { kernel: t.kernel, kernelLog: t.kernel_log, hostWide, tests: [] };
    h.tests.push(t);
    hosts.set(key, h);
  }
  let n = 0;
  for (const h of hosts.values()) {
    const root = join(dir, `host${n}`);
    const bundle = join(dir, `host${n++}.tar.gz`);
    const keys = buildFakeHost(root, h.hostWide, h.tests.map((t) => (t.devices ?? []).filter((d) => !isHostWide(d))), { kernel: h.kernel, kernelLog: h.kernelLog });
    await collect({ root, output: bundle, isolation: 'inline', only: ['pci', 'nvme', 'ata', 'platform', 'cpu', 'kernel-log'] });
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
      h.tests.forEach((t, i) => {
        const described = t.device ?? t.devices?.find((d) => !isHostWide(d))?.key ?? t.devices?.[0]?.key ?? null;
        if (described === null) {
          cases.push({ rule: rule.id, test: t.name, expect: t.expect, problem: judgeTest(t, outcomes, null) });
          return;
        }
        const target = keys[i]!.get(described) ?? described;
        cases.push({ rule: rule.id, test: t.name, expect: t.expect, problem: judgeTest(t, outcomes, target) });
      });
    } finally {
      db.close();
    }
  }
  return cases;
}

/** What a rule lacks from raw bytes: a firing case, and a quiet case where it applied (pass or skip). */
export function rawCoverageGaps(rule: Rule, cases: readonly RawCase[]): string | undefined {
  const replayed = cases.filter((c) => !c.notRendered && !c.problem);
  const fires = replayed.some((c) => c.expect === 'fail');
  const quiet = replayed.some((c) => c.expect === 'pass' || c.expect === 'skip');
  if (fires && quiet) return undefined;
  const reasons = [...new Set(cases.filter((c) => c.notRendered).map((c) => c.notRendered!))];
  const lacks = [fires ? undefined : 'firing', quiet ? undefined : 'applicable quiet'].filter(Boolean).join(' and ');
  return `no ${lacks} case from raw bytes${reasons.length ? `: ${reasons.join('; ')}` : !(rule.when || rule.sql || rule.check) ? ' (it has no conditions: it fires on every device it selects, so its quiet case is not_applicable)' : cases.some((c) => c.expect === 'pass' || c.expect === 'skip') ? '' : ' (its fact-level tests have no pass or skip case)'}`;
}
