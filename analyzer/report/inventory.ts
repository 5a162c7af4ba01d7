import type { Db } from '../db/database.js';
import { cachedStatement } from '../db/statements.js';
import type { DeviceInventoryRole } from '../load/types.js';
import { SEVERITIES, type Rule, type Severity } from '../rules/types.js';
import { hexId } from './ids.js';
import type { Finding } from './model.js';

/** One firmware version of a device: which component, in which state (running, stored, pending, slot-N, fixed). */
export interface InventoryFirmware {
  component: string;
  version: string;
  state: string;
  /** The device row (source view) it was read from. */
  from: string;
  /** The file of the bundle it was read from (`cmd/…` for a saved command output), null when no file is named. */
  artifact: string | null;
  /** The name the output was saved under in the tree `collect --root` read (`cmd/smartctl/smartctl -a sdb.txt`), when not `artifact`. */
  savedAs: string | null;
}

/** Findings with one cause: the headline and the findings it causes, at the highest severity among them. */
export interface FindingGroup {
  severity: Severity;
  headline: Finding;
  details: Finding[];
}

/** A physical device as the reader knows it: a PCI function with its interfaces and views, a drive, the platform. */
export interface InventoryDevice {
  bundle: number;
  host: string | null;
  /** The entry's own device key; `keys` lists every device row folded into it (interfaces, devlink, block…). */
  key: string;
  class: string;
  keys: string[];
  /** What the device says it is (part number, model, PSID), then the pci.ids name. */
  name: string;
  model: string | null;
  partNumber: string | null;
  psid: string | null;
  pciName: string | null;
  /** Hex as lspci prints them (15b3:101d). */
  vendorId: string | null;
  deviceId: string | null;
  serial: string | null;
  driver: string | null;
  /** Drivers of the entry's interfaces and /dev nodes that are not `driver` (a virtio function's `virtio_net`). */
  interfaceDrivers: string[];
  location: { pci: string | null; interfaces: string[]; dev: string[]; other: string[] };
  firmware: InventoryFirmware[];
  /**
   * Of a bundle of saved outputs: every output the entry's firmware and settings were read from, each once, by the
   * name it was saved under (else the bundle's name of it), those of its firmware first. Absent for a host's bundle.
   */
  outputs?: string[];
  findings: FindingGroup[];
  /** The highest severity among its findings, null without findings. */
  worst: Severity | null;
}

interface DeviceRecord {
  bundle_id: number;
  device_key: string;
  class: string;
  pci_address: string | null;
  parent_key: string | null;
  vendor_id: number | null;
  device_id: number | null;
  driver: string | null;
  vendor_name: string | null;
  device_name: string | null;
  model: string | null;
  serial: string | null;
}

export const hex4 = (n: number | null | undefined): string | null => (n === null || n === undefined ? null : hexId(n));
const rank = (s: Severity): number => SEVERITIES.indexOf(s);
const nameOf = (key: string): string => key.slice(key.indexOf(':') + 1);
/** A device key as a person reads it: `mst mt4119_pciconf0` for `mst:mt4119_pciconf0`. */
export const keyText = (key: string): string => (key.includes(':') ? `${key.slice(0, key.indexOf(':'))} ${nameOf(key)}` : key);
/** A device that said nothing of itself: its key, and if the key is one bare word (`platform` on a machine without DMI), that it said nothing. */
const unnamed = (key: string): string => (key.includes(':') ? keyText(key) : `${key} (no identity reported)`);
/** Settings, or fixed firmware rows, that name a board: its part number. */
const IDENTITY_KEYS = ['part_number', 'board.id'];
/** A parameter-set id written as a version (`0.0.6`) names no board, unlike a PSID such as `MT_0000000359`. */
const VERSION_LIKE = /^\d+(\.\d+)+$/;
/** `22.39.1002 (MT_0000000359)` as ethtool prints it is the same version as devlink's `22.39.1002`. */
const bareVersion = (v: string): string => v.replace(/\s*\(.*\)\s*$/, '').trim();

