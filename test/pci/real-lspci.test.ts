import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { analyze } from '../../analyzer/analyze.js';
import { parseLspciText, type LspciFunction } from '../../analyzer/classes/pci/lspci-text.js';
import type { ShownFields } from '../../analyzer/classes/pci/lspci-text-caps.js';
import { collect } from '../../collector/collect.js';
import { replayedFromSaved } from '../helpers/replayed-from.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * Real lspci outputs from public sources (fixtures/real-lspci/, each with a provenance file saying where it was
 * published and what a person reads off it). Each is parsed and its truth asserted, then replayed as a user
 * would: saved under its `saved_as` name in a captured tree, collected with `collect --root`, analysed.
 */

const ROOT = new URL('./fixtures/real-lspci/', import.meta.url).pathname;

interface FunctionTruth {
  bdf: string;
  /** `vvvv:dddd` as -nn prints it; null when the output has no ids. */
  ids?: string | null;
  subsystem?: string | null;
  class?: string | null;
  class_name?: string;
  description?: string;
  subsystem_name?: string;
  rev?: number;
  driver?: string | null;
  modules?: string[];
  numa_node?: number;
  iommu_group?: string;
  /** lspci -v's `Physical Slot:`, stored as setting pci.slot name. */
  physical_slot?: string;
  port?: string;
  /** [GT/s, width] of LnkCap and LnkSta. */
  link?: { cap?: [number | null, number]; sta?: [number | null, number] } | null;
  downgraded?: boolean;
  /** DevCap MaxPayload, DevCtl MaxPayload, DevCtl MaxReadReq (bytes). */
  payload?: [number, number, number];
  /** LnkCap ASPM support and LnkCtl ASPM setting, as lspci words them. */
  aspm?: [string, string];
  sriov?: { initial?: number; total: number; vfs?: number; vf_device?: string };
  vpd?: Record<string, string>;
  dsn?: string;
  acs_ctl?: string[];
  aer_uncorrectable_status?: string[];
  capabilities?: number;
  capabilities_denied?: boolean;
}

interface Provenance {
  saved_as: string;
  truth: {
    issues: number;
    functions: FunctionTruth[];
    function_count?: number;
    findings?: { rule: string; device: string; count?: number }[];
    no_findings?: { rule: string; device: string }[];
  };
}

const samples = readdirSync(ROOT).filter((f) => f.endsWith('.provenance.yaml')).sort().map((f) => {
  const name = f.replace(/\.provenance\.yaml$/, '');
  return { name, text: readFileSync(join(ROOT, `${name}.txt`), 'utf8'), provenance: parseYaml(readFileSync(join(ROOT, f), 'utf8')) as Provenance };
});

const hex4 = (n: number | null | undefined): string | null => (n === null || n === undefined ? null : n.toString(16).padStart(4, '0'));
const fieldsOf = <K extends ShownFields['kind']>(fn: LspciFunction, kind: K): Extract<ShownFields, { kind: K }> | undefined =>
  fn.capabilities?.find((c) => c.fields?.kind === kind)?.fields as Extract<ShownFields, { kind: K }> | undefined;
const ASPM_WORDS: Record<string, string> = { disabled: 'disabled', L0s: 'L0s', L1: 'L1', 'L0s L1': 'L0s L1' };

