import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../analyzer/db/database.js';
import type { FactSink } from '../../../analyzer/db/rows.js';
import { FactContract, UndeclaredFactError } from '../../../analyzer/facts/contract.js';
import { CLASSES, shippedFacts } from '../../../analyzer/classes/index.js';
import { factsDoc } from '../../../analyzer/facts/doc.js';
import type { ClassFacts } from '../../../analyzer/facts/types.js';

const CLASS_FACTS: ClassFacts[] = CLASSES.flatMap((c) => c.facts);
import { loadBundle } from '../../../analyzer/load/load-bundle.js';
import { nvmeLoader } from '../../../analyzer/classes/nvme/loader.js';
import type { ClassLoader } from '../../../analyzer/load/types.js';
import { defaultRulesDir, loadRules, RuleFileError } from '../../../analyzer/rules/load-rules.js';
import { tempDir } from '../../helpers/tmp.js';
import { fakehostBundle } from '../load/fakehost-bundle.js';

/**
 * The nvme loader with one setting key renamed on its way to the sink: the issue's experiment. The fake host's
 * controller has no APST, so the key renamed is one it does report (Identify Controller's firmware slots).
 */
const renamingNvmeLoader: ClassLoader = {
  name: 'nvme',
  load(ctx) {
    const sink = new Proxy(ctx.sink, {
      get(target, prop) {
        if (prop === 'setting') return (s: Parameters<FactSink['setting']>[0]) => target.setting(s.key === 'firmware_slots' ? { ...s, key: 'fw_slots' } : s);
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    nvmeLoader.load({ ...ctx, sink });
  },
};

function rulesDirWith(file: string, text: string): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'nvme'), { recursive: true });
  writeFileSync(join(dir, file), text);
  return dir;
}

const loadError = (dir: string, facts?: FactContract): string => {
  try {
    loadRules(dir, { useCache: false, facts });
  } catch (e) {
    expect(e).toBeInstanceOf(RuleFileError);
    return (e as Error).message;
  }
  throw new Error('the rules loaded');
};