interface FirmwareRecord {
  component: string;
  version: string;
  state: string;
  scheme: string | null;
  version_key: string | null;
  unknown: number;
  artifact: string | null;
}

/**
 * One version of one component in one state, however spelled: two rows are the same version when the scheme their
 * class declares for the component reads both as one (`3.6.502` and `3.6.0502` under `dotted`).
 */
const sameRow = (a: FirmwareRecord, b: FirmwareRecord): boolean =>
  a.component === b.component && a.state === b.state &&
  (a.version === b.version || (a.scheme !== null && a.scheme === b.scheme && a.version_key !== null && a.version_key === b.version_key && !a.unknown && !b.unknown));

/** The folded findings of one device: each finding whose rule is `caused_by` another finding's rule goes under it. */
export function groupFindings(findings: Finding[], rules: ReadonlyMap<string, Rule>): FindingGroup[] {
  const groups: FindingGroup[] = [];
  const heads = new Map<string, FindingGroup>();
  const sorted = [...findings].sort((a, b) => rank(a.severity) - rank(b.severity) || a.rule.localeCompare(b.rule));
  const causedBy = (f: Finding): string | undefined => {
    const c = rules.get(f.rule)?.caused_by;
    if (!c || !findings.some((x) => x.rule === c.rule)) return undefined;
    const ev = f.evidence ?? {};
    return Object.entries(c.evidence ?? {}).every(([k, v]) => ev[k] === v) ? c.rule : undefined;
  };
  for (const f of sorted.filter((x) => !causedBy(x))) {
    const g = { severity: f.severity, headline: f, details: [] };
    groups.push(g);
    if (!heads.has(f.rule)) heads.set(f.rule, g);
  }
  for (const f of sorted) {
    const cause = causedBy(f);
    const g = cause ? heads.get(cause) : undefined;
    if (!g) continue;
    g.details.push(f);
    if (rank(f.severity) < rank(g.severity)) g.severity = f.severity;
  }
  return groups.sort((a, b) => rank(a.severity) - rank(b.severity) || a.headline.rule.localeCompare(b.headline.rule));
}

/**
 * The device inventory of the bundles: device rows folded into the entries a reader knows (a PCI function
 * with its interfaces, devlink, RDMA and block views), firmware per component and state, findings grouped.
 */
