import type { Db } from './database.js';
import { SCHEMA_SQL } from './schema.js';

const isTable = (db: Db, name: string): boolean => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;

/**
 * Before schema version 5, `registers` held one row per word and `vendor_data` its own copy of each vendor file
 * per bundle: both become the compact tables (register_dumps, vendor_uses + vendor_files) with views of the old
 * names. Runs after SCHEMA_SQL has created the new tables; does nothing on a database already compact.
 */
export function compactStorage(db: Db): void {
  const registers = isTable(db, 'registers');
  const vendor = isTable(db, 'vendor_data');
  if (!registers && !vendor) return;
  db.transaction(() => {
    if (registers) {
      db.exec(`INSERT INTO register_dumps (bundle_id, device_key, space, offset, data, artifact)
          SELECT bundle_id, device_key, space, offset, unhex(printf('%08x', value & 0xffffffff)), artifact FROM registers ORDER BY rowid;
        DROP TABLE registers;`);
    }
    if (vendor) {
      db.exec(`INSERT OR IGNORE INTO vendor_files (sha256, data) SELECT sha256, data FROM vendor_data WHERE data IS NOT NULL AND sha256 IS NOT NULL;
        INSERT INTO vendor_uses (bundle_id, name, origin, path, version, sha256, used_for, note, stored)
          SELECT bundle_id, name, origin, path, version, sha256, used_for, note, data IS NOT NULL AND sha256 IS NOT NULL FROM vendor_data;
        DROP TABLE vendor_data;`);
    }
    db.exec(SCHEMA_SQL);
  })();
}