describe('renaming one NVMe setting key fails loudly (issue 10)', () => {
  let bundle: { path: string; cleanup: () => void };
  beforeAll(async () => {
    bundle = await fakehostBundle();
  });
  afterAll(() => bundle?.cleanup());

  it('the fake host loads nvme.id-ctrl/firmware_slots with the real loader', async () => {
    const db = openDatabase(':memory:');
    await loadBundle(db, bundle.path, { loaders: [nvmeLoader], streaming: [] });
    expect(db.prepare(`SELECT value FROM settings WHERE namespace = 'nvme.id-ctrl' AND key = 'firmware_slots'`).all()).toEqual([{ value: '3' }]);
  });

  it('a loader emitting the renamed key throws in tests, naming the loader, the fact and the device', async () => {
    const db = openDatabase(':memory:');
    await expect(loadBundle(db, bundle.path, { loaders: [renamingNvmeLoader], streaming: [], undeclared: 'throw' })).rejects.toThrow(UndeclaredFactError);
    await expect(loadBundle(openDatabase(':memory:'), bundle.path, { loaders: [renamingNvmeLoader], streaming: [], undeclared: 'throw' })).rejects.toThrow(
      /loader nvme emitted an undeclared fact: setting key "fw_slots" is not declared in namespace "nvme\.id-ctrl" .*\(device nvme:nvme0\)/,
    );
  });

  it('in an analysis the renamed fact is refused and reported as an UNDECLARED_FACT issue, the rest still loads', async () => {
    const db = openDatabase(':memory:');
    const { bundleId } = await loadBundle(db, bundle.path, { loaders: [renamingNvmeLoader], streaming: [], undeclared: 'issue' });
    const issues = db.prepare(`SELECT stage, code, message FROM collection_issues WHERE bundle_id = ? AND code = 'UNDECLARED_FACT'`).all(bundleId) as { stage: string; message: string }[];
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ stage: 'analyze', message: expect.stringMatching(/^loader nvme emitted an undeclared fact: setting key "fw_slots"/) });
    expect(db.prepare(`SELECT COUNT(*) AS n FROM settings WHERE key = 'fw_slots'`).get()).toEqual({ n: 0 });
    expect((db.prepare(`SELECT COUNT(*) AS n FROM settings WHERE namespace = 'nvme.id-ctrl'`).get() as { n: number }).n).toBeGreaterThan(0);
  });

  it('a rule naming the renamed key is refused with its file and line', () => {
    const original = readFileSync(join(defaultRulesDir(), 'nvme/core-quirks.yaml'), 'utf8');
    const line = original.split('\n').findIndex((l) => l.includes('key: "apst_enabled", eq: true')) + 1;
    expect(line).toBeGreaterThan(0);
    const dir = rulesDirWith('nvme/core-quirks.yaml', original.replace('key: "apst_enabled", eq: true', 'key: "apst_on", eq: true'));
    expect(loadError(dir)).toContain(`nvme/core-quirks.yaml:${line}: when.0.setting.key: setting key "apst_on" is not declared in namespace "nvme.feature"`);
  });

  it('renaming the declared key refuses every shipped rule and rule test that reads the old name', () => {
    const renamed: ClassFacts[] = CLASS_FACTS.map((c) => {
      if (c.name !== 'nvme') return c;
      return {
        ...c,
        settings: c.settings.map((ns) => {
          if (ns.namespace !== 'nvme.feature' || !ns.keys) return ns;
          const { apst_enabled, ...rest } = ns.keys;
          return { ...ns, keys: { ...rest, apst_on: apst_enabled! } };
        }),
      };
    });
    const message = loadError(defaultRulesDir(), new FactContract(renamed));
    expect(message).toMatch(/nvme\/core-quirks\.yaml:\d+: when\.0\.setting\.key: setting key "apst_enabled" is not declared/);
    expect(message).toMatch(/nvme\/pci-quirks\.yaml:\d+: tests\.\d+\.devices\.0\.settings\.0: test injects an undeclared fact: setting key "apst_enabled"/);
  });
});

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
  const refused = (when: string, tests?: string): string => loadError(rulesDirWith('nvme/r.yaml', RULE(when, tests)));

  it('refuses a comparison of the wrong type, with the line of the operator', () => {
    expect(refused('setting: {namespace: ata, key: sata_max_gen, eq: true}')).toMatch(/nvme\/r\.yaml:6: when\.0\.setting\.eq: setting ata\/sata_max_gen: eq on a integer key takes numbers, not true/);
    expect(refused('setting: {namespace: ata, key: lpm_policy, lt: 3}')).toMatch(/r\.yaml:6: when\.0\.setting\.lt: .*lt compares numbers; the key holds text/);
    expect(refused('setting: {namespace: ata, key: trim_mode, in: [queued, queue]}')).toMatch(/"queue" is not a value of this key \(unsupported, forced_unsupported, forced_unqueued, queued, unqueued\)/);
    expect(refused('setting: {namespace: ata, key: lba48, glob: "1*"}')).toMatch(/glob does not apply to a boolean key/);
  });

  it('refuses undeclared classes, components, states, namespaces and modes', () => {
    expect(loadError(rulesDirWith('nvme/r.yaml', RULE('firmware: {component: firmware, lt: "2"}').replace('class: ata}', 'class: storage}')))).toMatch(/applies_to\.class\.0: device class "storage" is not declared/);
    expect(refused('firmware: {component: fw, lt: "2"}')).toMatch(/when\.0\.firmware\.component: firmware component "fw" is not declared/);
    expect(refused('firmware: {component: firmware, state: pending, lt: "2"}')).toMatch(/firmware firmware has no state "pending"/);
    expect(refused('setting: {namespace: nvme.feature, key: apst_enabled, eq: true}')).toMatch(/setting namespace "nvme\.feature" is not declared for device class ata/);
    expect(refused('setting: {namespace: ata, key: trim_mode, mode: next_boot, eq: queued}')).toMatch(/when\.0\.setting\.mode: setting ata\/trim_mode has no mode "next_boot"/);
    expect(refused('all: [{setting: {namespace: ata, key: trim_mode, eq: queued}}, {not: {setting: {namespace: ata, key: trimmode, eq: queued}}}]')).toMatch(/when\.0\.all\.1\.not\.setting\.key: setting key "trimmode"/);
  });

  it('accepts open keys of their namespace and any comparison on text values', () => {
    const ok = rulesDirWith('nvme/r.yaml', RULE('setting: {namespace: sysfs, key: link/sata_spd, eq: 1}').replace('class: ata}', 'class: [ata]}'));
    expect(loadRules(ok, { useCache: false })).toHaveLength(1);
    const kernel = rulesDirWith('nvme/r.yaml', RULE('setting: {namespace: "module:nvme_core", key: force_apst, device: kernel, eq: true}'));
    expect(loadRules(kernel, { useCache: false })).toHaveLength(1);
  });

  it('refuses a test that injects an undeclared fact or a value of the wrong type, and a message naming an undeclared setting', () => {
    const tests = `  - {name: a, expect: fail, devices: [{key: "ata:dev1.0", class: ata, settings: [{namespace: ata, key: trim_modes, value: queued}]}]}\n  - {name: b, expect: skip, devices: [{key: "ata:dev1.0", class: ata, settings: [{namespace: ata, key: lba48, value: "yes"}]}]}`;
    const m = refused('setting: {namespace: ata, key: trim_mode, eq: queued}', tests);
    expect(m).toMatch(/r\.yaml:11: tests\.0\.devices\.0\.settings\.0: test injects an undeclared fact: setting key "trim_modes" is not declared in namespace "ata"/);
    expect(m).toMatch(/r\.yaml:12: tests\.1\.devices\.0\.settings\.0: test injects an undeclared fact: setting ata\/lba48 = "yes" does not fit its declared type boolean/);
    const msg = loadError(rulesDirWith('nvme/r.yaml', RULE('setting: {namespace: ata, key: trim_mode, eq: queued}').replace('message: m', 'message: "{setting.ata.trimmed}"')));
    expect(msg).toMatch(/message: message names setting "ata\.trimmed", which no class declares/);
  });

  it('refuses SQL reading an undeclared namespace or firmware component', () => {
    const sql = (q: string): string => loadError(rulesDirWith('nvme/r.yaml', RULE('x').replace(/when:\n {2}- x\n/, `sql: "${q}"\n`)));
    expect(sql(`SELECT bundle_id, device_key FROM settings WHERE bundle_id IN (SELECT bundle_id FROM rule_bundles) AND namespace = 'nvme.features'`)).toMatch(/sql: sql reads setting namespace "nvme\.features", which no class declares/);
    expect(sql(`SELECT bundle_id, device_key FROM firmware WHERE bundle_id IN (SELECT bundle_id FROM rule_bundles) AND component = 'fw.bogus version'`)).toMatch(/sql: sql reads firmware component "fw\.bogus version" is not declared/);
  });
});

