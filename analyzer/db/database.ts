import Database from 'better-sqlite3';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';

export type Db = Database.Database;

export class DatabaseError extends Error {}

/** Opens (creating if needed) an analyzer database and brings its schema up to date. */
export function openDatabase(path: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const existing = db.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name='meta'`).get();
  if (existing) {
    const row = db.prepare(`SELECT value FROM meta WHERE key='schema_version'`).get() as { value: string } | undefined;
    if (row && Number(row.value) !== SCHEMA_VERSION) {
      db.close();
      throw new DatabaseError(`${path}: schema version ${row.value} is not supported (this fwsnap uses ${SCHEMA_VERSION}); use a new --db file`);
    }
  }
  db.exec(SCHEMA_SQL);
  db.prepare(`INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)`).run(String(SCHEMA_VERSION));
  return db;
}

/** A connection that refuses writes, for `fwsnap query`. */
export function openReadOnly(path: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('query_only = ON');
  return db;
}
