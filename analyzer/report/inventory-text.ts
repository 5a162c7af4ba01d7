import { SEVERITIES } from '../rules/types.js';
import type { InventoryDevice, InventoryFirmware } from './inventory.js';
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

/** `0000:3b:00.0, ens1f0np0, /dev/sda, rdma mlx5_0` */
export function locationText(d: InventoryDevice): string {
  return [d.location.pci, ...d.location.interfaces, ...d.location.dev, ...d.location.other].filter(Boolean).join(', ');
}

export function pciId(d: InventoryDevice): string {
  return d.vendorId && d.deviceId ? `${d.vendorId}:${d.deviceId}` : '';
}

/**
 * `13 inventory entries (28 devices)`: an entry is an adapter, drive, processor… with its interfaces, namespaces
 * and ports; the devices are those collect counted, each once however many sources saw it.
 */
export function inventoryCount(r: Report): string {
  const devices = r.bundles.reduce((n, b) => n + b.devices, 0);
  return `${r.inventory.length} inventory entries (${devices} devices)`;
}

/** The summary line every format opens with. */
export function summaryLine(r: Report): string {
  const s = r.summary;
  const total = SEVERITIES.reduce((n, sev) => n + s.findings[sev], 0);
  const problems = r.inventory.reduce((n, d) => n + d.findings.length, 0);
  const affected = r.inventory.filter((d) => d.findings.length).length;
  const hosts = [...new Set(r.bundles.map((b) => b.hostname ?? b.path))];
  return (
    `${hosts.join(', ') || 'no bundle'}: ` +
    (total
      ? `${problems} problem(s) on ${affected} of ${inventoryCount(r)}, ${total} finding(s) at or above ${r.minSeverity} (${SEVERITIES.filter((x) => s.findings[x]).map((x) => `${s.findings[x]} ${x}`).join(', ')})`
      : `no findings at or above ${r.minSeverity} on ${inventoryCount(r)}`) +
    `; ${s.passed} checks passed, ${s.skipped} skipped, ${s.errors} errors, ${s.belowThreshold} below threshold; ${s.rules} rules`
  );
}