describe('the declarations', () => {
  it('declare each device class once, and every registered class declares its facts', () => {
    expect(() => new FactContract([...CLASS_FACTS, { ...CLASS_FACTS[0]!, name: 'again' }])).toThrow(/device class "pci" is declared by both pci and again/);
    for (const c of CLASSES) expect(c.facts.map((f) => f.name), c.name).toContain(c.name);
    // The device classes are the declarations' own, each declared once (a new class adds its own without editing this test).
    const declared = CLASS_FACTS.flatMap((f) => f.devices.map((d) => d.class)).sort();
    expect([...shippedFacts().deviceClasses].sort()).toEqual(declared);
    expect(declared).toEqual(expect.arrayContaining(['pci', 'nvme', 'ata', 'net', 'kernel', 'gpu', 'scsi_host', 'usb']));
  });

  it('are described by docs/facts.md, regenerated from them', () => {
    const committed = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../docs/facts.md'), 'utf8');
    expect(committed, 'docs/facts.md is stale: run `fwsnap rules facts -o docs/facts.md`').toBe(factsDoc(CLASS_FACTS));
  });

  it('check rule tests in the sink too: an undeclared injected fact throws', () => {
    expect(shippedFacts().checkSetting({ namespace: 'nvme.feature', key: 'apst_enabled', value: 'true', mode: 'current' }, 'nvme')).toMatch(/does not fit its declared type boolean/);
    expect(shippedFacts().checkSetting({ namespace: 'nvme.feature', key: 'apst_enabled', value: true, mode: 'current' }, 'nvme')).toBeUndefined();
  });
});
