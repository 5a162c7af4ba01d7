import type { Db } from './database.js';
import { SCHEMA_SQL } from './schema.js';
import { TextIdCollision, textId } from './text-ids.js';
import { kindStored } from './artifact-rows.js';

export const typeOf = (db: Db, name: string): string | undefined => (db.prepare(`SELECT type FROM sqlite_master WHERE name = ?`).get(name) as { type: string } | undefined)?.type;
export const isTable = (db: Db, name: string): boolean => typeOf(db, name) === 'table';
const hasColumn = (db: Db, table: string, column: string): boolean => db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = ?`).get(table, column) !== undefined;

/** Tables of version 13 that version 14 replaces: they name their device (and artifact) by number, behind views of their names. */
const ROW_TABLES_V13 = ['firmware', 'register_dumps', 'register_fields'] as const;

/**
 * Tables whose shape changed under the same name step aside before SCHEMA_SQL creates the new ones, for
 * compactStorage to copy: before version 9 artifact_rows (versions 6 to 8) kept each artifact's name; before
 * version 10 fact_artifacts held the names of each bundle and setting_rows each row's namespace, key and mode; before
 * version 13 artifact_rows each artifact's sha256 and origin; before version 14 artifact_nos numbered each bundle's
 * artifacts, and setting_rows, firmware, register_dumps and register_fields named each row's device by its key (the
 * last three their artifact by its name). A class's tables are set aside by the class (ClassTables.setAside), before this. The views naming them go first (renaming a table rewrites the views naming
 * it, and fails on a view naming one that is gone), with the views naming those; SCHEMA_SQL and the classes make theirs again.
 */
export function setAsideForCompaction(db: Db): void {
  const renames: [string, string][] = [];
  const aside = (table: string, to: string): void => void renames.push([table, to]);
  if (isTable(db, 'artifact_rows')) {
    if (hasColumn(db, 'artifact_rows', 'name')) aside('artifact_rows', 'artifact_rows_v8');
    else if (hasColumn(db, 'artifact_rows', 'sha256')) aside('artifact_rows', 'artifact_rows_v12');
    else if (!hasColumn(db, 'artifact_rows', 'name_id')) aside('artifact_rows', 'artifact_rows_v13');
  }
  if (isTable(db, 'fact_artifacts')) aside('fact_artifacts', 'fact_artifacts_v9');
  if (isTable(db, 'setting_rows')) {
    if (hasColumn(db, 'setting_rows', 'namespace')) aside('setting_rows', 'setting_rows_v9');
    else if (hasColumn(db, 'setting_rows', 'device_key')) aside('setting_rows', 'setting_rows_v13');
  }
  if (isTable(db, 'artifact_nos')) aside('artifact_nos', 'artifact_nos_v13');
  for (const t of ROW_TABLES_V13) if (isTable(db, t)) aside(t, `${t}_v13`);
  const doomed = new Set(['artifacts', 'settings', 'fact_artifacts', ...renames.map(([t]) => t)]);
  const views = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'view'`).all() as { name: string; sql: string }[];
  const names = (sql: string, name: string): boolean => new RegExp(`(^|[^A-Za-z0-9_])${name}($|[^A-Za-z0-9_])`).test(sql);
  const dropped = new Set<string>();
  for (let more = true; more; ) {
    more = false;
    for (const v of views) {
      if (dropped.has(v.name) || !(doomed.has(v.name) || [...doomed].some((d) => names(v.sql, d)))) continue;
      dropped.add(v.name);
      doomed.add(v.name);
      more = true;
    }
  }
  for (const v of dropped) db.exec(`DROP VIEW "${v}"`);
  for (const [from, to] of renames) db.exec(`ALTER TABLE ${from} RENAME TO ${to}`);
}

