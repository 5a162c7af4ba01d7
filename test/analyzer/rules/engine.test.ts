import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules, RuleFileError, rememberedRuleSets } from '../../../analyzer/rules/load-rules.js';
import { runRules } from '../../../analyzer/rules/run.js';
import { factsDatabase, testRules } from '../../../analyzer/rules/self-test.js';
import type { RuleTest } from '../../../analyzer/rules/types.js';
import { tempDir } from '../../helpers/tmp.js';

const RULE = `
id: t.old-fw
title: old firmware
severity: high
applies_to: {class: net, vendor_id: [0x8086], driver: [i40e]}
when:
  - firmware: {component: firmware, lt: "9.20"}
  - any:
      - setting: {namespace: ethtool.priv-flags, key: disable-fw-lldp, eq: false}
      - kernel: {lt: "6.1"}
message: "{device} runs {firmware} on {kernel}"
remediation: update
references: [x]
tests:
  - {name: a, expect: fail, devices: [{key: n, class: net, vendor_id: 0x8086, driver: i40e, firmware: {firmware: "9.10"}}], kernel: "5.10.0-20-amd64"}
  - {name: b, expect: pass, devices: [{key: n, class: net, vendor_id: 0x8086, driver: i40e, firmware: {firmware: "9.20"}}], kernel: "5.10.0"}
`;

function write(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), text);
  return dir;
}

function run(test: Omit<RuleTest, 'name' | 'expect'>) {
  const [rule] = loadRules(write(tempDir(), 'r.yaml', RULE));
  const { db, bundleId } = factsDatabase({ name: 'x', expect: 'pass', ...test });
  return runRules(db, bundleId, [rule!]);
}

const i40e = (fw?: string, settings: RuleTest['devices'] extends (infer D)[] | undefined ? D extends { settings?: infer S } ? S : never : never = []) => ({
  key: 'net:ens2f0', class: 'net', vendor_id: 0x8086, driver: 'i40e', ...(fw === undefined ? {} : { firmware: { firmware: fw } }), settings,
});

