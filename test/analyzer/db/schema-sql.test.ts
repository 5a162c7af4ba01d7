import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from '../../../analyzer/db/database.js';
import { SCHEMA_VERSION } from '../../../analyzer/db/schema.js';
import { tempDir } from '../../helpers/tmp.js';

/**
 * The schema a new database gets, as SQLite stores it (every table, index, view and trigger with its SQL), recorded
 * per schema version in test/analyzer/db/schema-sql/v<N>.sql: moving a table between the shared schema and a class
 * (or any other refactoring) must leave it byte for byte; a real change needs a new version and a new record
 * (written with FWSNAP_WRITE_SCHEMA_SQL=1 after bumping SCHEMA_VERSION).
 */
function schemaSql(db: Db): string {
  const rows = db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).all() as
    { type: string; name: string; tbl_name: string; sql: string | null }[];
  return rows.map((r) => `-- ${r.type} ${r.name} (on ${r.tbl_name})\n${r.sql ?? ''};\n`).join('\n');
}

const recorded = join('test/analyzer/db/schema-sql', `v${SCHEMA_VERSION}.sql`);

describe('the created schema', () => {
  it(`is the one recorded for schema version ${SCHEMA_VERSION}`, () => {
    const path = join(tempDir(), 'new.db');
    const db = openDatabase(path);
    let sql: string;
    try {
      sql = schemaSql(db);
    } finally {
      db.close();
    }
    if (process.env.FWSNAP_WRITE_SCHEMA_SQL === '1' && !existsSync(recorded)) writeFileSync(recorded, sql);
    expect(existsSync(recorded), `no schema is recorded for version ${SCHEMA_VERSION}: a schema change bumps the version; record it with FWSNAP_WRITE_SCHEMA_SQL=1`).toBe(true);
    expect(sql, `the schema differs from ${recorded} without a version bump`).toBe(readFileSync(recorded, 'utf8'));
  });

  it('is the same after an older database (version 3: kernel_log a table, devices.key) is brought up to date in place', () => {
    const path = join(tempDir(), 'v3.db');
    openDatabase(path).close();
    const old = new Database(path);
    old.exec(`DROP VIEW kernel_log; DROP TABLE kernel_log_rows;
      CREATE TABLE kernel_log (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, seq INTEGER, usec INTEGER,
        level INTEGER NOT NULL, device TEXT, text TEXT NOT NULL, artifact TEXT);
      ALTER TABLE devices RENAME COLUMN device_key TO key;
      INSERT INTO bundles (id, path, loaded_at, complete) VALUES (1, 'b.tar.gz', '2026-12-01T00:00:00Z', 1);
      INSERT INTO kernel_log VALUES (1, 7, 1000, 3, NULL, 'a line', 'dev/kmsg');
      UPDATE meta SET value = '3' WHERE key = 'schema_version'`);
    old.close();
    const db = openDatabase(path);
    try {
      expect(db.prepare(`SELECT text, artifact FROM kernel_log`).all()).toEqual([{ text: 'a line', artifact: 'dev/kmsg' }]);
      expect(schemaSql(db)).toBe(readFileSync(recorded, 'utf8'));
    } finally {
      db.close();
    }
  });
});
