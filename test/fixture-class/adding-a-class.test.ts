import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLASSES as ANALYZER_CLASSES } from '../../analyzer/classes/index.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { FactContract } from '../../analyzer/facts/contract.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';
import { factsDatabase } from '../../analyzer/rules/self-test.js';
import { CLASSES as COLLECTOR_CLASSES } from '../../collector/classes/index.js';
import { collect } from '../../collector/collect.js';
import { buildFakeHost } from '../../collector/fake-host/builder.js';
import { widget as analyzerWidget } from './analyzer/index.js';
import { widgetFakeHost } from './collector/fake-host.js';
import { widget as collectorWidget } from './collector/source.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'fwsnap-widget-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a trivial class added in its three folders only', () => {
  // The registries plus the fixture class: exactly what one registration line in each half would give.
  const facts = new FactContract([...ANALYZER_CLASSES, analyzerWidget].flatMap((c) => c.facts));

  it('is collected, loaded and checked from raw bytes: a sysfs attribute → bundle → firmware row → finding', async () => {
    const root = join(dir, 'tree');
    // Its fake-host part writes the raw bytes, as the registered parts do for every shipped class.
    const [keys] = buildFakeHost(root, [], [[
      { key: 'widget:old', class: 'widget', firmware: [{ component: 'firmware', version: '1.9.3' }] },
      { key: 'widget:new', class: 'widget', firmware: [{ component: 'firmware', version: '2.1.0' }] },
    ]], { parts: [widgetFakeHost] });
    expect([...keys!]).toEqual([['widget:old', 'widget:w0'], ['widget:new', 'widget:w1']]);
    expect(readFileSync(join(root, 'sys/class/widget/w1/fw_version'), 'utf8')).toBe('2.1.0\n');
    expect(collectorWidget.sources.map((s) => s.name)).toEqual(['widget']);
    const r = await collect({
      output: join(dir, 'w.tar.gz'), root, isolation: 'inline',
      sources: [{ name: 'widget', modulePath: here('./collector/source.ts') }],
    });
    expect(r.manifest.sources).toMatchObject([{ name: 'widget', status: 'ok', devices: { widget: 2 } }]);

    const db = openDatabase(':memory:');
    const load = await loadBundle(db, r.path, { loaders: analyzerWidget.loaders, facts, undeclared: 'throw' });
    expect(db.prepare(`SELECT device_key, version FROM firmware WHERE bundle_id = ? ORDER BY device_key`).all(load.bundleId)).toEqual([
      { device_key: 'widget:w0', version: '1.9.3' },
      { device_key: 'widget:w1', version: '2.1.0' },
    ]);

    const rules = loadRules(here('./rules'), { useCache: false, facts });
    // The rule's own fire and quiet tests, on the declared facts including the fixture class.
    for (const t of rules[0]!.tests) {
      const f = factsDatabase(t, facts);
      expect(runRules(f.db, f.bundleId, rules).map((o) => o.result), t.name).toEqual([t.expect]);
    }
    const outcomes = runRules(db, load.bundleId, rules);
    expect(outcomes.map((o) => [o.deviceKey, o.result])).toEqual([['widget:w0', 'fail'], ['widget:w1', 'pass']]);
  });

  it("replays its rule's fire and quiet tests from raw bytes through its fake-host part", async () => {
    const rules = loadRules(here('./rules'), { useCache: false, facts });
    const tests = rules[0]!.tests;
    expect(tests.map((t) => t.expect).sort()).toEqual(['fail', 'pass']);
    for (const [i, t] of tests.entries()) {
      const root = join(dir, `raw-${i}`);
      buildFakeHost(root, [], [t.devices ?? []], { parts: [widgetFakeHost] });
      const r = await collect({ output: join(dir, `raw-${i}.tar.gz`), root, isolation: 'inline', sources: [{ name: 'widget', modulePath: here('./collector/source.ts') }] });
      const db = openDatabase(':memory:');
      const load = await loadBundle(db, r.path, { loaders: analyzerWidget.loaders, facts, undeclared: 'throw' });
      expect(runRules(db, load.bundleId, rules).map((o) => o.result), t.name).toEqual([t.expect]);
    }
  });

  it('is refused by the shipped declarations until registered: its rule names a device class no shipped class declares', () => {
    expect(() => loadRules(here('./rules'), { useCache: false })).toThrow(/widget/);
  });

  it('uses the same class shapes the registries hold, so registering it is one line in each', () => {
    expect(COLLECTOR_CLASSES.every((c) => typeof c.name === 'string' && c.sources.length > 0)).toBe(true);
    expect(ANALYZER_CLASSES.every((c) => typeof c.name === 'string' && c.loaders.length > 0 && c.facts.length > 0)).toBe(true);
  });
});