describe('rule engine', () => {
  it('fails, passes and skips with three-valued logic, naming what is missing', () => {
    expect(run({ kernel: '5.10.0-20-amd64', devices: [i40e('9.10')] })[0]).toMatchObject({ result: 'fail', message: 'net:ens2f0 runs 9.10 on 5.10.0-20-amd64' });
    expect(run({ kernel: '6.1.0', devices: [i40e('9.10', [{ namespace: 'ethtool.priv-flags', key: 'disable-fw-lldp', value: true }])] })[0]!.result).toBe('pass');
    // The first condition is false, so the missing kernel release does not matter.
    expect(run({ devices: [i40e('9.20')] })[0]!.result).toBe('pass');
    // Firmware absent: skip, and say which.
    const skip = run({ kernel: '5.4', devices: [i40e()] })[0]!;
    expect(skip).toMatchObject({ result: 'skip', missing: 'firmware firmware (running)' });
    // Old firmware, but neither the flag nor the kernel release is known: skip naming both.
    expect(run({ devices: [i40e('9.10')] })[0]!.missing).toBe('setting ethtool.priv-flags/disable-fw-lldp, kernel release');
    // The kernel release is known (6.2, not below 6.1): only the flag is missing, though its condition names both.
    expect(run({ kernel: '6.2.0', devices: [i40e('9.10')] })[0]).toMatchObject({ result: 'skip', missing: 'setting ethtool.priv-flags/disable-fw-lldp' });
  });

  it('validates a rules directory once per process, and again when a file in it changes', () => {
    const dir = write(tempDir(), 'r.yaml', RULE);
    const first = loadRules(dir);
    expect(loadRules(dir)).toBe(first);
    // Shared by every caller, so no caller can change another's rules.
    expect(Object.isFrozen(first) && Object.isFrozen(first[0]) && Object.isFrozen(first[0]!.when)).toBe(true);
    write(dir, 'r.yaml', RULE.replace('severity: high', 'severity: medium'));
    const edited = loadRules(dir);
    expect(edited).not.toBe(first);
    expect(edited[0]!.severity).toBe('medium');
  });

  it('sees an edit that keeps a rule file\'s size, and keeps only a few rule sets', () => {
    const dir = write(tempDir(), 'r.yaml', RULE);
    const first = loadRules(dir);
    write(dir, 'r.yaml', RULE.replace('severity: high', 'severity: info'));
    expect(loadRules(dir)[0]!.severity).toBe('info');
    expect(loadRules(dir)).not.toBe(first);
    for (let i = 0; i < 6; i++) loadRules(write(tempDir(), 'r.yaml', RULE.replace('t.old-fw', `t.old-fw-${i}`)));
    expect(rememberedRuleSets().sets).toBeLessThanOrEqual(4);
    expect(rememberedRuleSets().stamps).toBeLessThanOrEqual(4);
  });

  it('does not consider devices outside applies_to', () => {
    expect(run({ kernel: '5.4', devices: [{ ...i40e('9.10'), driver: 'ice' }] })).toEqual([]);
  });

  it('compares versions by scheme, not as text', () => {
    // "9.9" < "9.10" is false as text but true as a version.
    expect(run({ kernel: '5.4', devices: [i40e('9.9')] })[0]!.result).toBe('fail');
  });

  it('reports every problem of a rule file with file, line and field', () => {
    const dir = write(tempDir(), 'bad.yaml', 'id: Bad Id\ntitle: t\nseverity: urgent\nwhen:\n  - firmware: {component: fw, lt: 1.10}\nmessage: m\nremediation: r\nreferences: []\ntests: []\n');
    let err: RuleFileError | undefined;
    try {
      loadRules(dir);
    } catch (e) {
      err = e as RuleFileError;
    }
    expect(err).toBeInstanceOf(RuleFileError);
    expect(err!.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^bad\.yaml:1: id: id may hold only/),
        expect.stringMatching(/^bad\.yaml:3: severity: severity must be one of/),
        expect.stringMatching(/^bad\.yaml:5: when\.0\.firmware\.lt: lt takes a version string \(quote it/),
        expect.stringMatching(/^bad\.yaml:8: references: references must list at least one source/),
        expect.stringMatching(/^bad\.yaml:9: tests: tests must list at least one test/),
      ]),
    );
  });

  it('rejects duplicate ids and YAML syntax errors', () => {
    const dir = tempDir();
    write(dir, 'a.yaml', RULE);
    write(dir, 'b.yaml', RULE + '\n---\nid: [unclosed\n');
    expect(() => loadRules(dir)).toThrow(/b\.yaml: id: duplicate rule id "t\.old-fw" \(also in a\.yaml\)[\s\S]*b\.yaml:\d+:/);
  });

  it("runs a rule's own tests and reports a wrong expectation", () => {
    const [rule] = loadRules(write(tempDir(), 'r.yaml', RULE.replace('firmware: {firmware: "9.20"}}], kernel: "5.10.0"', 'firmware: {firmware: "9.10"}}], kernel: "5.10.0"')));
    const { run: n, failures } = testRules([rule!]);
    expect(n).toBe(2);
    expect(failures).toEqual([expect.objectContaining({ test: 'b', problem: expect.stringContaining('expected pass for n, got fail') })]);
  });

  it('tells a device the rule does not select (not_applicable) from one it passes', () => {
    const other = `{key: n, class: net, vendor_id: 0x15b3, driver: mlx5_core, firmware: {firmware: "9.10"}}`;
    const [right] = loadRules(write(tempDir(), 'r.yaml', RULE + `  - {name: c, expect: not_applicable, devices: [${other}]}\n`));
    expect(testRules([right!]).failures).toEqual([]);
    const [wrong] = loadRules(write(tempDir(), 'r.yaml', RULE + `  - {name: c, expect: pass, devices: [${other}]}\n  - {name: d, expect: not_applicable, devices: [{key: n, class: net, vendor_id: 0x8086, driver: i40e, firmware: {firmware: "9.20"}}]}\n`));
    expect(testRules([wrong!]).failures).toEqual([
      expect.objectContaining({ test: 'c', problem: expect.stringContaining('expected pass for n, but the rule did not apply to it') }),
      expect.objectContaining({ test: 'd', problem: expect.stringContaining('expected the rule not to apply to n, got pass') }),
    ]);
  });

  it('refuses a rule whose tests have no case that must not fire', () => {
    const dir = write(tempDir(), 'r.yaml', RULE.replace(/\n  - \{name: b,.*\n/, '\n'));
    expect(() => loadRules(dir)).toThrow(/tests need at least one case that must not fire/);
  });
  it('shows each setting a rule reads once, however many of its conditions read it', () => {
    // A rule reading one setting under several globs (cpu.amd-erratum-1386-xsaves reads the CPU signature eight times)
    // showed the setting once per condition in its evidence.
    const globs = RULE.replace(
      '      - setting: {namespace: ethtool.priv-flags, key: disable-fw-lldp, eq: false}',
      '      - setting: {namespace: ethtool.priv-flags, key: disable-fw-lldp, eq: false}\n      - setting: {namespace: ethtool.priv-flags, key: disable-fw-lldp, ne: true}',
    );
    const [rule] = loadRules(write(tempDir(), 'r.yaml', globs));
    const { db, bundleId } = factsDatabase({ name: 'x', expect: 'fail', kernel: '5.4', devices: [i40e('9.10', [{ namespace: 'ethtool.priv-flags', key: 'disable-fw-lldp', value: false }])] });
    const [finding] = runRules(db, bundleId, [rule!]);
    expect(finding!.result).toBe('fail');
    expect(finding!.evidence!.settings).toEqual([{ namespace: 'ethtool.priv-flags', key: 'disable-fw-lldp', value: '0', mode: 'current' }]);
  });
});