function assertFunction(fn: LspciFunction, t: FunctionTruth): void {
  const at = `${t.bdf}`;
  if (t.ids !== undefined) expect(fn.vendorId === null ? null : `${hex4(fn.vendorId)}:${hex4(fn.deviceId)}`, `${at} ids`).toBe(t.ids);
  if (t.subsystem !== undefined) expect(fn.subsystem?.vendorId == null ? null : `${hex4(fn.subsystem.vendorId)}:${hex4(fn.subsystem.deviceId)}`, `${at} subsystem`).toBe(t.subsystem);
  if (t.class !== undefined) expect(fn.classCode === null ? null : `0x${fn.classCode.toString(16).padStart(6, '0')}`, `${at} class`).toBe(t.class);
  if (t.class_name !== undefined) expect(fn.className, `${at} class name`).toBe(t.class_name);
  if (t.description !== undefined) expect(fn.description, `${at} description`).toBe(t.description);
  if (t.subsystem_name !== undefined) expect(fn.subsystem?.name, `${at} subsystem name`).toBe(t.subsystem_name);
  if (t.rev !== undefined) expect(fn.revision, `${at} revision`).toBe(t.rev);
  if (t.driver !== undefined) expect(fn.driver, `${at} driver`).toBe(t.driver);
  if (t.modules !== undefined) expect(fn.modules, `${at} modules`).toEqual(t.modules);
  if (t.numa_node !== undefined) expect(fn.numaNode, `${at} NUMA node`).toBe(t.numa_node);
  if (t.iommu_group !== undefined) expect(fn.iommuGroup, `${at} IOMMU group`).toBe(t.iommu_group);
  if (t.physical_slot !== undefined) expect(fn.physicalSlot, `${at} physical slot`).toBe(t.physical_slot);
  const express = fieldsOf(fn, 'express');
  if (t.port !== undefined) expect(express?.portTypeName, `${at} port type`).toBe(t.port);
  if (t.link !== undefined) {
    const l = express?.link;
    const got = l ? { ...(l.cap ? { cap: [l.cap.maxSpeedGts, l.cap.maxWidth] } : {}), ...(l.sta ? { sta: [l.sta.speedGts, l.sta.width] } : {}) } : null;
    expect(got, `${at} link`).toEqual(t.link);
  }
  if (t.downgraded !== undefined) {
    const l = express?.link;
    const down = !!l?.cap && !!l.sta && ((l.sta.speedGts ?? 0) < (l.cap.maxSpeedGts ?? 0) || (l.sta.width ?? 0) < (l.cap.maxWidth ?? 0));
    expect(down, `${at} downgraded`).toBe(t.downgraded);
  }
  if (t.payload !== undefined) expect([express?.devCap?.maxPayloadBytes, express?.devCtl?.maxPayloadBytes, express?.devCtl?.maxReadRequestBytes], `${at} payload`).toEqual(t.payload);
  if (t.aspm !== undefined) {
    expect([express?.link?.cap?.aspmSupport, express?.link?.ctl?.aspm].map((a) => (a === undefined ? undefined : ASPM_WORDS[a])), `${at} ASPM`).toEqual(t.aspm);
  }
  if (t.sriov !== undefined) {
    const s = fieldsOf(fn, 'sriov');
    expect({ initial: s?.initialVfs, total: s?.totalVfs, vfs: s?.numVfs, vf_device: hex4(s?.vfDeviceId) }, `${at} SR-IOV`).toMatchObject(t.sriov);
  }
  if (t.vpd !== undefined) {
    const { product, ...fields } = t.vpd;
    if (product !== undefined) expect(fn.vpd?.productName, `${at} VPD product name`).toBe(product);
    for (const [k, v] of Object.entries(fields)) expect(fn.vpd?.fields[k], `${at} VPD ${k}`).toBe(v);
  }
  if (t.dsn !== undefined) expect(fieldsOf(fn, 'dsn')?.serial, `${at} DSN`).toBe(t.dsn);
  if (t.acs_ctl !== undefined) expect(fieldsOf(fn, 'acs')?.control?.set, `${at} ACSCtl`).toEqual(t.acs_ctl);
  if (t.aer_uncorrectable_status !== undefined) expect(fieldsOf(fn, 'aer')?.uncorrectableStatus?.set, `${at} UESta`).toEqual(t.aer_uncorrectable_status);
  if (t.capabilities !== undefined) expect(fn.capabilities?.length, `${at} capabilities`).toBe(t.capabilities);
  if (t.capabilities_denied !== undefined) expect(fn.capabilitiesDenied, `${at} <access denied>`).toBe(t.capabilities_denied);
}

describe('real lspci outputs: parsed', () => {
  it('has at least 20 samples', () => {
    expect(samples.length).toBeGreaterThanOrEqual(20);
  });

  for (const s of samples) {
    it(s.name, () => {
      const parsed = parseLspciText(s.text);
      expect(parsed.issues.map((i) => `${i.line}: ${i.text.trim()}: ${i.message}`)).toHaveLength(s.provenance.truth.issues);
      if (s.provenance.truth.function_count !== undefined) expect(parsed.functions).toHaveLength(s.provenance.truth.function_count);
      for (const t of s.provenance.truth.functions) {
        const fn = parsed.functions.find((f) => f.bdf === t.bdf);
        expect(fn, `function ${t.bdf}`).toBeDefined();
        assertFunction(fn!, t);
      }
    });
  }
});

