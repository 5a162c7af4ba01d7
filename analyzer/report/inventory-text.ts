import { SEVERITIES } from '../rules/types.js';
import { keyText, type InventoryDevice, type InventoryFirmware } from './inventory.js';
import type { Report } from './model.js';

/** `firmware 22.39.1002 (running, stored)`: one version of one component with every state it is in. */
export function firmwareSummary(fw: InventoryFirmware[]): string[] {
  const byVersion = new Map<string, string[]>();
  for (const f of fw) {
    const k = `${f.component} ${f.version}`;
    if (!byVersion.has(k)) byVersion.set(k, []);
    const states = byVersion.get(k)!;
    if (!states.includes(f.state)) states.push(f.state);
  }
  return [...byVersion].map(([k, states]) => `${k} (${states.join(', ')})`);
}

/** What the inventory shows as an entry's firmware: each version, or that a device reported none. */
export function firmwareText(d: InventoryDevice): string[] {
  if (d.firmware.length) return firmwareSummary(d.firmware);
  // Outputs that gave settings alone (mlxconfig q) say nothing of firmware: the device did not report "none".
  return d.key === 'host' ? [] : [d.outputs ? 'not in these outputs' : 'none reported'];
}

/**
 * The files an entry was read from, each once: the name a person saved an output under, else the bundle's
 * (`cmd/devlink/dev_info.out`); of a bundle of saved outputs every output its firmware or settings came from (a
 * device known only from `mlxconfig q` says so too), else the files of its firmware.
 */
export function firmwareFrom(d: InventoryDevice): string[] {
  return d.outputs ?? [...new Set(d.firmware.flatMap((f) => (f.savedAs ? [f.savedAs] : f.artifact ? [f.artifact] : [])))];
}

/** The bundles whose inventories name the files firmware was read from: those of saved outputs (a host's would list its sysfs). */
export const showsFrom = (r: Pick<Report, 'bundles'>): ReadonlySet<number> => new Set(r.bundles.filter((b) => b.savedOutputs).map((b) => b.id));

/** The host an entry is on, in a report of several bundles: a bundle of saved outputs has none, and is called by its id. */
export const entryHost = (d: InventoryDevice): string => d.host ?? `bundle ${d.bundle}`;

/** `virtio-pci, virtio_net`: the entry's driver, then those of its interfaces and /dev nodes where they differ. */
export function driverText(d: InventoryDevice): string {
  return [d.driver, ...(d.interfaceDrivers ?? [])].filter(Boolean).join(', ');
}

/** `0000:3b:00.0, ens1f0np0, /dev/sda, rdma mlx5_0` */
export function locationText(d: InventoryDevice): string {
  return [d.location.pci, ...d.location.interfaces, ...d.location.dev, ...d.location.other].filter(Boolean).join(', ');
}

/** Where the entry is (its key when it has no location), or '' when its name already says it (a device that said nothing of itself is named by its address, perhaps after its class's noun). */
export function placeText(d: InventoryDevice): string {
  const where = locationText(d) || keyText(d.key);
  return where === d.name || d.name.endsWith(` ${where}`) ? '' : where;
}

export function pciId(d: InventoryDevice): string {
  return d.vendorId && d.deviceId ? `${d.vendorId}:${d.deviceId}` : '';
}

/** What the summary line counts, gathered from a whole report or bundle by bundle (analyzer/report/stream.ts). */
export interface ReportDigest {
  /** Hostnames (or paths) of the bundles, each once, in order. */
  hosts: string[];
  entries: number;
  devices: number;
  /** Finding groups (one cause each) over all entries, and the entries that have any. */
  problems: number;
  affected: number;
  minSeverity: Report['minSeverity'];
  summary: Report['summary'];
}

export function digestOf(r: Report): ReportDigest {
  return {
    hosts: [...new Set(r.bundles.map((b) => b.hostname ?? b.path))],
    entries: r.inventory.length,
    devices: r.bundles.reduce((n, b) => n + b.devices, 0),
    problems: r.inventory.reduce((n, d) => n + d.findings.length, 0),
    affected: r.inventory.filter((d) => d.findings.length).length,
    minSeverity: r.minSeverity,
    summary: r.summary,
  };
}

/**
 * `13 inventory entries (28 devices)`: an entry is an adapter, drive, processor… with its interfaces, namespaces
 * and ports; the devices are those collect counted, each once however many sources saw it.
 */
export function inventoryCount(r: Report | ReportDigest): string {
  const d = 'hosts' in r ? r : digestOf(r);
  return `${d.entries} inventory entries (${d.devices} devices)`;
}

/** The summary line every format opens with. */
export function summaryLine(r: Report | ReportDigest): string {
  const d = 'hosts' in r ? r : digestOf(r);
  const s = d.summary;
  const total = SEVERITIES.reduce((n, sev) => n + s.findings[sev], 0);
  return (
    `${d.hosts.join(', ') || 'no bundle'}: ` +
    (total
      ? `${d.problems} problem(s) on ${d.affected} of ${inventoryCount(d)}, ${total} finding(s) at or above ${d.minSeverity} (${SEVERITIES.filter((x) => s.findings[x]).map((x) => `${s.findings[x]} ${x}`).join(', ')})`
      : `no findings at or above ${d.minSeverity} on ${inventoryCount(d)}`) +
    `; ${s.passed} checks passed, ${s.skipped} skipped, ${s.errors} errors, ${s.belowThreshold} below threshold; ${s.rules} rules`
  );
}