/** Gives each (bundle_id, <column>) of `rows` not yet in temp table `table` the bundle's next numbers (in text order). */
function numberIn(db: Db, table: 'numbered' | 'devnumbered', column: 'name' | 'device_key', rows: string): void {
  db.exec(`INSERT INTO ${table} (bundle_id, no, ${column})
    SELECT n.bundle_id, coalesce(m.top, 0) + row_number() OVER (PARTITION BY n.bundle_id ORDER BY n.${column}), n.${column}
    FROM (SELECT DISTINCT bundle_id, ${column} FROM (${rows}) WHERE ${column} IS NOT NULL) n
    LEFT JOIN (SELECT bundle_id, max(no) AS top FROM ${table} GROUP BY bundle_id) m ON m.bundle_id = n.bundle_id
    WHERE NOT EXISTS (SELECT 1 FROM ${table} f WHERE f.bundle_id = n.bundle_id AND f.${column} = n.${column})`);
}
/** Numbers each bundle's artifact names of `names` (columns bundle_id, name) that have none yet. */
const numberArtifacts = (db: Db, names: string): void => numberIn(db, 'numbered', 'name', names);
/** Numbers each bundle's device keys of `keys` (columns bundle_id, device_key) that have none yet. */
const numberDevices = (db: Db, keys: string): void => numberIn(db, 'devnumbered', 'device_key', keys);

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
 * its namespace, key and mode; before version 13, every artifact row its sha256 and origin; before version 14, every
 * setting, firmware and register row its device's key, firmware and register rows their artifact's name, and
 * artifact_nos numbered the artifacts apart from their rows. They become the compact tables (register_dump_rows,
 * register_field_rows, firmware_rows, vendor_uses + vendor_files, artifact_rows + artifact_names + artifact_hashes +
 * artifact_origins, setting_rows + setting_keys, naming devices through device_nos) with views of the old names. A
 * class converts its own tables after this (ClassTables.upgrade), numbering its artifacts after these.
 * Runs after SCHEMA_SQL has created the new tables; does nothing on a database already compact.
 */
