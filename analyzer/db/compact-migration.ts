import type { Db } from './database.js';
import { SCHEMA_SQL } from './schema.js';
import { TextIdCollision, textId } from './text-ids.js';

export const typeOf = (db: Db, name: string): string | undefined => (db.prepare(`SELECT type FROM sqlite_master WHERE name = ?`).get(name) as { type: string } | undefined)?.type;
export const isTable = (db: Db, name: string): boolean => typeOf(db, name) === 'table';
const hasColumn = (db: Db, table: string, column: string): boolean => db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = ?`).get(table, column) !== undefined;

/**
 * Tables whose shape changed under the same name step aside before SCHEMA_SQL creates the new ones, for
 * compactStorage to copy: before version 9 artifact_rows (versions 6 to 8) kept each artifact's name; before
 * version 10 fact_artifacts held the names of each bundle and setting_rows each row's namespace, key and mode; before
 * version 13 artifact_rows each artifact's sha256 and origin. The views over them go first (renaming a table rewrites
 * the views naming it). A class's tables are set aside by the class (ClassTables.setAside), before this.
 */
export function setAsideForCompaction(db: Db): void {
  for (const view of ['artifacts', 'settings', 'fact_artifacts']) if (typeOf(db, view) === 'view') db.exec(`DROP VIEW ${view}`);
  if (isTable(db, 'artifact_rows') && hasColumn(db, 'artifact_rows', 'name')) db.exec(`ALTER TABLE artifact_rows RENAME TO artifact_rows_v8`);
  if (isTable(db, 'artifact_rows') && hasColumn(db, 'artifact_rows', 'sha256')) db.exec(`ALTER TABLE artifact_rows RENAME TO artifact_rows_v12`);
  if (isTable(db, 'fact_artifacts')) db.exec(`ALTER TABLE fact_artifacts RENAME TO fact_artifacts_v9`);
  if (isTable(db, 'setting_rows') && hasColumn(db, 'setting_rows', 'namespace')) db.exec(`ALTER TABLE setting_rows RENAME TO setting_rows_v9`);
}

/** Gives each (bundle_id, name) of `names` not yet numbered the bundle's next numbers (in name order). */
function numberArtifacts(db: Db, names: string): void {
  db.exec(`INSERT INTO numbered (bundle_id, no, name)
    SELECT n.bundle_id, coalesce(m.top, 0) + row_number() OVER (PARTITION BY n.bundle_id ORDER BY n.name), n.name
    FROM (SELECT DISTINCT bundle_id, name FROM (${names}) WHERE name IS NOT NULL) n
    LEFT JOIN (SELECT bundle_id, max(no) AS top FROM numbered GROUP BY bundle_id) m ON m.bundle_id = n.bundle_id
    WHERE NOT EXISTS (SELECT 1 FROM numbered f WHERE f.bundle_id = n.bundle_id AND f.name = n.name)`);
}

/** fwsnap_text_id(part, …): textId() in SQL, for conversions. */
export function registerTextIdFunction(db: Db): void {
  db.function('fwsnap_text_id', { deterministic: true, varargs: true }, (...parts: unknown[]) => textId(...parts.map(String)));
}

/**
 * Refuses (throws) when a text of `distinct` (its columns `cols`) has an id (by default fwsnap_text_id of the columns,
 * see registerTextIdFunction) that already names another text in `table`.
 */
export function refuseCollisions(db: Db, table: string, cols: string[], distinct: string, id = `fwsnap_text_id(${cols.map((c) => `o.${c}`).join(', ')})`): void {
  const clash = db.prepare(`SELECT ${cols.map((c) => `o.${c}`).join(', ')} FROM (${distinct}) o JOIN ${table} t ON t.id = ${id}
    WHERE ${cols.map((c) => `t.${c} IS NOT o.${c}`).join(' OR ')} LIMIT 1`).get();
  if (clash) throw new TextIdCollision(`${table}: ${JSON.stringify(clash)} has the id of another text; this database cannot be converted (analyse into a new --db file)`);
}

/**
 * Before schema version 5, `registers` held one row per word and `vendor_data` its own copy of each vendor file
 * per bundle; before version 6, `artifacts` kept every origin as JSON and every sha256 as hex text; before version 8,
 * every `settings` row its artifact's name, with an index repeating the row; before version 9, artifact rows
 * their artifact's name; before version 10, each bundle its own copy of every artifact name and every setting row
 * its namespace, key and mode; before version 13, every artifact row its sha256 and origin. They become the compact
 * tables (register_dumps, vendor_uses + vendor_files, artifact_rows + artifact_hashes + artifact_origins,
 * setting_rows + setting_keys, named through artifact_nos + artifact_names) with views of the old names. A class
 * converts its own tables after this (ClassTables.upgrade), numbering its artifacts after these.
 * Runs after SCHEMA_SQL has created the new tables; does nothing on a database already compact.
 */
export function compactStorage(db: Db): void {
  const registers = isTable(db, 'registers');
  const vendor = isTable(db, 'vendor_data');
  const artifacts = isTable(db, 'artifacts');
  const settings = isTable(db, 'settings');
  const artifactRows = isTable(db, 'artifact_rows_v8');
  const hashedRows = isTable(db, 'artifact_rows_v12');
  const names = isTable(db, 'fact_artifacts_v9');
  const settingRows = isTable(db, 'setting_rows_v9');
  if (!registers && !vendor && !artifacts && !settings && !artifactRows && !names && !settingRows && !hashedRows) return;
  registerTextIdFunction(db);
  // A sha256 stored as 32 bytes has the id of its hex, as the loader gives it (SqliteSink.hashId).
  db.function('fwsnap_hash_id', { deterministic: true }, (v: unknown) => textId(Buffer.isBuffer(v) ? v.toString('hex') : String(v)));
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
    // Each bundle's artifact names with their numbers, while converting; they go to artifact_nos at the end.
    db.exec(`CREATE TEMP TABLE numbered (bundle_id INTEGER NOT NULL, no INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (bundle_id, no)) WITHOUT ROWID;
      CREATE INDEX temp.numbered_by_name ON numbered(bundle_id, name);`);
    // Numbers already given (a database converted part of the way) are kept.
    db.exec(`INSERT INTO numbered SELECT x.bundle_id, x.no, n.name FROM artifact_nos x JOIN artifact_names n ON n.id = x.name_id`);
    if (names) db.exec(`INSERT OR IGNORE INTO numbered SELECT bundle_id, no, name FROM fact_artifacts_v9; DROP TABLE fact_artifacts_v9;`);
    if (settings || settingRows) {
      if (settings) numberArtifacts(db, `SELECT bundle_id, artifact AS name FROM settings`);
      const old = settings
        ? `SELECT s.bundle_id, s.device_key, s.namespace, s.key, s.mode, s.rowid AS seq, s.value, n.no AS artifact_no
            FROM settings s LEFT JOIN numbered n ON n.bundle_id = s.bundle_id AND n.name = s.artifact`
        : `SELECT bundle_id, device_key, namespace, key, mode, seq, value, artifact_no FROM setting_rows_v9`;
      const keys = `SELECT DISTINCT namespace, key, mode FROM ${settings ? 'settings' : 'setting_rows_v9'}`;
      refuseCollisions(db, 'setting_keys', ['namespace', 'key', 'mode'], keys);
      db.exec(`INSERT OR IGNORE INTO setting_keys (id, namespace, key, mode) SELECT fwsnap_text_id(namespace, key, mode), namespace, key, mode FROM (${keys});`);
      refuseCollisions(db, 'setting_keys', ['namespace', 'key', 'mode'], keys);
      db.exec(`INSERT INTO setting_rows (bundle_id, device_key, key_id, seq, value, artifact_no)
          SELECT bundle_id, device_key, fwsnap_text_id(namespace, key, mode), seq, value, artifact_no FROM (${old});
        DROP TABLE ${settings ? 'settings' : 'setting_rows_v9'};`);
    }
    if (artifacts || artifactRows || hashedRows) {
      const old = artifacts
        ? `SELECT bundle_id, name, source, origin_kind, CASE WHEN origin = json_object('kind', origin_kind, 'path', '/' || name) THEN NULL ELSE origin END AS origin, size,
            CASE WHEN length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*' THEN unhex(sha256) ELSE sha256 END AS sha256,
            truncated, exit_status, verified, parser, parse_error FROM artifacts`
        : `SELECT * FROM artifact_rows_v8`;
      if (artifacts || artifactRows) numberArtifacts(db, `SELECT bundle_id, name FROM ${artifacts ? 'artifacts' : 'artifact_rows_v8'}`);
      const rows = hashedRows
        ? `SELECT bundle_id, no, source, origin_kind, origin, size, sha256, truncated, exit_status, verified, parser, parse_error FROM artifact_rows_v12`
        : `SELECT o.bundle_id, f.no, o.source, o.origin_kind, o.origin, o.size, o.sha256, o.truncated, o.exit_status, o.verified, o.parser, o.parse_error
            FROM (${old}) o JOIN numbered f ON f.bundle_id = o.bundle_id AND f.name = o.name`;
      const hashes = `SELECT DISTINCT sha256 FROM (${rows}) WHERE sha256 IS NOT NULL`;
      refuseCollisions(db, 'artifact_hashes', ['sha256'], hashes, 'fwsnap_hash_id(o.sha256)');
      db.exec(`INSERT OR IGNORE INTO artifact_hashes (id, sha256) SELECT fwsnap_hash_id(sha256), sha256 FROM (${hashes});`);
      refuseCollisions(db, 'artifact_hashes', ['sha256'], hashes, 'fwsnap_hash_id(o.sha256)');
      const origins = `SELECT DISTINCT origin FROM (${rows}) WHERE origin IS NOT NULL`;
      refuseCollisions(db, 'artifact_origins', ['origin'], origins);
      db.exec(`INSERT OR IGNORE INTO artifact_origins (id, origin) SELECT fwsnap_text_id(origin), origin FROM (${origins});`);
      refuseCollisions(db, 'artifact_origins', ['origin'], origins);
      db.exec(`INSERT INTO artifact_rows (bundle_id, no, source, origin_kind, origin_id, size, sha256_id, truncated, exit_status, verified, parser, parse_error)
          SELECT bundle_id, no, source, origin_kind, iif(origin IS NULL, NULL, fwsnap_text_id(origin)), size, iif(sha256 IS NULL, NULL, fwsnap_hash_id(sha256)),
            truncated, exit_status, verified, parser, parse_error FROM (${rows}) ORDER BY bundle_id, no;
        DROP TABLE ${hashedRows ? 'artifact_rows_v12' : artifacts ? 'artifacts' : 'artifact_rows_v8'};`);
    }
    const distinctNames = `SELECT DISTINCT name FROM numbered`;
    refuseCollisions(db, 'artifact_names', ['name'], distinctNames);
    db.exec(`INSERT OR IGNORE INTO artifact_names (id, name) SELECT fwsnap_text_id(name), name FROM (${distinctNames});`);
    refuseCollisions(db, 'artifact_names', ['name'], distinctNames);
    db.exec(`INSERT OR IGNORE INTO artifact_nos (bundle_id, no, name_id) SELECT bundle_id, no, fwsnap_text_id(name) FROM numbered;
      DROP TABLE temp.numbered;`);
    db.exec(SCHEMA_SQL);
  })();
}
