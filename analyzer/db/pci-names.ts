import type { Db } from './database.js';
import { systemPciIds, type PciIds } from './pci-ids.js';

interface IdRow {
  key: string;
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
  const rows = db
    .prepare(`SELECT key, vendor_id, device_id, subsystem_vendor_id, subsystem_device_id FROM devices
      WHERE bundle_id = ? AND pci_address IS NOT NULL AND vendor_id IS NOT NULL`)
    .all(bundleId) as IdRow[];
  const update = db.prepare(`UPDATE devices SET vendor_name = ?, device_name = ? WHERE bundle_id = ? AND key = ?`);
  let named = 0;
  for (const r of rows) {
    const n = ids.lookup({ vendorId: r.vendor_id, deviceId: r.device_id, subsystemVendorId: r.subsystem_vendor_id, subsystemDeviceId: r.subsystem_device_id });
    if (n.vendor === null && n.device === null) continue;
    update.run(n.vendor, n.device, bundleId, r.key);
    named++;
  }
  return named;
}