export function compactStorage(db: Db): void {
  const registers = isTable(db, 'registers');
  const vendor = isTable(db, 'vendor_data');
  const artifacts = isTable(db, 'artifacts');
  const settings = isTable(db, 'settings');
  const artifactRows = isTable(db, 'artifact_rows_v8');
  const hashedRows = isTable(db, 'artifact_rows_v12');
  const numberedRows = isTable(db, 'artifact_rows_v13');
  const names = isTable(db, 'fact_artifacts_v9');
  const artifactNos = isTable(db, 'artifact_nos_v13');
  const settingRows = isTable(db, 'setting_rows_v9');
  const keyedSettings = isTable(db, 'setting_rows_v13');
  const rowTables = ROW_TABLES_V13.filter((t) => isTable(db, `${t}_v13`));
  if (!registers && !vendor && !artifacts && !settings && !artifactRows && !names && !settingRows && !hashedRows
    && !numberedRows && !artifactNos && !keyedSettings && !rowTables.length) return;
  registerTextIdFunction(db);
  // A sha256 stored as 32 bytes has the id of its hex, as the loader gives it (SqliteSink.hashId).
  db.function('fwsnap_hash_id', { deterministic: true }, (v: unknown) => textId(Buffer.isBuffer(v) ? v.toString('hex') : String(v)));
  db.transaction(() => {
    if (registers) {
      // As version 13 held them; converted below with the other tables of that version.
      db.exec(`CREATE TABLE IF NOT EXISTS register_dumps_v13 (bundle_id INTEGER NOT NULL, device_key TEXT NOT NULL, space TEXT NOT NULL, offset INTEGER NOT NULL,
          data BLOB NOT NULL, artifact TEXT);
        INSERT INTO register_dumps_v13 (bundle_id, device_key, space, offset, data, artifact)
          SELECT bundle_id, device_key, space, offset, unhex(printf('%08x', value & 0xffffffff)), artifact FROM registers ORDER BY rowid;
        DROP TABLE registers;`);
      if (!rowTables.includes('register_dumps')) rowTables.push('register_dumps');
    }
    if (vendor) {
      db.exec(`INSERT OR IGNORE INTO vendor_files (sha256, data) SELECT sha256, data FROM vendor_data WHERE data IS NOT NULL AND sha256 IS NOT NULL;
        INSERT INTO vendor_uses (bundle_id, name, origin, path, version, sha256, used_for, note, stored)
          SELECT bundle_id, name, origin, path, version, sha256, used_for, note, data IS NOT NULL AND sha256 IS NOT NULL FROM vendor_data;
        DROP TABLE vendor_data;`);
    }
    // Each bundle's artifact names and device keys with their numbers, while converting; they go to artifact_rows and device_nos at the end.
    db.exec(`CREATE TEMP TABLE numbered (bundle_id INTEGER NOT NULL, no INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (bundle_id, no)) WITHOUT ROWID;
      CREATE INDEX temp.numbered_by_name ON numbered(bundle_id, name);
      CREATE TEMP TABLE devnumbered (bundle_id INTEGER NOT NULL, no INTEGER NOT NULL, device_key TEXT NOT NULL, PRIMARY KEY (bundle_id, no)) WITHOUT ROWID;
      CREATE INDEX temp.devnumbered_by_key ON devnumbered(bundle_id, device_key);`);
    // Numbers already given (a database converted part of the way) are kept.
    db.exec(`INSERT INTO numbered SELECT x.bundle_id, x.no, n.name FROM artifact_rows x JOIN artifact_names n ON n.id = x.name_id;
      INSERT INTO devnumbered SELECT bundle_id, no, device_key FROM device_nos;`);
    if (artifactNos) db.exec(`INSERT OR IGNORE INTO numbered SELECT x.bundle_id, x.no, n.name FROM artifact_nos_v13 x JOIN artifact_names n ON n.id = x.name_id; DROP TABLE artifact_nos_v13;`);
    if (names) db.exec(`INSERT OR IGNORE INTO numbered SELECT bundle_id, no, name FROM fact_artifacts_v9; DROP TABLE fact_artifacts_v9;`);
    if (settings || settingRows || keyedSettings) {
      let rows = `SELECT bundle_id, device_key, key_id, seq, value, artifact_no FROM setting_rows_v13`;
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
        rows = `SELECT bundle_id, device_key, fwsnap_text_id(namespace, key, mode) AS key_id, seq, value, artifact_no FROM (${old})`;
      }
      numberDevices(db, `SELECT bundle_id, device_key FROM (${rows})`);
      db.exec(`INSERT INTO setting_rows (bundle_id, device_no, key_id, seq, value, artifact_no)
          SELECT r.bundle_id, d.no, r.key_id, r.seq, r.value, r.artifact_no FROM (${rows}) r JOIN devnumbered d ON d.bundle_id = r.bundle_id AND d.device_key = r.device_key;
        DROP TABLE ${settings ? 'settings' : settingRows ? 'setting_rows_v9' : 'setting_rows_v13'};`);
    }
    if (artifacts || artifactRows || hashedRows || numberedRows) {
      let rows = `SELECT bundle_id, no, source, origin_kind, origin_id, size, sha256_id, truncated, exit_status, verified, parser, parse_error FROM artifact_rows_v13`;
      if (!numberedRows) {
        const old = artifacts
          ? `SELECT bundle_id, name, source, origin_kind, CASE WHEN origin = json_object('kind', origin_kind, 'path', '/' || name) THEN NULL ELSE origin END AS origin, size,
              CASE WHEN length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*' THEN unhex(sha256) ELSE sha256 END AS sha256,
              truncated, exit_status, verified, parser, parse_error FROM artifacts`
          : `SELECT * FROM artifact_rows_v8`;
        if (artifacts || artifactRows) numberArtifacts(db, `SELECT bundle_id, name FROM ${artifacts ? 'artifacts' : 'artifact_rows_v8'}`);
        const hashed = hashedRows
          ? `SELECT bundle_id, no, source, origin_kind, origin, size, sha256, truncated, exit_status, verified, parser, parse_error FROM artifact_rows_v12`
          : `SELECT o.bundle_id, f.no, o.source, o.origin_kind, o.origin, o.size, o.sha256, o.truncated, o.exit_status, o.verified, o.parser, o.parse_error
              FROM (${old}) o JOIN numbered f ON f.bundle_id = o.bundle_id AND f.name = o.name`;
        const hashes = `SELECT DISTINCT sha256 FROM (${hashed}) WHERE sha256 IS NOT NULL`;
        refuseCollisions(db, 'artifact_hashes', ['sha256'], hashes, 'fwsnap_hash_id(o.sha256)');
        db.exec(`INSERT OR IGNORE INTO artifact_hashes (id, sha256) SELECT fwsnap_hash_id(sha256), sha256 FROM (${hashes});`);
        refuseCollisions(db, 'artifact_hashes', ['sha256'], hashes, 'fwsnap_hash_id(o.sha256)');
        const origins = `SELECT DISTINCT origin FROM (${hashed}) WHERE origin IS NOT NULL`;
        refuseCollisions(db, 'artifact_origins', ['origin'], origins);
        db.exec(`INSERT OR IGNORE INTO artifact_origins (id, origin) SELECT fwsnap_text_id(origin), origin FROM (${origins});`);
        refuseCollisions(db, 'artifact_origins', ['origin'], origins);
        rows = `SELECT bundle_id, no, source, origin_kind, iif(origin IS NULL, NULL, fwsnap_text_id(origin)) AS origin_id, size,
          iif(sha256 IS NULL, NULL, fwsnap_hash_id(sha256)) AS sha256_id, truncated, exit_status, verified, parser, parse_error FROM (${hashed})`;
      }
      db.exec(`INSERT INTO artifact_rows (bundle_id, no, name_id, listed, source, origin_kind, origin_id, size, sha256_id, truncated, exit_status, verified, parser, parse_error)
          SELECT r.bundle_id, r.no, fwsnap_text_id(f.name), 1, r.source, ${kindStored('r.origin_kind')}, r.origin_id, r.size, r.sha256_id, r.truncated, r.exit_status, r.verified, r.parser, r.parse_error
          FROM (${rows}) r JOIN numbered f ON f.bundle_id = r.bundle_id AND f.no = r.no ORDER BY r.bundle_id, r.no;
        DROP TABLE ${numberedRows ? 'artifact_rows_v13' : hashedRows ? 'artifact_rows_v12' : artifacts ? 'artifacts' : 'artifact_rows_v8'};`);
    }
    for (const t of rowTables) {
      const cols = { firmware: ['component', 'version', 'scheme', 'version_key', 'family', 'unknown', 'state'], register_dumps: ['space', 'offset', 'data'], register_fields: ['register', 'field', 'value', 'note'] }[t];
      const to = { firmware: 'firmware_rows', register_dumps: 'register_dump_rows', register_fields: 'register_field_rows' }[t];
      numberArtifacts(db, `SELECT bundle_id, artifact AS name FROM ${t}_v13`);
      numberDevices(db, `SELECT bundle_id, device_key FROM ${t}_v13`);
      // Their rowids kept: the views give them as rowid, the order rows were written in.
      db.exec(`INSERT INTO ${to} (rowid, bundle_id, device_no, ${cols.join(', ')}, artifact_no)
          SELECT o.rowid, o.bundle_id, d.no, ${cols.map((c) => `o.${c}`).join(', ')}, f.no FROM ${t}_v13 o
          JOIN devnumbered d ON d.bundle_id = o.bundle_id AND d.device_key = o.device_key
          LEFT JOIN numbered f ON f.bundle_id = o.bundle_id AND f.name = o.artifact ORDER BY o.rowid;
        DROP TABLE ${t}_v13;`);
    }
    const distinctNames = `SELECT DISTINCT name FROM numbered`;
    refuseCollisions(db, 'artifact_names', ['name'], distinctNames);
    db.exec(`INSERT OR IGNORE INTO artifact_names (id, name) SELECT fwsnap_text_id(name), name FROM (${distinctNames});`);
    refuseCollisions(db, 'artifact_names', ['name'], distinctNames);
    // Names only facts refer to: numbered, not listed.
    db.exec(`INSERT OR IGNORE INTO artifact_rows (bundle_id, no, name_id) SELECT bundle_id, no, fwsnap_text_id(name) FROM numbered;
      INSERT OR IGNORE INTO device_nos (bundle_id, no, device_key) SELECT bundle_id, no, device_key FROM devnumbered;
      DROP TABLE temp.numbered; DROP TABLE temp.devnumbered;`);
    db.exec(SCHEMA_SQL);
  })();
}
