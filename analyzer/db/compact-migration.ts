import type { Db } from './database.js';
import { SCHEMA_SQL } from './schema.js';

const isTable = (db: Db, name: string): boolean => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;

/**
 * Before schema version 5, `registers` held one row per word and `vendor_data` its own copy of each vendor file
 * per bundle; before version 6, `artifacts` kept every origin as JSON and every sha256 as hex text; before version 8,
 * every `settings` row its artifact's name, with an index repeating the row. They become the compact tables
 * (register_dumps, vendor_uses + vendor_files, artifact_rows, setting_rows + fact_artifacts) with views of the old names.
 * Runs after SCHEMA_SQL has created the new tables; does nothing on a database already compact.
 */
export function compactStorage(db: Db): void {
  const registers = isTable(db, 'registers');
  const vendor = isTable(db, 'vendor_data');
  const artifacts = isTable(db, 'artifacts');
  const settings = isTable(db, 'settings');
  if (!registers && !vendor && !artifacts && !settings) return;
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
    if (artifacts) {
      db.exec(`INSERT INTO artifact_rows (bundle_id, name, source, origin_kind, origin, size, sha256, truncated, exit_status, verified, parser, parse_error)
          SELECT bundle_id, name, source, origin_kind, CASE WHEN origin = json_object('kind', origin_kind, 'path', '/' || name) THEN NULL ELSE origin END, size,
            CASE WHEN length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*' THEN unhex(sha256) ELSE sha256 END,
            truncated, exit_status, verified, parser, parse_error FROM artifacts;
        DROP TABLE artifacts;`);
    }
    if (settings) {
      db.exec(`INSERT INTO fact_artifacts (bundle_id, no, name)
          SELECT bundle_id, row_number() OVER (PARTITION BY bundle_id ORDER BY artifact), artifact FROM (SELECT DISTINCT bundle_id, artifact FROM settings WHERE artifact IS NOT NULL);
        INSERT INTO setting_rows (bundle_id, device_key, namespace, key, mode, seq, value, artifact_no)
          SELECT s.bundle_id, s.device_key, s.namespace, s.key, s.mode, s.rowid, s.value, a.no
          FROM settings s LEFT JOIN fact_artifacts a ON a.bundle_id = s.bundle_id AND a.name = s.artifact;
        DROP TABLE settings;`);
    }
    db.exec(SCHEMA_SQL);
  })();
}
