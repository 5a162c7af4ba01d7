import type { Db } from './database.js';
import { SCHEMA_SQL } from './schema.js';

const isTable = (db: Db, name: string): boolean => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
const hasColumn = (db: Db, table: string, column: string): boolean => db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = ?`).get(table, column) !== undefined;

/**
 * Before version 9, artifact_rows (versions 6 to 8) kept each artifact's name and kernel_log was a table: both step
 * aside as *_v8 before SCHEMA_SQL creates the new tables, for compactStorage to copy.
 */
export function setAsideForCompaction(db: Db): void {
  if (isTable(db, 'artifact_rows') && hasColumn(db, 'artifact_rows', 'name')) db.exec(`DROP VIEW IF EXISTS artifacts; ALTER TABLE artifact_rows RENAME TO artifact_rows_v8`);
  if (isTable(db, 'kernel_log')) db.exec(`ALTER TABLE kernel_log RENAME TO kernel_log_v8`);
}

/** Gives each (bundle_id, name) of `names` not yet in fact_artifacts the bundle's next numbers (in name order). */
function numberArtifacts(db: Db, names: string): void {
  db.exec(`INSERT INTO fact_artifacts (bundle_id, no, name)
    SELECT n.bundle_id, coalesce(m.top, 0) + row_number() OVER (PARTITION BY n.bundle_id ORDER BY n.name), n.name
    FROM (SELECT DISTINCT bundle_id, name FROM (${names}) WHERE name IS NOT NULL) n
    LEFT JOIN (SELECT bundle_id, max(no) AS top FROM fact_artifacts GROUP BY bundle_id) m ON m.bundle_id = n.bundle_id
    WHERE NOT EXISTS (SELECT 1 FROM fact_artifacts f WHERE f.bundle_id = n.bundle_id AND f.name = n.name)`);
}

/**
 * Before schema version 5, `registers` held one row per word and `vendor_data` its own copy of each vendor file
 * per bundle; before version 6, `artifacts` kept every origin as JSON and every sha256 as hex text; before version 8,
 * every `settings` row its artifact's name, with an index repeating the row; before version 9, artifact rows and
 * kernel log lines their artifact's name (a second copy of the names settings numbered) and kernel_log had no order
 * by bundle. They become the compact tables (register_dumps, vendor_uses + vendor_files, artifact_rows,
 * setting_rows, kernel_log_rows, named through fact_artifacts) with views of the old names.
 * Runs after SCHEMA_SQL has created the new tables; does nothing on a database already compact.
 */
export function compactStorage(db: Db): void {
  const registers = isTable(db, 'registers');
  const vendor = isTable(db, 'vendor_data');
  const artifacts = isTable(db, 'artifacts');
  const settings = isTable(db, 'settings');
  const artifactRows = isTable(db, 'artifact_rows_v8');
  const kernelLog = isTable(db, 'kernel_log_v8');
  if (!registers && !vendor && !artifacts && !settings && !artifactRows && !kernelLog) return;
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
    if (settings) {
      db.exec(`INSERT INTO fact_artifacts (bundle_id, no, name)
          SELECT bundle_id, row_number() OVER (PARTITION BY bundle_id ORDER BY artifact), artifact FROM (SELECT DISTINCT bundle_id, artifact FROM settings WHERE artifact IS NOT NULL);
        INSERT INTO setting_rows (bundle_id, device_key, namespace, key, mode, seq, value, artifact_no)
          SELECT s.bundle_id, s.device_key, s.namespace, s.key, s.mode, s.rowid, s.value, a.no
          FROM settings s LEFT JOIN fact_artifacts a ON a.bundle_id = s.bundle_id AND a.name = s.artifact;
        DROP TABLE settings;`);
    }
    // Names are looked up while converting; the index goes when the conversion is done.
    db.exec(`CREATE INDEX fact_artifacts_by_name ON fact_artifacts(bundle_id, name)`);
    if (artifacts || artifactRows) {
      const old = artifacts
        ? `SELECT bundle_id, name, source, origin_kind, CASE WHEN origin = json_object('kind', origin_kind, 'path', '/' || name) THEN NULL ELSE origin END AS origin, size,
            CASE WHEN length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*' THEN unhex(sha256) ELSE sha256 END AS sha256,
            truncated, exit_status, verified, parser, parse_error FROM artifacts`
        : `SELECT * FROM artifact_rows_v8`;
      numberArtifacts(db, `SELECT bundle_id, name FROM ${artifacts ? 'artifacts' : 'artifact_rows_v8'}`);
      db.exec(`INSERT INTO artifact_rows (bundle_id, no, source, origin_kind, origin, size, sha256, truncated, exit_status, verified, parser, parse_error)
          SELECT o.bundle_id, f.no, o.source, o.origin_kind, o.origin, o.size, o.sha256, o.truncated, o.exit_status, o.verified, o.parser, o.parse_error
          FROM (${old}) o JOIN fact_artifacts f ON f.bundle_id = o.bundle_id AND f.name = o.name;
        DROP TABLE ${artifacts ? 'artifacts' : 'artifact_rows_v8'};`);
    }
    if (kernelLog) {
      numberArtifacts(db, `SELECT bundle_id, artifact AS name FROM kernel_log_v8`);
      db.exec(`INSERT INTO kernel_log_rows (bundle_id, no, seq, usec, level, device_key, text, artifact_no)
          SELECT k.bundle_id, row_number() OVER (PARTITION BY k.bundle_id ORDER BY k.rowid), k.seq, k.usec, k.level, k.device_key, k.text, f.no
          FROM kernel_log_v8 k LEFT JOIN fact_artifacts f ON f.bundle_id = k.bundle_id AND f.name = k.artifact;
        DROP TABLE kernel_log_v8;`);
    }
    db.exec(`DROP INDEX fact_artifacts_by_name`);
    db.exec(SCHEMA_SQL);
  })();
}