export function buildInventory(
  db: Db,
  bundleIds: number[],
  findings: Finding[],
  rules: readonly Rule[],
  roles: ReadonlyMap<string, DeviceInventoryRole>,
  savedOutputBundles: ReadonlySet<number> = new Set(),
): InventoryDevice[] {
  const byRule = new Map(rules.map((r) => [r.id, r]));
  const out: InventoryDevice[] = [];
  for (const bundleId of bundleIds) {
    const host = (cachedStatement(db, `SELECT hostname FROM bundles WHERE id = ?`).get(bundleId) as { hostname: string | null } | undefined)?.hostname ?? null;
    const devices = cachedStatement(db, `SELECT * FROM devices WHERE bundle_id = ? ORDER BY rowid`).all(bundleId) as DeviceRecord[];
    const byKey = new Map(devices.map((d) => [d.device_key, d]));
    const ownEntry = (d: DeviceRecord): boolean => {
      const role = roles.get(d.class)?.role;
      return role ? role === 'device' : !d.parent_key || !byKey.has(d.parent_key);
    };
    // A device that is the parent of an entry of its own belongs to that entry (a drive's block device).
    const childEntry = new Map<string, string>();
    for (const d of devices) if (d.parent_key && roles.get(d.class)?.role === 'device') childEntry.set(d.parent_key, d.device_key);
    const ownerOf = (d: DeviceRecord, depth = 0): string => {
      if (ownEntry(d) || depth > 16) return d.device_key;
      const child = childEntry.get(d.device_key);
      if (child) return child;
      return ownerOf(byKey.get(d.parent_key!)!, depth + 1);
    };
    const members = new Map<string, DeviceRecord[]>();
    for (const d of devices) {
      const owner = ownerOf(d);
      if (!members.has(owner)) members.set(owner, []);
      members.get(owner)!.push(d);
    }
    const savedAs = savedNamesOf(db, bundleId);
    const fwStmt = cachedStatement(db, `SELECT component, version, state, scheme, version_key, unknown, artifact FROM firmware WHERE bundle_id = ? AND device_key = ? ORDER BY rowid`);
    const identity = cachedStatement(db, 
      `SELECT key, value FROM settings WHERE bundle_id = ? AND device_key = ? AND key IN (${IDENTITY_KEYS.map((k) => `'${k}'`).join(', ')}) AND value IS NOT NULL ORDER BY rowid`,
    );
    const settingFiles = cachedStatement(db, `SELECT DISTINCT artifact FROM settings WHERE bundle_id = ? AND device_key = ? AND artifact IS NOT NULL`);
    const outputsOf = (keys: string[], firmware: InventoryFirmware[]): string[] | undefined => {
      if (!savedOutputBundles.has(bundleId)) return undefined;
      const files = firmware.flatMap((f) => (f.artifact ? [f.artifact] : []));
      for (const k of keys) for (const r of settingFiles.all(bundleId, k) as { artifact: string }[]) files.push(r.artifact);
      return [...new Set(files.map((a) => savedAs.get(a) ?? a))];
    };
    const ownFindings = findings.filter((f) => f.bundle === bundleId);
    const entryOf = new Map<string, string>();
    for (const [owner, list] of members) for (const d of list) entryOf.set(d.device_key, owner);

    const entries: InventoryDevice[] = [];
    for (const [owner, list] of members) {
      const primary = byKey.get(owner)!;
      const ordered = [primary, ...list.filter((d) => d !== primary)];
      const firmware: InventoryFirmware[] = [];
      const seen = new Set<string>();
      const kept: FirmwareRecord[] = [];
      let psid: string | null = null;
      let partNumber: string | null = null;
      let fixedPart: string | null = null;
      for (const d of ordered) {
        const rows = fwStmt.all(bundleId, d.device_key) as FirmwareRecord[];
        const mine = new Set<string>();
        for (const r of rows) {
          if (/(^|\.)psid$/.test(r.component) && !VERSION_LIKE.test(r.version)) psid ??= r.version;
          if (r.state === 'fixed' && IDENTITY_KEYS.includes(r.component)) fixedPart ??= r.version;
          const sig = `${r.state}\u0000${bareVersion(r.version)}`;
          if ((seen.has(sig) && !mine.has(sig)) || kept.some((k) => sameRow(k, r))) continue;
          mine.add(sig);
          kept.push(r);
          firmware.push({ component: r.component, version: r.version, state: r.state, from: d.device_key, artifact: r.artifact ?? null, savedAs: (r.artifact && savedAs.get(r.artifact)) ?? null });
        }
        for (const s of mine) seen.add(s);
        for (const s of identity.all(bundleId, d.device_key) as { key: string; value: string }[]) partNumber ??= s.value;
      }
      const pciFn = ordered.find((d) => roles.get(d.class)?.location === 'address');
      const pciName = pciFn ? [pciFn.vendor_name, pciFn.device_name].filter(Boolean).join(' ') || null : null;
      const model = primary.model ?? ordered.find((d) => d.model && roles.get(d.class)?.location !== 'none')?.model ?? null;
      // devlink's board.id is a part number on some boards and the PSID on others.
      if (fixedPart !== psid) partNumber ??= fixedPart;
      // With no bus name to say what it is, the model (a family: `ConnectX-5`) goes before a part number that does not hold it.
      const product = !pciName && model && partNumber && !partNumber.includes(model) ? `${model} ${partNumber}` : partNumber ?? model;
      const said = [product, psid ? `PSID ${psid}` : null].filter(Boolean).join(', ');
      const noun = roles.get(primary.class)?.noun;
      const location = { pci: primary.pci_address, interfaces: [] as string[], dev: [] as string[], other: [] as string[] };
      const isNode = (d: DeviceRecord): boolean => roles.get(d.class)?.isNode?.(nameOf(d.device_key)) ?? true;
      for (const d of ordered.slice(1)) {
        const where = roles.get(d.class)?.location;
        if (where === 'none' || where === 'address') continue;
        if (where === 'interface') location.interfaces.push(nameOf(d.device_key));
        else if (where === 'dev') { if (isNode(d)) location.dev.push(`/dev/${nameOf(d.device_key)}`); }
        else location.other.push(`${d.class} ${nameOf(d.device_key)}`);
      }
      if (primary.device_key.includes(':') && roles.get(primary.class)?.location !== 'address' && roles.get(primary.class)?.location !== 'none') {
        const where = roles.get(primary.class)?.location;
        if (where === 'dev') { if (isNode(primary)) location.dev.unshift(`/dev/${nameOf(primary.device_key)}`); }
        else if (where === 'interface') location.interfaces.unshift(nameOf(primary.device_key));
        else if (roles.get(primary.class)?.place) location.other.unshift(roles.get(primary.class)!.place!(primary.device_key));
        else if (primary.pci_address) location.other.unshift(`${primary.class} ${nameOf(primary.device_key)}`);
      }
      // A device that said nothing of itself is called by its address, as a person would find it.
      const address = primary.pci_address ?? location.dev[0] ?? location.interfaces[0] ?? location.other[0] ?? unnamed(primary.device_key);
      const unnamedNoun = roles.get(primary.class)?.unnamedNoun;
      const name = pciName ? (said ? `${said} — ${pciName}` : pciName) : noun ? `${noun} ${said || nameOf(primary.device_key)}` : said || (unnamedNoun ? `${unnamedNoun} ${address}` : address);
      const keys = ordered.map((d) => d.device_key);
      const driver = primary.driver ?? ordered.find((d) => d.driver)?.driver ?? (primary.pci_address ? byKey.get(primary.pci_address)?.driver : null) ?? null;
      const viewDrivers = ordered.filter((d) => ['interface', 'dev'].includes(roles.get(d.class)?.location ?? '') && d.driver && d.driver !== driver);
      const mine = ownFindings.filter((f) => f.device !== null && entryOf.get(f.device) === owner);
      const groups = groupFindings(mine, byRule);
      entries.push({
        bundle: bundleId,
        host,
        key: owner,
        class: primary.class,
        keys,
        name,
        model,
        partNumber,
        psid,
        pciName,
        vendorId: hex4((pciFn ?? primary).vendor_id || null),
        deviceId: hex4((pciFn ?? primary).device_id || null),
        serial: primary.serial ?? ordered.find((d) => d.serial)?.serial ?? null,
        driver,
        interfaceDrivers: [...new Set(viewDrivers.map((d) => d.driver!))],
        location,
        firmware,
        outputs: outputsOf(keys, firmware),
        findings: groups,
        worst: groups[0]?.severity ?? null,
      });
    }
    const hostFindings = ownFindings.filter((f) => f.device === null || !entryOf.has(f.device));
    if (hostFindings.length) {
      const groups = groupFindings(hostFindings, byRule);
      entries.push({
        bundle: bundleId, host, key: 'host', class: 'host', keys: [], name: `host ${host ?? ''}`.trim(), model: null, partNumber: null, psid: null,
        pciName: null, vendorId: null, deviceId: null, serial: null, driver: null, interfaceDrivers: [], location: { pci: null, interfaces: [], dev: [], other: [] },
        firmware: [], findings: groups, worst: groups[0]?.severity ?? null,
      });
    }
    out.push(...foldIdentical(entries).sort(entryOrder));
  }
  return out;
}

