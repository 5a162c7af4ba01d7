import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Fleet } from '../../analyzer/fleet/model.js';
import { generateFleet, type HostPlan } from '../../bench/fleet/generate.js';
import { ensureBuilt, fwsnap } from '../cli/cli-helpers.js';
import { suiteDir } from '../cli/fake-bundle.js';

/** The fleet finding each planted problem must give: (host, rule). CPUs' microcode is left to the per-host cpu rules. */
function expected(plans: HostPlan[]): string[] {
  return plans
    .flatMap((p) => p.problems.map((x) => (x.startsWith('module ') ? 'fleet.module-parameter-outlier' : x === 'microcode' ? null : 'fleet.firmware-differs-same-model')).filter(Boolean).map((r) => `${p.hostname} ${r}`))
    .sort();
}

describe('fwsnap fleet on a synthetic fleet (bench/fleet, collected with collect --root)', () => {
  const dir = suiteDir();
  let bundles: string[] = [];
  let plans: HostPlan[] = [];
  let clean: string[] = [];
  let db = '';
  beforeAll(async () => {
    ensureBuilt();
    ({ bundles, plans } = await generateFleet({ n: 12, seed: 1, dir: join(dir, 'seed1') }));
    // Seed 2's first twelve hosts have nothing planted.
    clean = (await generateFleet({ n: 12, seed: 2, dir: join(dir, 'seed2') })).bundles;
    db = join(dir, 'fleet.db');
    expect(fwsnap(['analyze', ...bundles, '--db', db, '--format', 'json']).status).not.toBe(2);
  }, 120_000);

  it('finds exactly the planted problems and exits 1', () => {
    expect(expected(plans).length).toBeGreaterThanOrEqual(3);
    const r = fwsnap(['fleet', ...bundles, '--format', 'json']);
    expect(r.status, r.stderr).toBe(1);
    const f = JSON.parse(r.stdout) as Fleet;
    expect(f.schema).toBe('fwsnap-fleet/1');
    expect(f.hosts.map((h) => h.hostname)).toEqual(plans.map((p) => p.hostname));
    expect(f.findings.map((x) => `${x.host} ${x.rule}`).sort()).toEqual(expected(plans));
    const bios = f.findings.find((x) => x.device === 'platform')!;
    expect(bios.message).toMatch(/^node-00002 platform \(Dell Inc\. PowerEdge R740\) runs 2\.19\.1; \d+ of \d+ hosts with this model run 2\.20\.0/);
  });

  it('has the host × model matrix and a firmware histogram per model that add up', () => {
    const f = JSON.parse(fwsnap(['fleet', db, '--format', 'json']).stdout) as Fleet;
    const r740 = f.models.find((m) => m.model === 'Dell Inc. PowerEdge R740')!;
    const planned = plans.filter((p) => p.server === 'Dell Inc. PowerEdge R740');
    expect(r740.hosts).toBe(planned.length);
    expect(Object.fromEntries(r740.firmware.map((v) => [v.version, v.hosts]))).toEqual(
      planned.reduce<Record<string, number>>((acc, p) => ({ ...acc, [p.bios]: (acc[p.bios] ?? 0) + 1 }), {}),
    );
    for (const m of f.models) {
      expect(m.firmware.reduce((n, v) => n + v.devices, 0), m.model).toBe(m.devices);
      expect(f.matrix.filter((c) => c.model === m.model).reduce((n, c) => n + c.devices, 0), m.model).toBe(m.devices);
    }
    expect(f.summary.mixedModels).toBe(f.models.filter((m) => m.firmware.length > 1).length);
    const odd = f.matrix.filter((c) => !c.common).map((c) => `${c.host} ${c.model}`);
    expect(odd).toContain('node-00002 Dell Inc. PowerEdge R740');
  });

  it('renders text, Markdown and a self-contained HTML page with the same counts', () => {
    const f = JSON.parse(fwsnap(['fleet', db, '--format', 'json']).stdout) as Fleet;
    const text = fwsnap(['fleet', db]).stdout;
    expect(text.split('\n')[0]).toBe(`fleet of 12 host(s): ${f.models.length} device model(s), ${f.summary.mixedModels} with mixed firmware; ${f.findings.length} fleet finding(s) at or above low (${f.findings.length} low); 4 fleet rules`);
    expect(text).toMatch(/^ {4}\* Dell Inc\. PowerEdge R740: 2\.19\.1$/m);
    const md = fwsnap(['fleet', db, '--format', 'markdown']).stdout;
    expect(md).toContain('## fwsnap fleet');
    expect(md).toContain('| **2.19.1** |');
    const html = fwsnap(['fleet', db, '--format', 'html']).stdout;
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]*\s(src|href)=/i);
    expect(html).toContain(`data-findings="${f.findings.length}" data-cells="${f.matrix.length}"`);
    expect((html.match(/<details class="finding"/g) ?? []).length).toBe(f.findings.length);
    expect((html.match(/<td class="odd">/g) ?? []).length).toBe(f.matrix.filter((c) => !c.common).length);
    expect((html.match(/<tr data-bundle=/g) ?? []).length).toBe(12);
  });

  it('reads a database: the newest bundle of each host, the same findings', () => {
    const r = fwsnap(['fleet', db, '--format', 'json']);
    expect(r.status, r.stderr).toBe(1);
    expect((JSON.parse(r.stdout) as Fleet).findings.map((x) => `${x.host} ${x.rule}`).sort()).toEqual(expected(plans));
    expect(fwsnap(['fleet', db, '--db', join(dir, 'other.db')]).status).toBe(2);
  });

  it('exits 0 for a fleet that agrees, 2 for unusable input', () => {
    const ok = fwsnap(['fleet', ...clean, '--format', 'json']);
    expect(ok.status, ok.stderr).toBe(0);
    expect((JSON.parse(ok.stdout) as Fleet).findings).toEqual([]);
    const missing = fwsnap(['fleet', bundles[0]!, join(dir, 'nope.tar.gz')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.tar.gz');
    const garbage = join(dir, 'garbage.tar.gz');
    writeFileSync(garbage, 'not a bundle');
    const g = fwsnap(['fleet', bundles[0]!, bundles[1]!, garbage]);
    expect(g.status).toBe(2);
    expect(g.stderr).toContain('garbage.tar.gz');
    expect(g.stdout).toMatch(/^fleet of 2 host\(s\)/);
    expect(fwsnap(['fleet', ...bundles, '--format', 'yaml']).status).toBe(2);
    expect(readFileSync(bundles[0]!).length).toBeGreaterThan(0);
  });
});
