import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../analyzer/db/database.js';
import { SCHEMA_VERSION } from '../../../analyzer/db/schema.js';
import { tempDir } from '../../helpers/tmp.js';

/** An empty version-13 database made from the schema version 13 created (schema-sql/v13.sql), tables first. */
function version13(path: string): Database.Database {
  const recorded = readFileSync(join('test/analyzer/db/schema-sql', 'v13.sql'), 'utf8');
  const statements = recorded.split(/^-- (?=index|table|trigger|view)/m).filter(Boolean).map((s) => {
    const [head, ...sql] = s.split('\n');
    return { type: head!.split(' ')[0]!, sql: sql.join('\n').trim() };
  });
  const db = new Database(path);
  for (const type of ['table', 'index', 'view', 'trigger']) {
    for (let left = statements.filter((s) => s.type === type && s.sql !== ';'); left.length; ) {
      const next = left.filter((s) => {
        try {
          db.exec(s.sql);
          return false;
        } catch {
          return true;
        }
      });
      if (next.length === left.length) throw new Error(`v13.sql: ${next[0]!.sql}`);
      left = next;
    }
  }
  db.exec(`INSERT INTO meta (key, value) VALUES ('schema_version', '13');
    INSERT INTO bundles (id, path, hostname, loaded_at, complete) VALUES (1, 'host7.tar.gz', 'host7', '2026-12-01T00:00:00Z', 1);
    INSERT INTO devices (bundle_id, device_key, class) VALUES (1, 'bios', 'kind-a'), (1, '0000:3b:00.0', 'kind-b');
    INSERT INTO firmware (bundle_id, device_key, component, version, state) VALUES (1, 'bios', 'bios', '2.19.1', 'running'), (1, '0000:3b:00.0', 'firmware', '22.31.1014', 'running');`);
  return db;
}

/** The SQL SQLite keeps of a named object. */
const sqlOf = (db: Database.Database, name: string): string => (db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(name) as { sql: string }).sql;

/** Opens (and so upgrades) the database at `path`, with what fwsnap wrote on stderr meanwhile. */
function openUpgraded(path: string): { db: ReturnType<typeof openDatabase>; said: string } {
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const db = openDatabase(path);
    return { db, said: stderr.mock.calls.map((c) => String(c[0])).join('') };
  } finally {
    stderr.mockRestore();
  }
}

/** Opening it once more says nothing: every user object was dealt with once. */
function reopensQuietly(path: string): void {
  const again = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    openDatabase(path).close();
    expect(again).not.toHaveBeenCalled();
  } finally {
    again.mockRestore();
  }
}