/** Artifact name → the name its output was saved under in a captured tree, for the artifacts that have one. */
export function savedNamesOf(db: Db, bundleId: number): Map<string, string> {
  const rows = cachedStatement(db, `SELECT a.name, r.saved_as FROM artifact_rows r JOIN artifact_names a ON a.id = r.name_id WHERE r.bundle_id = ? AND r.saved_as IS NOT NULL`)
    .all(bundleId) as { name: string; saved_as: string }[];
  return new Map(rows.map((r) => [r.name, r.saved_as]));
}

const entryOrder = (a: InventoryDevice, b: InventoryDevice): number =>
  (a.worst === null ? 99 : rank(a.worst)) - (b.worst === null ? 99 : rank(b.worst)) ||
  (a.location.pci === null ? 1 : 0) - (b.location.pci === null ? 1 : 0) ||
  // PCI addresses are fixed-width hex (0000:9b:00.0 after 0000:18:00.0), other keys read with their numbers (cpu:2 before cpu:10).
  (a.location.pci !== null && b.location.pci !== null
    ? (a.location.pci < b.location.pci ? -1 : a.location.pci > b.location.pci ? 1 : 0)
    : (a.location.pci ?? a.key).localeCompare(b.location.pci ?? b.key, 'en', { numeric: true }));

