import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { notRegular } from '../../bundle/input-file.js';
import { classSchemaSql, classTables, registerClassFunctions } from './class-schema.js';
import { compactStorage, setAsideForCompaction } from './compact-migration.js';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';
import { restoreUserObjects, setUserObjectsAside } from './user-objects.js';

export type Db = Database.Database;

export class DatabaseError extends Error {}

/** How long a writer waits for another process's lock on the same database before giving up. */
export const BUSY_TIMEOUT_MS = Number(process.env.FWSNAP_DB_BUSY_TIMEOUT_MS) > 0 ? Number(process.env.FWSNAP_DB_BUSY_TIMEOUT_MS) : 30_000;

const PLAIN: Record<string, string> = {
  SQLITE_BUSY: `another process holds its lock (waited ${BUSY_TIMEOUT_MS / 1000} s); try again when it has finished`,
  SQLITE_LOCKED: 'it is locked; try again when the other user has finished',
  SQLITE_READONLY: 'it cannot be written (read-only file, directory or filesystem)',
  SQLITE_CANTOPEN: 'it cannot be opened or created (missing directory, or no permission)',
  SQLITE_NOTADB: 'it is not an SQLite database',
  SQLITE_CORRUPT: 'it is corrupt',
  SQLITE_FULL: 'the disk is full',
  SQLITE_IOERR: 'an I/O error occurred',
  SQLITE_PERM: 'permission denied',
  SQLITE_AUTH: 'permission denied',
};

/** An SQLite failure on a database file as a message naming the file, or undefined for other errors. */
export function databaseFailure(path: string, e: unknown): DatabaseError | undefined {
  if (e instanceof DatabaseError) return e;
  if (!(e instanceof Database.SqliteError)) return undefined;
  // Extended codes (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT) share their primary code's meaning.
  const plain = PLAIN[e.code] ?? PLAIN[e.code.split('_').slice(0, 2).join('_')] ?? e.message;
  return new DatabaseError(`database ${path}: ${plain}`);
}

/** Opens (creating if needed) an analyzer database and brings its schema up to date. */
export function openDatabase(path: string): Db {
  const why = existingNotRegular(path);
  if (why) throw new DatabaseError(`database ${path} ${why}`);
  // better-sqlite3 says "Cannot open database because the directory does not exist" without naming it.
  if (path !== '' && path !== ':memory:' && !dirExists(dirname(path))) throw new DatabaseError(`database ${path}: the directory ${dirname(path)} does not exist`);
  try {
    return openWritable(path);
  } catch (e) {
    // Everything that can fail here concerns the file: a missing directory, permissions, a locked or foreign file.
    throw databaseFailure(path, e) ?? new DatabaseError(`database ${path}: ${(e as Error).message}`);
  }
}

function dirExists(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** A FIFO, device or directory at the path (SQLite would answer "an I/O error occurred"); undefined otherwise. */
function existingNotRegular(path: string): string | undefined {
  try {
    return notRegular(statSync(path));
  } catch {
    return undefined;
  }
}

function openWritable(path: string): Db {
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    registerClassFunctions(db);
    prepareSchema(db, path);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

const DEVICE_KEY_COLUMNS = `ALTER TABLE devices RENAME COLUMN key TO device_key;`;

/** Schema versions this fwsnap brings up to SCHEMA_VERSION in place. */
const UPGRADABLE = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, SCHEMA_VERSION];

/** The schema version a database records, or undefined when it has no meta table yet. */
function storedVersion(db: Db): number | undefined {
  const existing = db.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name='meta'`).get();
  if (!existing) return undefined;
  const row = db.prepare(`SELECT value FROM meta WHERE key='schema_version'`).get() as { value: string } | undefined;
  return row ? Number(row.value) : SCHEMA_VERSION;
}

function prepareSchema(db: Db, path: string): void {
  const version = storedVersion(db);
  if (version !== undefined) {
    if (!UPGRADABLE.includes(version)) {
      throw new DatabaseError(`${path}: schema version ${String(version)} is not supported (this fwsnap uses ${SCHEMA_VERSION}); use a new --db file`);
    }
    // The user's own views, indexes and triggers step aside while the tables under them change; they are made again at the end.
    if (version < SCHEMA_VERSION) setUserObjectsAside(db, SCHEMA_SQL + classSchemaSql());
    // Version 2 lacked only the bundle identity (manifest_sha256): its bundles stay, unidentified.
    if (version === 2) db.exec(`ALTER TABLE bundles ADD COLUMN manifest_sha256 TEXT`);
    // Tables whose shape changed under the same name step aside, each class's first; compactStorage and the classes'
    // upgrade steps copy them into the new shape.
    if (version < SCHEMA_VERSION) {
      db.transaction(() => {
        for (const t of classTables()) t.setAside?.(db, version);
      })();
    }
    // Versions 2 to 6 named the device column devices.key; every table now says device_key.
    if (version < 7) db.transaction(() => db.exec(DEVICE_KEY_COLUMNS))();
    if (version < SCHEMA_VERSION) db.transaction(() => setAsideForCompaction(db))();
    // Version 14's artifact_rows lacked only saved_as (the name a person saved an output under): its rows keep null.
    if (version === 14) db.exec(`ALTER TABLE artifact_rows ADD COLUMN saved_as TEXT`);
  }
  db.exec(SCHEMA_SQL);
  compactStorage(db);
  // Each class brings its own tables up to date (the shared ones are by now), then creates what is missing.
  if (version !== undefined && version < SCHEMA_VERSION) {
    db.transaction(() => {
      for (const t of classTables()) t.upgrade?.(db, version);
    })();
  }
  db.exec(classSchemaSql());
  db.prepare(`INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)`).run(String(SCHEMA_VERSION));
  if (version !== undefined && version < SCHEMA_VERSION) restoreUserObjects(db, path, SCHEMA_VERSION);
}

/** A connection that refuses writes, for `fwsnap query`. */
export function openReadOnly(path: string): Db {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    db.pragma('query_only = ON');
    registerClassFunctions(db);
    const version = storedVersion(db);
    if (version !== undefined && version < SCHEMA_VERSION) {
      db.close();
      // Reading it as it is would fail on renamed columns with SQLite's words; say what to do instead.
      throw new DatabaseError(`${path}: schema version ${version} is older than this fwsnap's ${SCHEMA_VERSION}; analyse a bundle into it once (fwsnap analyze BUNDLE --db ${path}) to bring it up to date in place`);
    }
    return db;
  } catch (e) {
    throw databaseFailure(path, e) ?? new DatabaseError(`database ${path}: ${(e as Error).message}`);
  }
}
