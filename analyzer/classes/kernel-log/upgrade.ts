import type { Db } from '../../db/database.js';
import { isTable, refuseCollisions, registerTextIdFunction, typeOf } from '../../db/compact-migration.js';

const hasColumn = (db: Db, table: string, column: string): boolean => db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = ?`).get(table, column) !== undefined;

/** Versions 2 and 3 required kernel_log.level; plain dmesg text has none. SQLite cannot drop NOT NULL in place. */
const LEVEL_NULLABLE = `
CREATE TABLE kernel_log_v4 (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  seq INTEGER, usec INTEGER, level INTEGER, device TEXT, text TEXT NOT NULL, artifact TEXT
);
INSERT INTO kernel_log_v4 SELECT bundle_id, seq, usec, level, device, text, artifact FROM kernel_log;
DROP TABLE kernel_log;
ALTER TABLE kernel_log_v4 RENAME TO kernel_log;
`;

/**
 * The kernel log of an older database out of the way of the current tables: before version 9 kernel_log was a table
 * (before version 4 with level NOT NULL, before version 7 with its device column named device), before version 11
 * kernel_log_rows held each line's text. The view goes first (renaming a table rewrites the views naming it).
 */
export function setKernelLogAside(db: Db, fromVersion: number): void {
  if (typeOf(db, 'kernel_log') === 'view') db.exec(`DROP VIEW kernel_log`);
  if (isTable(db, 'kernel_log')) {
    if (fromVersion <= 3) db.exec(LEVEL_NULLABLE);
    if (fromVersion < 7 && hasColumn(db, 'kernel_log', 'device')) db.exec(`ALTER TABLE kernel_log RENAME COLUMN device TO device_key`);
    db.exec(`ALTER TABLE kernel_log RENAME TO kernel_log_v8`);
  }
  if (isTable(db, 'kernel_log_rows') && hasColumn(db, 'kernel_log_rows', 'text')) db.exec(`ALTER TABLE kernel_log_rows RENAME TO kernel_log_rows_v10`);
}

/**
 * Copies the kernel log set aside into kernel_log_rows + kernel_log_texts (created by `ddl`), each text once: the
 * artifacts of a table kernel_log get their bundle's next numbers in artifact_rows, after the shared tables' (as
 * when all were converted at once). Does nothing when nothing was set aside.
 */
export function convertKernelLog(db: Db, ddl: string): void {
  const table = isTable(db, 'kernel_log_v8');
  const rows = isTable(db, 'kernel_log_rows_v10');
  if (!table && !rows) return;
  registerTextIdFunction(db);
  db.exec(ddl);
  const numbered = `SELECT x.bundle_id, x.no, n.name FROM artifact_rows x JOIN artifact_names n ON n.id = x.name_id`;
  const numberedNames = (): void => {
    db.exec(`DROP TABLE IF EXISTS temp.kernel_log_numbered;
      CREATE TEMP TABLE kernel_log_numbered AS ${numbered};
      CREATE INDEX temp.kernel_log_numbered_name ON kernel_log_numbered(bundle_id, name);`);
  };
  if (table) {
    const names = `SELECT DISTINCT artifact AS name FROM kernel_log_v8 WHERE artifact IS NOT NULL`;
    refuseCollisions(db, 'artifact_names', ['name'], names);
    db.exec(`INSERT OR IGNORE INTO artifact_names (id, name) SELECT fwsnap_text_id(name), name FROM (${names});`);
    refuseCollisions(db, 'artifact_names', ['name'], names);
    db.exec(`INSERT INTO artifact_rows (bundle_id, no, name_id)
      SELECT n.bundle_id, coalesce(m.top, 0) + row_number() OVER (PARTITION BY n.bundle_id ORDER BY n.name), fwsnap_text_id(n.name)
      FROM (SELECT DISTINCT bundle_id, artifact AS name FROM kernel_log_v8 WHERE artifact IS NOT NULL) n
      LEFT JOIN (SELECT bundle_id, max(no) AS top FROM artifact_rows GROUP BY bundle_id) m ON m.bundle_id = n.bundle_id
      WHERE NOT EXISTS (SELECT 1 FROM (${numbered}) f WHERE f.bundle_id = n.bundle_id AND f.name = n.name)`);
    numberedNames();
  }
  const old = table
    ? `SELECT k.bundle_id, row_number() OVER (PARTITION BY k.bundle_id ORDER BY k.rowid) AS no, k.seq, k.usec, k.level, k.device_key, k.text, f.no AS artifact_no
        FROM kernel_log_v8 k LEFT JOIN temp.kernel_log_numbered f ON f.bundle_id = k.bundle_id AND f.name = k.artifact`
    : `SELECT bundle_id, no, seq, usec, level, device_key, text, artifact_no FROM kernel_log_rows_v10`;
  const texts = `SELECT DISTINCT text FROM ${table ? 'kernel_log_v8' : 'kernel_log_rows_v10'}`;
  refuseCollisions(db, 'kernel_log_texts', ['text'], texts);
  db.exec(`INSERT OR IGNORE INTO kernel_log_texts (id, text) SELECT fwsnap_text_id(text), text FROM (${texts});`);
  refuseCollisions(db, 'kernel_log_texts', ['text'], texts);
  db.exec(`INSERT INTO kernel_log_rows (bundle_id, no, seq, usec, level, device_key, text_id, artifact_no)
      SELECT bundle_id, no, seq, usec, level, device_key, fwsnap_text_id(text), artifact_no FROM (${old}) ORDER BY bundle_id, no;
    DROP TABLE ${table ? 'kernel_log_v8' : 'kernel_log_rows_v10'};
    DROP TABLE IF EXISTS temp.kernel_log_numbered;`);
}