describe('real lspci outputs: saved in a captured tree, collected and analysed', () => {
  for (const s of samples) {
    it(s.name, async () => {
      const p = s.provenance;
      const dir = tempDir();
      const saved = join(dir, 'tree', p.saved_as);
      mkdirSync(dirname(saved), { recursive: true });
      writeFileSync(saved, s.text);
      const bundle = join(dir, 'bundle.tar.gz');
      const { manifest } = await collect({ output: bundle, root: join(dir, 'tree'), isolation: 'inline' });
      const stored = manifest.artifacts.find((a) => replayedFromSaved(a, p.saved_as) || a.name === p.saved_as);
      expect(stored, `${p.saved_as} reached the bundle`).toBeDefined();
      const { db, report } = await analyze({ bundles: [bundle], minSeverity: 'info' });
      try {
        const issues = db.prepare(`SELECT message FROM collection_issues WHERE code = 'PARSE-LINE'`).all() as { message: string }[];
        expect(issues).toHaveLength(p.truth.issues);
        for (const t of p.truth.functions) {
          const row = db.prepare('SELECT vendor_id, device_id, class_code, driver FROM devices WHERE device_key = ?').get(t.bdf) as
            { vendor_id: number | null; device_id: number | null; class_code: number | null; driver: string | null } | undefined;
          expect(row, `device ${t.bdf}`).toBeDefined();
          if (t.ids !== undefined) expect(row!.vendor_id === null ? null : `${hex4(row!.vendor_id)}:${hex4(row!.device_id)}`).toBe(t.ids);
          if (t.driver !== undefined) expect(row!.driver).toBe(t.driver);
          // The report names the function as lspci did when it printed no ids for pci.ids to name it by.
          const entry = report.inventory.find((e) => e.keys.includes(t.bdf));
          if (t.description !== undefined && t.ids === null) expect(entry?.name, `${t.bdf} named in the report`).toBe(t.description);
          if (t.physical_slot !== undefined) {
            const slot = db.prepare(`SELECT value FROM settings WHERE device_key = ? AND namespace = 'pci.slot' AND key = 'name'`).all(t.bdf);
            expect(slot, `${t.bdf} physical slot stored`).toEqual([{ value: t.physical_slot }]);
          }
          // The VPD a person reads off the output is stored: the product name and each keyword field, as printed.
          if (t.vpd !== undefined) {
            const stored = Object.fromEntries((db.prepare(`SELECT key, value FROM settings WHERE device_key = ? AND namespace = 'pci.vpd'`).all(t.bdf) as { key: string; value: string }[]).map((r) => [r.key, r.value]));
            const { product, ...fields } = t.vpd;
            expect(stored, `${t.bdf} VPD stored`).toMatchObject({ ...(product === undefined ? {} : { product_name: product }), ...fields });
          }
          if (t.link?.cap && t.link.sta) {
            const link = db.prepare(`SELECT max_speed_gts, max_width, speed_gts, width FROM pci_links WHERE device_key = ? AND source = 'config'`).all(t.bdf);
            expect(link, `${t.bdf} link`).toEqual([{ max_speed_gts: t.link.cap[0], max_width: t.link.cap[1], speed_gts: t.link.sta[0], width: t.link.sta[1] }]);
          }
        }
        for (const f of p.truth.findings ?? []) {
          expect(report.findings.filter((x) => x.rule === f.rule && x.device === f.device).length, `${f.rule} on ${f.device} among ${JSON.stringify(report.findings.map((x) => [x.rule, x.device]))}`).toBe(f.count ?? 1);
        }
        for (const f of p.truth.no_findings ?? []) {
          expect(report.findings.filter((x) => x.rule === f.rule && x.device === f.device), `no ${f.rule} on ${f.device}`).toEqual([]);
        }
      } finally {
        db.close();
      }
    });
  }
});
