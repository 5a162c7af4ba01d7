import type { Db } from '../db/database.js';
import type { StoredVendorData, VendorDataOrigin, VendorDataUse } from './vendor-data.js';

/** Records (or replaces) what vendor data a bundle's analysis used. */
export function recordVendorData(db: Db, bundleId: number, v: StoredVendorData): void {
  db.prepare(`INSERT OR REPLACE INTO vendor_data (bundle_id, name, origin, path, version, sha256, used_for, note, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    bundleId, v.name, v.origin, v.path, v.version, v.sha256, v.usedFor, v.note ?? null, v.data ?? null,
  );
}

interface Row {
  name: string;
  origin: VendorDataOrigin | null;
  path: string | null;
  version: string | null;
  sha256: string | null;
  used_for: string;
  note: string | null;
}

/** What vendor data a bundle's analysis used or missed, by name. */
export function vendorDataOf(db: Db, bundleId: number): VendorDataUse[] {
  const rows = db.prepare(`SELECT name, origin, path, version, sha256, used_for, note FROM vendor_data WHERE bundle_id = ? ORDER BY name`).all(bundleId) as Row[];
  return rows.map((r) => ({ name: r.name, origin: r.origin, path: r.path, version: r.version, sha256: r.sha256, usedFor: r.used_for, note: r.note }));
}

/** The bytes of a vendor file the bundle carried, as stored at load. */
export function bundledVendorData(db: Db, bundleId: number, name: string): { path: string; data: Buffer } | undefined {
  const r = db.prepare(`SELECT path, data FROM vendor_data WHERE bundle_id = ? AND name = ? AND origin = 'bundle' AND data IS NOT NULL`).get(bundleId, name) as
    | { path: string; data: Buffer }
    | undefined;
  return r;
}
