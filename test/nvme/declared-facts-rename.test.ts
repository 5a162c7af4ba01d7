import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import type { FactSink } from '../../analyzer/db/rows.js';
import { FactContract, UndeclaredFactError } from '../../analyzer/facts/contract.js';
import { CLASSES, shippedFacts } from '../../analyzer/classes/index.js';
import type { ClassFacts } from '../../analyzer/facts/types.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { nvmeLoader } from '../../analyzer/classes/nvme/loader.js';
import type { ClassLoader } from '../../analyzer/load/types.js';
import { defaultRulesDir, loadRules, RuleFileError } from '../../analyzer/rules/load-rules.js';
import { tempDir } from '../helpers/tmp.js';
import { fakehostBundle } from '../analyzer/load/fakehost-bundle.js';

const CLASS_FACTS: ClassFacts[] = CLASSES.flatMap((c) => c.facts);

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

describe('the nvme declarations in the sink', () => {
  it('check rule tests in the sink too: an undeclared injected fact throws', () => {
    expect(shippedFacts().checkSetting({ namespace: 'nvme.feature', key: 'apst_enabled', value: 'true', mode: 'current' }, 'nvme')).toMatch(/does not fit its declared type boolean/);
    expect(shippedFacts().checkSetting({ namespace: 'nvme.feature', key: 'apst_enabled', value: true, mode: 'current' }, 'nvme')).toBeUndefined();
  });
});
