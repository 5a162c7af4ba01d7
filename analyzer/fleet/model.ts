import { CLASSES } from '../classes/index.js';
import { fleetBundles, type OlderSnapshot } from './hosts.js';
import type { Db } from '../db/database.js';
import type { DeviceInventoryRole } from '../load/types.js';
import { buildInventory, type InventoryDevice } from '../report/inventory.js';
import { severityRank, type Finding } from '../report/model.js';
import { classRemediation } from '../report/class-remediation.js';
import { fillPlaceholders } from '../report/placeholders.js';
import { isFleetRule, runFleetRules } from '../rules/fleet.js';
import { SEVERITIES, type Rule, type Severity } from '../rules/types.js';

/** What `fwsnap fleet` reports (`--format json`); documented in docs/report-format.md. */
export interface Fleet {
  schema: 'fwsnap-fleet/1';
  generatedAt: string;
  minSeverity: Severity;
  notices: string[];
  hosts: FleetHost[];
  /** Bundles left out as older snapshots of a host compared by a newer bundle (none with --every-bundle). */
  olderSnapshots: OlderSnapshot[];
  /** Every device model with its firmware histogram, models with mixed firmware first. */
  models: FleetModel[];
  /** host × model: the firmware each host runs on its devices of each model. */
  matrix: FleetCell[];
  /** Findings of the fleet rules (rules with `scope: fleet`). */
  findings: Finding[];
  summary: { hosts: number; olderSnapshots: number; models: number; mixedModels: number; findings: Record<Severity, number>; rules: number };
}

export interface FleetHost {
  bundle: number;
  hostname: string | null;
  path: string;
  collectedAt: string | null;
  devices: number;
  /** The host's own findings (per-bundle rules) at or above the threshold. */
  hostFindings: number;
}

export interface FleetModel {
  model: string;
  class: string;
  /** Hex as lspci prints them. */
  vendorId: string | null;
  deviceId: string | null;
  psid: string | null;
  devices: number;
  hosts: number;
  /** Main running firmware versions, most hosts first. */
  firmware: { version: string; devices: number; hosts: number }[];
}

export interface FleetCell {
  bundle: number;
  host: string | null;
  model: string;
  devices: number;
  firmware: string[];
  /** False when some version differs from the model's most common one. */
  common: boolean;
}

const ROLES: ReadonlyMap<string, DeviceInventoryRole> = new Map(CLASSES.flatMap((c) => Object.entries(c.inventory ?? {})));
/** The component a device is known by: the main firmware, the BIOS of the platform, the CPU microcode. */
const MAIN = ['firmware', 'fw', 'fw.version', 'bios', 'microcode'];
const bare = (v: string): string => v.replace(/\s*\(.*\)\s*$/, '').trim();

function mainFirmware(d: InventoryDevice): string | null {
  const running = d.firmware.filter((f) => f.state === 'running');
  for (const c of MAIN) {
    const f = running.find((x) => x.component === c);
    if (f) return bare(f.version);
  }
  return null;
}

/** Bundle ids of a database to compare as a fleet: the most recently collected bundle of each host (fleetBundles). */
export const latestPerHost = (db: Db): number[] => fleetBundles(db).ids;