/** What a finding group says of whichever device it is on: its severities, rules and messages, the device's key left out. */
const groupShape = (g: FindingGroup): string =>
  [g.headline, ...g.details].map((f) => `${f.severity}\u0001${f.rule}\u0001${f.device === null ? f.message : f.message.split(f.device).join('\u0002')}`).join('\u0003');

/**
 * The groups of an entry as a reader takes them in: a group that says of another device of the entry what an earlier
 * one says of its own (every CPU of a socket reporting the same placeholder microcode) is named under the first.
 */
export function repeatedGroups(groups: readonly FindingGroup[]): { group: FindingGroup; alsoOn: string[] }[] {
  const out: { group: FindingGroup; alsoOn: string[] }[] = [];
  const byShape = new Map<string, { group: FindingGroup; alsoOn: string[] }>();
  for (const g of groups) {
    const shape = groupShape(g);
    const first = byShape.get(shape);
    if (first && g.headline.device !== null && g.headline.device !== first.group.headline.device) first.alsoOn.push(g.headline.device);
    else {
      const entry = { group: g, alsoOn: [] };
      byShape.set(shape, entry);
      out.push(entry);
    }
  }
  return out;
}

/** The line under a finding that says it holds for further devices of the entry, as their keys read (`cpu 1`). */
export const alsoOnText = (keys: readonly string[]): string => `the same on ${keys.map(keyText).join(', ')}`;

/**
 * Entries without a location that say the same (every CPU of a socket: same model, same microcode, the same findings
 * of each) become one, keeping every finding; two with serials of their own (two drives of one model) are two
 * devices, each shown with its serial.
 */
function foldIdentical(entries: InventoryDevice[]): InventoryDevice[] {
  const out: InventoryDevice[] = [];
  const bySig = new Map<string, InventoryDevice>();
  for (const e of entries) {
    const fw = e.firmware.map((f) => `${f.component}=${f.version}/${f.state}`).join(',');
    const sig = `${e.class}\u0000${e.name}\u0000${fw}\u0000${e.serial ?? ''}\u0000${e.findings.map(groupShape).join('\u0004')}`;
    const same = !e.location.pci && e.key !== e.class ? bySig.get(sig) : undefined;
    if (same) {
      same.keys.push(...e.keys);
      same.findings.push(...e.findings);
      continue;
    }
    if (!e.location.pci) bySig.set(sig, e);
    out.push(e);
  }
  for (const e of out) e.findings.sort((a, b) => rank(a.severity) - rank(b.severity) || a.headline.rule.localeCompare(b.headline.rule));
  for (const e of out) if (e.keys.length > 1 && !e.location.pci && new Set(e.keys.map((k) => k.split(':')[0])).size === 1 && e.keys.every((k) => k.includes(':'))) {
    e.location.other.push(`${e.keys.length} × ${e.class} (${e.keys.map(nameOf).join(', ')})`);
  }
  return out;
}
