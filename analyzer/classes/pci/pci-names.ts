import { recordVendorData } from '../../vendor-data/store.js';
import { resolveVendorFile, type VendorDataUse, type VendorFileSpec } from '../../vendor-data/vendor-data.js';
import type { Db } from '../../db/database.js';
import { PCI_IDS_PATHS } from '../../../collector/classes/pci/attributes.js';
import { pciIdsVersion, PciIds, systemPciIds } from './pci-ids.js';
import { cachedStatement } from '../../db/statements.js';

/** pci.ids: the host's copy when the bundle holds it (the names its own lspci printed), else this machine's. */
export const PCI_IDS: VendorFileSpec = {
  name: 'pci.ids',
  usedFor: 'vendor and device names of PCI devices',
  bundlePaths: PCI_IDS_PATHS.map((p) => p.slice(1)),
  systemPaths: PCI_IDS_PATHS,
  version: pciIdsVersion,
};

const bySha = new Map<string, PciIds>();

interface IdRow {
  device_key: string;
  vendor_id: number;
  device_id: number | null;
  subsystem_vendor_id: number | null;
  subsystem_device_id: number | null;
}

/**
 * Fills devices.vendor_name and device_name from pci.ids for every device of a bundle that has PCI ids
 * (a PCI address and a vendor id). Names stay null where pci.ids has none or is not installed.
 */
export function applyPciNames(db: Db, bundleId: number, ids: PciIds = systemPciIds()): number {
  return nameRows(db, bundleId, pciRows(db, bundleId), ids);
}

const pciRows = (db: Db, bundleId: number): IdRow[] =>
  cachedStatement(db, `SELECT device_key, vendor_id, device_id, subsystem_vendor_id, subsystem_device_id FROM devices
      WHERE bundle_id = ? AND pci_address IS NOT NULL AND vendor_id IS NOT NULL`)
    .all(bundleId) as IdRow[];

/**
 * Names the PCI devices of a bundle from the pci.ids it should use (see PCI_IDS) and records which one that
 * was in vendor_data. Nothing is recorded when the bundle has no PCI ids to name.
 */
export function namePciDevices(
  db: Db, bundleId: number, artifact: (name: string) => { data: Buffer; truncated: boolean } | undefined,
): VendorDataUse | undefined {
  const rows = pciRows(db, bundleId);
  if (!rows.length) return undefined;
  const whole = (name: string): Buffer | undefined => {
    const a = artifact(name);
    return a && !a.truncated ? a.data : undefined;
  };
  const { use, data } = resolveVendorFile(PCI_IDS, { bundle: whole });
  // A collector stores only the head of the host's file: enough to say which version the host's lspci used.
  const head = PCI_IDS.bundlePaths.map(artifact).find((a) => a?.truncated);
  const hostVersion = head ? pciIdsVersion(head.data) : null;
  if (head && use.origin !== 'bundle') {
    const same = hostVersion !== null && hostVersion === use.version;
    const host = `the host's pci.ids is version ${hostVersion ?? 'unknown'} (only its head is in the bundle)${use.origin && !same ? ', so names may differ from the host\'s lspci' : ''}`;
    use.note = use.note ? `${use.note}; ${host}` : host;
  }
  if (data && use.sha256) {
    let ids = bySha.get(use.sha256);
    if (!ids) bySha.set(use.sha256, (ids = PciIds.fromText(data.toString('utf8'), use.path!)));
    nameRows(db, bundleId, rows, ids);
  } else use.note = `${use.note}; devices are shown without vendor and device names`;
  recordVendorData(db, bundleId, use);
  return use;
}

function nameRows(db: Db, bundleId: number, rows: IdRow[], ids: PciIds): number {
  const update = cachedStatement(db, `UPDATE devices SET vendor_name = ?, device_name = ? WHERE bundle_id = ? AND device_key = ?`);
  let named = 0;
  for (const r of rows) {
    const n = ids.lookup({ vendorId: r.vendor_id, deviceId: r.device_id, subsystemVendorId: r.subsystem_vendor_id, subsystemDeviceId: r.subsystem_device_id });
    if (n.vendor === null && n.device === null) continue;
    update.run(n.vendor, n.device, bundleId, r.device_key);
    named++;
  }
  return named;
}

/**
 * A function only lspci's text shows, which pci.ids did not name (no ids in the text, or ids the pci.ids used does
 * not know), is called as that lspci named it (its `lspci/name` setting): `Mellanox Technologies MT27710 Family
 * [ConnectX-4 Lx]`, vendor and device as one name.
 */
export function nameFromLspciText(db: Db, bundleId: number): void {
  cachedStatement(db, `UPDATE devices SET vendor_name = NULL, device_name = s.value
      FROM (SELECT device_key, value FROM settings WHERE bundle_id = ? AND namespace = 'lspci' AND key = 'name') AS s
      WHERE devices.bundle_id = ? AND devices.device_key = s.device_key AND devices.class = 'pci' AND devices.device_name IS NULL`).run(bundleId, bundleId);
}