export function buildFleet(db: Db, bundleIds: number[], rules: readonly Rule[], minSeverity: Severity, notices: string[] = [], olderSnapshots: OlderSnapshot[] = []): Fleet {
  const hostFindings = new Map<number, number>();
  const ranks = SEVERITIES.filter((s) => severityRank(s) <= severityRank(minSeverity));
  const idList = bundleIds.join(',') || 'NULL';
  for (const r of db
    .prepare(`SELECT bundle_id, COUNT(*) AS n FROM rule_results WHERE result = 'fail' AND severity IN (${ranks.map(() => '?').join(',')}) AND bundle_id IN (${idList}) GROUP BY bundle_id`)
    .all(...ranks) as { bundle_id: number; n: number }[])
    hostFindings.set(r.bundle_id, r.n);

  // Bundle by bundle: one host's inventory in memory at a time, folded into the models and the host's cells.
  interface Version { devices: number; hosts: number; lastBundle: number }
  interface Acc { model: FleetModel; versions: Map<string, Version>; lastBundle: number }
  interface Cell { bundle: number; host: string | null; model: string; id: string; devices: number; firmware: Set<string> }
  const models = new Map<string, Acc>();
  const cells: Cell[] = [];
  const hosts: FleetHost[] = [];
  const bundleRow = db.prepare(`SELECT hostname, path, collected_at FROM bundles WHERE id = ?`);
  for (const bundle of bundleIds) {
    const inventory = buildInventory(db, [bundle], [], rules, ROLES);
    const b = bundleRow.get(bundle) as { hostname: string | null; path: string; collected_at: string | null };
    hosts.push({ bundle, hostname: b.hostname, path: b.path, collectedAt: b.collected_at, devices: inventory.length, hostFindings: hostFindings.get(bundle) ?? 0 });
    const mine = new Map<string, Cell>();
    for (const d of inventory) {
      const version = mainFirmware(d);
      if (version === null || d.key === 'host') continue;
      const id = `${d.class}\u0000${d.name}`;
      let m = models.get(id);
      if (!m) {
        m = { model: { model: d.name, class: d.class, vendorId: d.vendorId, deviceId: d.deviceId, psid: d.psid, devices: 0, hosts: 0, firmware: [] }, versions: new Map(), lastBundle: -1 };
        models.set(id, m);
      }
      m.model.devices++;
      if (m.lastBundle !== bundle) (m.model.hosts++, (m.lastBundle = bundle));
      const v = m.versions.get(version) ?? { devices: 0, hosts: 0, lastBundle: -1 };
      v.devices++;
      if (v.lastBundle !== bundle) (v.hosts++, (v.lastBundle = bundle));
      m.versions.set(version, v);
      let c = mine.get(id);
      if (!c) {
        c = { bundle, host: d.host, model: d.name, id, devices: 0, firmware: new Set<string>() };
        mine.set(id, c);
        cells.push(c);
      }
      c.devices++;
      c.firmware.add(version);
    }
  }
  const common = new Map<string, string>();
  const list = [...models.entries()].map(([id, m]) => {
    m.model.firmware = [...m.versions]
      .map(([version, v]) => ({ version, devices: v.devices, hosts: v.hosts }))
      .sort((a, b) => b.hosts - a.hosts || b.devices - a.devices || b.version.localeCompare(a.version, 'en', { numeric: true }));
    common.set(id, m.model.firmware[0]!.version);
    return m.model;
  });
  list.sort((a, b) => Number(b.firmware.length > 1) - Number(a.firmware.length > 1) || b.hosts - a.hosts || a.model.localeCompare(b.model));
  const matrix: FleetCell[] = cells.map((c) => ({
    bundle: c.bundle, host: c.host, model: c.model, devices: c.devices, firmware: [...c.firmware], common: [...c.firmware].every((v) => v === common.get(c.id)),
  }));

  const fleetRules = rules.filter(isFleetRule);
  const byId = new Map(fleetRules.map((r) => [r.id, r]));
  const placeDevice = db.prepare(`SELECT class, pci_address FROM devices WHERE bundle_id = ? AND device_key = ?`);
  const nameOf = db.prepare(`SELECT TRIM(COALESCE(vendor_name, '') || ' ' || COALESCE(device_name, model, '')) AS name FROM devices WHERE bundle_id = ? AND device_key = ?`);
  const findings: Finding[] = [];
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const o of runFleetRules(db, bundleIds, fleetRules)) {
    if (o.result === 'error') {
      notices.push(`fleet rule ${o.ruleId}: ${o.message ?? 'error'}`);
      continue;
    }
    if (severityRank(o.severity) > severityRank(minSeverity)) continue;
    const rule = byId.get(o.ruleId)!;
    counts[o.severity]++;
    findings.push({
      bundle: o.bundleId, host: o.host, rule: o.ruleId, title: rule.title, severity: o.severity, device: o.deviceKey,
      deviceName: o.deviceKey ? ((nameOf.get(o.bundleId, o.deviceKey) as { name: string } | undefined)?.name || null) : null,
      message: o.message ?? '', evidence: o.evidence,
      remediation: fillPlaceholders(classRemediation(db, o.ruleId, o.bundleId, o.deviceKey) ?? rule.remediation, o.deviceKey, o.deviceKey ? (placeDevice.get(o.bundleId, o.deviceKey) as { class: string; pci_address: string | null } | undefined) : undefined, ROLES),
      references: rule.references,
    });
  }
  findings.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.rule.localeCompare(b.rule) || (a.host ?? '').localeCompare(b.host ?? '', 'en', { numeric: true }) || (a.device ?? '').localeCompare(b.device ?? ''));
  return {
    schema: 'fwsnap-fleet/1',
    generatedAt: new Date().toISOString(),
    minSeverity,
    notices,
    hosts,
    olderSnapshots,
    models: list,
    matrix,
    findings,
    summary: { hosts: hosts.length, olderSnapshots: olderSnapshots.length, models: list.length, mixedModels: list.filter((m) => m.firmware.length > 1).length, findings: counts, rules: fleetRules.length },
  };
}