describe('a schema upgrade keeps the views a user added to the database', () => {
  it('makes them again when their SQL works on the new schema; keeps the SQL of the others in meta and names each on stderr once', () => {
    const path = join(tempDir(), 'v13.db');
    const old = version13(path);
    old.exec(`
      CREATE VIEW my_bios AS SELECT b.hostname, f.version FROM firmware f JOIN bundles b ON b.id = f.bundle_id WHERE f.component = 'bios';
      CREATE VIEW my_bios_hosts AS SELECT hostname FROM my_bios;
      CREATE VIEW my_hosts AS SELECT hostname FROM bundles;
      CREATE VIEW my_numbers AS SELECT bundle_id, no FROM artifact_nos;`);
    const numbersSql = sqlOf(old, 'my_numbers');
    old.close();

    const { db, said } = openUpgraded(path);
    try {
      expect(db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get()).toEqual({ value: String(SCHEMA_VERSION) });
      expect(db.prepare(`SELECT * FROM my_bios`).all()).toEqual([{ hostname: 'host7', version: '2.19.1' }]);
      expect(db.prepare(`SELECT * FROM my_bios_hosts`).all()).toEqual([{ hostname: 'host7' }]);
      expect(db.prepare(`SELECT * FROM my_hosts`).all()).toEqual([{ hostname: 'host7' }]);
      // artifact_nos went into artifact_rows in version 14: that view cannot be made again.
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'my_numbers'`).get()).toBeUndefined();
      expect(db.prepare(`SELECT key, value FROM meta WHERE key LIKE 'user_view:%'`).all()).toEqual([{ key: 'user_view:my_numbers', value: numbersSql }]);
      expect(said.split('\n').filter(Boolean)).toEqual([
        `fwsnap: database ${path}: your view my_numbers does not work on schema version ${SCHEMA_VERSION} (no such table: main.artifact_nos); it was dropped, its SQL is kept in table meta under key 'user_view:my_numbers'`,
      ]);
    } finally {
      db.close();
    }

    reopensQuietly(path);
  });
});

describe('a schema upgrade keeps the indexes and triggers a user added, as it keeps their views', () => {
  it('makes again those that work on the new schema, on replaced tables too; keeps the SQL of the others in meta and names each on stderr once', () => {
    const path = join(tempDir(), 'v13.db');
    const old = version13(path);
    old.exec(`
      CREATE TABLE my_audit (what TEXT);
      CREATE INDEX my_setting_values ON setting_rows(value);
      CREATE INDEX my_hostnames ON bundles(hostname);
      CREATE INDEX my_fw_versions ON firmware(version);
      CREATE TRIGGER my_setting_audit AFTER INSERT ON setting_rows BEGIN INSERT INTO my_audit VALUES (new.value); END;
      CREATE TRIGGER my_bundle_audit AFTER DELETE ON bundles BEGIN INSERT INTO my_audit VALUES (old.hostname); END;
      CREATE TRIGGER my_fw_audit AFTER UPDATE OF version ON firmware BEGIN INSERT INTO my_audit VALUES (new.version); END;
      CREATE TRIGGER my_numbers_audit AFTER INSERT ON devices BEGIN INSERT INTO artifact_nos (bundle_id, no, name) VALUES (new.bundle_id, 0, 'x'); END;`);
    const kept = ['my_fw_versions', 'my_fw_audit', 'my_numbers_audit'].map((n) => [n, sqlOf(old, n)] as const);
    old.close();

    const { db, said } = openUpgraded(path);
    try {
      const objects = (type: string): string[] => (db.prepare(`SELECT name FROM sqlite_master WHERE type = ? AND name LIKE 'my\\_%' ESCAPE '\\' ORDER BY name`).all(type) as { name: string }[]).map((r) => r.name);
      // setting_rows was replaced by a table of that name with another shape; bundles stayed; firmware is a view now.
      expect(objects('index')).toEqual(['my_hostnames', 'my_setting_values']);
      expect(objects('trigger')).toEqual(['my_bundle_audit', 'my_setting_audit']);
      expect(db.prepare(`SELECT tbl_name FROM sqlite_master WHERE name = 'my_setting_values'`).get()).toEqual({ tbl_name: 'setting_rows' });
      // They work: the audit triggers fire on the new tables.
      db.prepare(`INSERT INTO setting_rows (bundle_id, device_no, key_id, seq, value) VALUES (1, 1, 1, 0, 'on')`).run();
      db.prepare(`DELETE FROM bundles WHERE id = 1`).run();
      expect(db.prepare(`SELECT what FROM my_audit ORDER BY rowid`).all()).toEqual([{ what: 'on' }, { what: 'host7' }]);
      expect(db.prepare(`SELECT key, value FROM meta WHERE key LIKE 'user\\_%' ESCAPE '\\' ORDER BY key`).all()).toEqual([
        { key: 'user_index:my_fw_versions', value: kept[0]![1] },
        { key: 'user_trigger:my_fw_audit', value: kept[1]![1] },
        { key: 'user_trigger:my_numbers_audit', value: kept[2]![1] },
      ]);
      const lines = said.split('\n').filter(Boolean);
      expect(lines).toHaveLength(3);
      const line = (kind: string, name: string, why: RegExp | string): void =>
        expect(lines.filter((l) => l.startsWith(`fwsnap: database ${path}: your ${kind} ${name} does not work on schema version ${SCHEMA_VERSION} (`) && l.endsWith(`); it was dropped, its SQL is kept in table meta under key 'user_${kind}:${name}'`) && l.match(why))).toHaveLength(1);
      line('index', 'my_fw_versions', 'views may not be indexed');
      line('trigger', 'my_fw_audit', 'cannot create AFTER trigger on view');
      line('trigger', 'my_numbers_audit', 'no such table: main.artifact_nos');
    } finally {
      db.close();
    }

    reopensQuietly(path);
  });
});
