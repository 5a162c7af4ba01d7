import type { Db } from '../db/database.js';
import type { Statement } from 'better-sqlite3';
import { cachedStatement } from '../db/statements.js';
import type { Condition, Rule } from './types.js';

interface DeviceFacts {
  device_key: string;
  class: string;
  model: string | null;
  driver: string | null;
  vendor_id: number | null;
  device_id: number | null;
  pci_address: string | null;
  vendor_name: string | null;
  device_name: string | null;
  serial: string | null;
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

function flatten(c: Condition): Condition[] {
  if ('all' in c) return c.all.flatMap(flatten);
  if ('any' in c) return c.any.flatMap(flatten);
  if ('not' in c) return flatten(c.not);
  return [c];
}

interface FirmwareRow { component: string; version: string; state: string; scheme: string | null }
interface SettingRow { namespace: string; key: string; value: string; mode: string }

/**
 * Gathers the facts findings show, with its statements prepared once; with `remember`, the bundle's host and each
 * device's facts and firmware rows are read once however many rules fail on them (a batch of bundles).
 */
export class EvidenceGatherer {
  private readonly kernelStmt: Statement;
  private readonly deviceStmt: Statement;
  private readonly firmwareStmt: Statement;
  private readonly settingStmt: Statement;
  private readonly hosts = new Map<number, { kernel_release: string | null; hostname: string | null } | undefined>();
  private readonly devices = new Map<string, { d: DeviceFacts | undefined; fw: FirmwareRow[] }>();

  constructor(db: Db, private readonly remember = false) {
    this.kernelStmt = cachedStatement(db, `SELECT kernel_release, hostname FROM bundles WHERE id = ?`);
    this.deviceStmt = cachedStatement(db, `SELECT d.device_key, d.class, d.model, d.serial, COALESCE(d.driver, p.driver) AS driver, COALESCE(d.vendor_id, p.vendor_id) AS vendor_id,
          COALESCE(d.device_id, p.device_id) AS device_id, d.pci_address, COALESCE(d.vendor_name, p.vendor_name) AS vendor_name,
          COALESCE(d.device_name, p.device_name) AS device_name
        FROM devices d LEFT JOIN devices p ON p.bundle_id = d.bundle_id AND p.device_key = d.pci_address AND p.device_key <> d.device_key
        WHERE d.bundle_id = ? AND d.device_key = ?`);
    this.firmwareStmt = cachedStatement(db, `SELECT component, version, state, scheme FROM firmware WHERE bundle_id = ? AND device_key = ? ORDER BY component, state`);
    this.settingStmt = cachedStatement(db, `SELECT namespace, key, value, mode FROM settings WHERE bundle_id = ? AND device_key = ? AND namespace = ? AND key = ?`);
  }

  private host(bundleId: number): { kernel_release: string | null; hostname: string | null } | undefined {
    if (this.remember && this.hosts.has(bundleId)) return this.hosts.get(bundleId);
    const h = this.kernelStmt.get(bundleId) as { kernel_release: string | null; hostname: string | null } | undefined;
    if (this.remember) this.hosts.set(bundleId, h);
    return h;
  }

  private device(bundleId: number, deviceKey: string): { d: DeviceFacts | undefined; fw: FirmwareRow[] } {
    const id = `${bundleId}\0${deviceKey}`;
    const known = this.remember ? this.devices.get(id) : undefined;
    if (known) return known;
    const facts = {
      d: this.deviceStmt.get(bundleId, deviceKey) as DeviceFacts | undefined,
      fw: this.firmwareStmt.all(bundleId, deviceKey) as FirmwareRow[],
    };
    if (this.remember) this.devices.set(id, facts);
    return facts;
  }

  /** The facts a finding shows: the device, and each firmware and setting the rule's conditions read. */
  gather(bundleId: number, rule: Rule, deviceKey: string | null): { values: Record<string, unknown>; evidence: Record<string, unknown> } {
    const values: Record<string, unknown> = {};
    const evidence: Record<string, unknown> = {};
    const kernel = this.host(bundleId);
    values.kernel = kernel?.kernel_release;
    values.host = kernel?.hostname;
    if (deviceKey) {
      const { d, fw } = this.device(bundleId, deviceKey);
      values.device = deviceKey;
      if (d) {
        Object.assign(values, { model: d.model, driver: d.driver, vendor_id: d.vendor_id, device_id: d.device_id, pci_address: d.pci_address, class: d.class });
        const ids = d.vendor_id !== null ? `[${hex4(d.vendor_id)}:${d.device_id === null ? '?' : hex4(d.device_id)}]` : null;
        values.name = d.model || [d.vendor_name, d.device_name].filter(Boolean).join(' ') || ids || `${d.class} device`;
        evidence.device = Object.fromEntries(Object.entries(d).filter(([, v]) => v !== null));
      }
      for (const f of fw) {
        if (f.state === 'running' || values[`firmware.${f.component}`] === undefined) values[`firmware.${f.component}`] = f.version;
        values[`firmware.${f.component}.${f.state}`] = f.version;
      }
      if (fw.length) values.firmware = values['firmware.firmware'] ?? fw[0]!.version;
      const used = (rule.when ?? []).flatMap(flatten);
      const fwUsed = fw.filter((f) => used.some((c) => 'firmware' in c && c.firmware.component === f.component));
      if (fwUsed.length) evidence.firmware = fwUsed;
      const settings: unknown[] = [];
      const read = new Set<string>();
      for (const c of used) {
        if (!('setting' in c)) continue;
        const which = `${c.setting.device ?? deviceKey}\0${c.setting.namespace}\0${c.setting.key}`;
        if (read.has(which)) continue;
        read.add(which);
        const rows = this.settingStmt.all(bundleId, c.setting.device ?? deviceKey, c.setting.namespace, c.setting.key) as SettingRow[];
        for (const r of rows) {
          settings.push(r);
          values[`setting.${r.namespace}.${r.key}`] ??= r.value;
          values[`setting.${r.key}`] ??= r.value;
        }
      }
      for (const m of rule.message.matchAll(/\{setting\.([^}]+)\}/g)) {
        const name = m[1]!;
        if (values[`setting.${name}`] !== undefined) continue;
        // Namespaces may hold dots (nvme.feature): try each split of "<namespace>.<key>".
        const dots = [...name.matchAll(/\./g)].map((d) => d.index);
        for (const at of dots) {
          const row = this.settingStmt.get(bundleId, deviceKey, name.slice(0, at), name.slice(at + 1)) as { value: string } | undefined;
          if (row) {
            values[`setting.${name}`] = row.value;
            break;
          }
        }
      }
      if (settings.length) evidence.settings = settings;
    }
    return { values, evidence };
  }
}

/** The facts a finding shows: the device, and each firmware and setting the rule's conditions read. */
export function gatherEvidence(db: Db, bundleId: number, rule: Rule, deviceKey: string | null): { values: Record<string, unknown>; evidence: Record<string, unknown> } {
  return new EvidenceGatherer(db).gather(bundleId, rule, deviceKey);
}
