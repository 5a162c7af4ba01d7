import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Fleet } from '../../analyzer/fleet/model.js';
import { generateFleet, type HostPlan } from '../../bench/fleet/generate.js';
import { ensureBuilt, fwsnap, fwsnapOnTerminal } from '../cli/cli-helpers.js';
import { CHROMIUM, chromium, consoleErrors } from '../helpers/chromium.js';
import { suiteDir } from '../cli/fake-bundle.js';

/** The fleet rule each planted problem must fire; CPUs' microcode is left to the per-host cpu rules. */
const RULE_OF = (problem: string): string | null =>
  problem.startsWith('module ') ? 'fleet.module-parameter-outlier'
    : problem.startsWith('nv ') ? 'fleet.nvconfig-differs-same-model'
      : problem === 'pcie link' ? 'fleet.pcie-link-outlier'
        : problem === 'microcode' ? null
          : 'fleet.firmware-differs-same-model';

/** The fleet findings the plan must give: (host, rule). */
function expected(plans: HostPlan[]): string[] {
  return plans.flatMap((p) => p.problems.map(RULE_OF).filter(Boolean).map((r) => `${p.hostname} ${r}`)).sort();
}

describe('fwsnap fleet on a synthetic fleet (bench/fleet, collected with collect --root)', () => {
  const dir = suiteDir();
  let bundles: string[] = [];
  let plans: HostPlan[] = [];
  let clean: string[] = [];
  let db = '';
  beforeAll(async () => {
    ensureBuilt();
    // Seed 201: one planted problem of every fleet rule's kind, at most one per host.
    ({ bundles, plans } = await generateFleet({ n: 12, seed: 201, dir }));
    clean = bundles.filter((_, i) => !plans[i]!.problems.length);
    db = join(dir, 'fleet.db');
    expect(fwsnap(['analyze', ...bundles, '--db', db, '--format', 'json']).status).not.toBe(2);
  }, 120_000);

  it('finds exactly the planted problems and exits 1', () => {
    expect(new Set(expected(plans).map((x) => x.split(' ')[1]))).toEqual(new Set(['fleet.firmware-differs-same-model', 'fleet.nvconfig-differs-same-model', 'fleet.module-parameter-outlier', 'fleet.pcie-link-outlier']));
    const r = fwsnap(['fleet', ...bundles, '--format', 'json']);
    expect(r.status, r.stderr).toBe(1);
    const f = JSON.parse(r.stdout) as Fleet;
    expect(f.schema).toBe('fwsnap-fleet/1');
    expect(f.hosts.map((h) => h.hostname)).toEqual(plans.map((p) => p.hostname));
    expect(f.findings.map((x) => `${x.host} ${x.rule}`).sort()).toEqual(expected(plans));
    const planned = plans.find((p) => p.problems.includes('bios'))!;
    const bios = f.findings.find((x) => x.device === 'platform')!;
    expect(bios.message).toMatch(new RegExp(`^${planned.hostname} platform \\(${planned.server.replace(/\./g, '\\.')}\\) runs ${planned.bios.replace(/\./g, '\\.')}; \\d+ of \\d+ hosts with this model run `));
    const nv = f.findings.find((x) => x.rule === 'fleet.nvconfig-differs-same-model')!;
    expect(nv.message).toContain('NUM_OF_VFS 16 (');
    expect(nv.remediation).toContain('mstconfig -d 0000:');
    const link = f.findings.find((x) => x.rule === 'fleet.pcie-link-outlier')!;
    expect(link.message).toMatch(/link runs at 16 GT\/s x8; \d+ of \d+ such devices in the same slot type run 16 GT\/s x16$/);
  });

  it('has the host × model matrix and a firmware histogram per model that add up', () => {
    const f = JSON.parse(fwsnap(['fleet', db, '--format', 'json']).stdout) as Fleet;
    const odd = plans.find((p) => p.problems.includes('bios'))!;
    const r740 = f.models.find((m) => m.model === odd.server)!;
    const planned = plans.filter((p) => p.server === odd.server);
    expect(r740.hosts).toBe(planned.length);
    expect(Object.fromEntries(r740.firmware.map((v) => [v.version, v.hosts]))).toEqual(
      planned.reduce<Record<string, number>>((acc, p) => ({ ...acc, [p.bios]: (acc[p.bios] ?? 0) + 1 }), {}),
    );
    for (const m of f.models) {
      expect(m.firmware.reduce((n, v) => n + v.devices, 0), m.model).toBe(m.devices);
      expect(f.matrix.filter((c) => c.model === m.model).reduce((n, c) => n + c.devices, 0), m.model).toBe(m.devices);
    }
    expect(f.summary.mixedModels).toBe(f.models.filter((m) => m.firmware.length > 1).length);
    expect(f.matrix.filter((c) => !c.common).map((c) => `${c.host} ${c.model}`)).toContain(`${odd.hostname} ${odd.server}`);
  });

  it('renders text, Markdown and a self-contained HTML page with the same counts', () => {
    const f = JSON.parse(fwsnap(['fleet', db, '--format', 'json']).stdout) as Fleet;
    const text = fwsnap(['fleet', db]).stdout;
    const bySeverity = (['medium', 'low'] as const).map((s) => `${f.findings.filter((x) => x.severity === s).length} ${s}`).join(', ');
    expect(text.split('\n')[0]).toBe(`fleet of 12 host(s): ${f.models.length} device model(s), ${f.summary.mixedModels} with mixed firmware; ${f.findings.length} fleet finding(s) at or above low (${bySeverity}); 4 fleet rules`);
    const odd = plans.find((p) => p.problems.includes('bios'))!;
    expect(text).toContain(`    * ${odd.server}: ${odd.bios}\n`);
    const md = fwsnap(['fleet', db, '--format', 'markdown']).stdout;
    expect(md).toContain('## fwsnap fleet');
    expect(md).toContain(`| **${odd.bios}** |`);
    const html = fwsnap(['fleet', db, '--format', 'html']).stdout;
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]*\s(src|href)=/i);
    expect(html).toContain(`data-findings="${f.findings.length}" data-cells="${f.matrix.length}"`);
    expect((html.match(/<details class="finding"/g) ?? []).length).toBe(f.findings.length);
    expect((html.match(/<td class="odd">/g) ?? []).length).toBe(f.matrix.filter((c) => !c.common).length);
    expect((html.match(/<tr data-bundle=/g) ?? []).length).toBe(12);
  });

  it('colours the text on a terminal only (mixed firmware and odd versions yellow, severities), never with NO_COLOR', () => {
    const ESC = '\x1b[';
    const plain = fwsnap(['fleet', db]).stdout;
    expect(plain).not.toContain(ESC);
    const tty = fwsnapOnTerminal(['fleet', db], { NO_COLOR: '' });
    const odd = plans.find((p) => p.problems.includes('bios'))!;
    expect(tty).toMatch(/^\x1b\[1mfleet of 12 host\(s\)/);
    expect(tty).toContain(`    ${ESC}33m*${ESC}0m ${odd.server}: ${ESC}33m${odd.bios}${ESC}0m\r\n`);
    expect(tty).toContain(`, ${ESC}33mMIXED${ESC}0m`);
    expect(tty).toContain(`${ESC}33mMEDIUM${ESC}0m [fleet.pcie-link-outlier]`);
    expect(tty).toContain(`${ESC}36mLOW${ESC}0m [fleet.firmware-differs-same-model]`);
    expect(tty.replace(/\x1b\[[0-9;]*m/g, '').replace(/\r\n/g, '\n')).toBe(plain);
    expect(fwsnapOnTerminal(['fleet', db], { NO_COLOR: '1' })).not.toContain(ESC);
    expect(fwsnapOnTerminal(['fleet', db, '--format', 'markdown'])).not.toContain(ESC);
  });

  it.skipIf(!CHROMIUM)('renders in headless chromium without console errors, with the counts of the JSON', () => {
    const f = JSON.parse(fwsnap(['fleet', db, '--format', 'json']).stdout) as Fleet;
    const page = join(dir, 'fleet.html');
    writeFileSync(page, fwsnap(['fleet', db, '--format', 'html']).stdout);
    const r = chromium(['--dump-dom', `file://${page}`]);
    expect(r.status, r.stderr).toBe(0);
    expect(consoleErrors(r.stderr)).toEqual([]);
    expect((r.stdout.match(/<tr data-bundle=/g) ?? []).length).toBe(f.hosts.length);
    expect((r.stdout.match(/<tr data-model=/g) ?? []).length).toBe(f.models.length);
    expect((r.stdout.match(/<details class="finding"/g) ?? []).length).toBe(f.findings.length);
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
