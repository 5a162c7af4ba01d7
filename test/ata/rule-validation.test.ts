import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLASSES } from '../../analyzer/classes/index.js';
import { loadRules, RuleFileError } from '../../analyzer/rules/load-rules.js';
import { tempDir } from '../helpers/tmp.js';

/** The shared rule validation against the declared facts, shown on the ata class's declarations. */

function rulesDirWith(file: string, text: string): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'ata'), { recursive: true });
  writeFileSync(join(dir, file), text);
  return dir;
}

const loadError = (dir: string): string => {
  try {
    loadRules(dir, { useCache: false });
  } catch (e) {
    expect(e).toBeInstanceOf(RuleFileError);
    return (e as Error).message;
  }
  throw new Error('the rules loaded');
};

/** A settings namespace with fixed keys that another class declares and no ata device has. */
const SETTINGS = CLASSES.flatMap((c) => c.facts).flatMap((f) => f.settings);
const ataNamespaces = new Set(SETTINGS.filter((ns) => ns.devices.includes('ata')).map((ns) => ns.namespace));
const foreign = SETTINGS.find((ns) => ns.keys && !ns.namespace.includes('*') && !ataNamespaces.has(ns.namespace))!;
const foreignKey = Object.keys(foreign.keys!)[0]!;

const RULE = (when: string, tests = `  - {name: a, expect: fail, devices: [{key: "ata:dev1.0", class: ata}]}\n  - {name: b, expect: skip, devices: [{key: "ata:dev1.0", class: ata}]}`): string => `id: t.r
title: t
severity: low
applies_to: {class: ata}
when:
  - ${when}
message: m
remediation: r
references: [x]
tests:
${tests}
`;

describe('rule validation against the declared facts', () => {
  const refused = (when: string, tests?: string): string => loadError(rulesDirWith('ata/r.yaml', RULE(when, tests)));

  it('refuses a comparison of the wrong type, with the line of the operator', () => {
    expect(refused('setting: {namespace: ata, key: sata_max_gen, eq: true}')).toMatch(/ata\/r\.yaml:6: when\.0\.setting\.eq: setting ata\/sata_max_gen: eq on a integer key takes numbers, not true/);
    expect(refused('setting: {namespace: ata, key: lpm_policy, lt: 3}')).toMatch(/r\.yaml:6: when\.0\.setting\.lt: .*lt compares numbers; the key holds text/);
    expect(refused('setting: {namespace: ata, key: trim_mode, in: [queued, queue]}')).toMatch(/"queue" is not a value of this key \(unsupported, forced_unsupported, forced_unqueued, queued, unqueued\)/);
    expect(refused('setting: {namespace: ata, key: lba48, glob: "1*"}')).toMatch(/glob does not apply to a boolean key/);
  });

  it('refuses undeclared classes, components, states, namespaces and modes', () => {
    expect(loadError(rulesDirWith('ata/r.yaml', RULE('firmware: {component: firmware, lt: "2"}').replace('class: ata}', 'class: storage}')))).toMatch(/applies_to\.class\.0: device class "storage" is not declared/);
    expect(refused('firmware: {component: fw, lt: "2"}')).toMatch(/when\.0\.firmware\.component: firmware component "fw" is not declared/);
    expect(refused('firmware: {component: firmware, state: pending, lt: "2"}')).toMatch(/firmware firmware has no state "pending"/);
    expect(refused(`setting: {namespace: "${foreign.namespace}", key: "${foreignKey}", eq: true}`)).toContain(`setting namespace "${foreign.namespace}" is not declared for device class ata`);
    expect(refused('setting: {namespace: ata, key: trim_mode, mode: next_boot, eq: queued}')).toMatch(/when\.0\.setting\.mode: setting ata\/trim_mode has no mode "next_boot"/);
    expect(refused('all: [{setting: {namespace: ata, key: trim_mode, eq: queued}}, {not: {setting: {namespace: ata, key: trimmode, eq: queued}}}]')).toMatch(/when\.0\.all\.1\.not\.setting\.key: setting key "trimmode"/);
  });

  it('accepts open keys of their namespace and any comparison on text values', () => {
    const ok = rulesDirWith('ata/r.yaml', RULE('setting: {namespace: sysfs, key: link/sata_spd, eq: 1}').replace('class: ata}', 'class: [ata]}'));
    expect(loadRules(ok, { useCache: false })).toHaveLength(1);
    const kernel = rulesDirWith('ata/r.yaml', RULE('setting: {namespace: "module:libata", key: force, device: kernel, eq: true}'));
    expect(loadRules(kernel, { useCache: false })).toHaveLength(1);
  });

  it('refuses a test that injects an undeclared fact or a value of the wrong type, and a message naming an undeclared setting', () => {
    const tests = `  - {name: a, expect: fail, devices: [{key: "ata:dev1.0", class: ata, settings: [{namespace: ata, key: trim_modes, value: queued}]}]}\n  - {name: b, expect: skip, devices: [{key: "ata:dev1.0", class: ata, settings: [{namespace: ata, key: lba48, value: "yes"}]}]}`;
    const m = refused('setting: {namespace: ata, key: trim_mode, eq: queued}', tests);
    expect(m).toMatch(/r\.yaml:11: tests\.0\.devices\.0\.settings\.0: test injects an undeclared fact: setting key "trim_modes" is not declared in namespace "ata"/);
    expect(m).toMatch(/r\.yaml:12: tests\.1\.devices\.0\.settings\.0: test injects an undeclared fact: setting ata\/lba48 = "yes" does not fit its declared type boolean/);
    const msg = loadError(rulesDirWith('ata/r.yaml', RULE('setting: {namespace: ata, key: trim_mode, eq: queued}').replace('message: m', 'message: "{setting.ata.trimmed}"')));
    expect(msg).toMatch(/message: message names setting "ata\.trimmed", which no class declares/);
  });

  it('refuses SQL reading an undeclared namespace or firmware component', () => {
    const sql = (q: string): string => loadError(rulesDirWith('ata/r.yaml', RULE('x').replace(/when:\n {2}- x\n/, `sql: "${q}"\n`)));
    expect(sql(`SELECT bundle_id, device_key FROM settings WHERE bundle_id IN (SELECT bundle_id FROM rule_bundles) AND namespace = 'ata.features'`)).toMatch(/sql: sql reads setting namespace "ata\.features", which no class declares/);
    expect(sql(`SELECT bundle_id, device_key FROM firmware WHERE bundle_id IN (SELECT bundle_id FROM rule_bundles) AND component = 'fw.bogus version'`)).toMatch(/sql: sql reads firmware component "fw\.bogus version" is not declared/);
  });
});

