import { createHash } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { StoredVendorData, VendorDataOrigin, VendorDataUse } from './vendor-data.js';
import { cachedStatement } from '../db/statements.js';

/**
 * Records (or replaces) what vendor data a bundle's analysis used. Bytes kept from the bundle are stored once per
 * content (vendor_files, by sha256), however many bundles carry the same file.
 */
export function recordVendorData(db: Db, bundleId: number, v: StoredVendorData): void {
  const sha256 = v.data ? (v.sha256 ?? createHash('sha256').update(v.data).digest('hex')) : v.sha256;
  if (v.data) cachedStatement(db, `INSERT OR IGNORE INTO vendor_files (sha256, data) VALUES (?, ?)`).run(sha256, v.data);
  cachedStatement(db, `INSERT OR REPLACE INTO vendor_uses (bundle_id, name, origin, path, version, sha256, used_for, note, stored) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    bundleId, v.name, v.origin, v.path, v.version, sha256, v.usedFor, v.note ?? null, v.data ? 1 : 0,
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
  const rows = cachedStatement(db, `SELECT name, origin, path, version, sha256, used_for, note FROM vendor_uses WHERE bundle_id = ? ORDER BY name`).all(bundleId) as Row[];
  return rows.map((r) => ({ name: r.name, origin: r.origin, path: r.path, version: r.version, sha256: r.sha256, usedFor: r.used_for, note: r.note }));
}

/** The bytes of a vendor file the bundle carried, as stored at load. */
export function bundledVendorData(db: Db, bundleId: number, name: string): { path: string; data: Buffer } | undefined {
  const r = cachedStatement(db, `SELECT path, data FROM vendor_data WHERE bundle_id = ? AND name = ? AND origin = 'bundle' AND data IS NOT NULL`).get(bundleId, name) as
    | { path: string; data: Buffer }
    | undefined;
  return r;
}
