import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, openReadOnly } from '../../../analyzer/db/database.js';
import { SCHEMA_VERSION } from '../../../analyzer/db/schema.js';
import { tempDir } from '../../helpers/tmp.js';

/** A fresh database turned back into an older version's shape: device columns under their names before version 7. */
function olderDatabase(name: string, version: 3 | 6): string {
  const path = join(tempDir(), name);
  openDatabase(path).close();
  const old = new Database(path);
  old.exec(`DROP VIEW kernel_log; DROP TABLE kernel_log_rows;
    CREATE TABLE kernel_log (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, seq INTEGER, usec INTEGER,
      level INTEGER ${version === 3 ? 'NOT NULL' : ''}, device TEXT, text TEXT NOT NULL, artifact TEXT);
    ALTER TABLE devices RENAME COLUMN device_key TO key;
    INSERT INTO bundles (id, path, loaded_at, complete) VALUES (1, 'b.tar.gz', '2026-12-01T00:00:00Z', 1);
    INSERT INTO devices (bundle_id, key, class, pci_address) VALUES (1, '0000:04:00.0', 'pci', '0000:04:00.0');
    INSERT INTO kernel_log VALUES (1, 7, 1000, 3, '0000:04:00.0', 'mlx4_core 0000:04:00.0: old row', 'dev/kmsg');
    UPDATE meta SET value = '${version}' WHERE key = 'schema_version'`);
  old.close();
  return path;
}

describe('an older database', () => {
  it('version 3 is brought up to the current version in place: its kernel log stays, and level may then be NULL', () => {
    const path = olderDatabase('v3.db', 3);
    const old = new Database(path);
    expect(() => old.prepare(`INSERT INTO kernel_log (bundle_id, level, text) VALUES (1, NULL, 'x')`).run()).toThrow(/NOT NULL/);
    old.close();

    const db = openDatabase(path);
    try {
      expect(db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get()).toEqual({ value: String(SCHEMA_VERSION) });
      expect(db.prepare(`SELECT seq, usec, level, device_key, text, artifact FROM kernel_log`).all()).toEqual([
        { seq: 7, usec: 1000, level: 3, device_key: '0000:04:00.0', text: 'mlx4_core 0000:04:00.0: old row', artifact: 'dev/kmsg' },
      ]);
      db.prepare(`INSERT INTO kernel_log_texts (id, text) VALUES (1, '[    1.000000] plain dmesg')`).run();
      db.prepare(`INSERT INTO kernel_log_rows (bundle_id, no, level, text_id) VALUES (1, 2, NULL, 1)`).run();
      expect(db.prepare(`SELECT rowid, level FROM kernel_log ORDER BY rowid`).all()).toEqual([{ rowid: 1, level: 3 }, { rowid: 2, level: null }]);
      // The rebuilt table still belongs to its bundle.
      db.prepare(`DELETE FROM bundles WHERE id = 1`).run();
      expect(db.prepare(`SELECT count(*) AS n FROM kernel_log`).get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('version 6: devices.key and kernel_log.device become device_key, rows and the primary key kept', () => {
    const path = olderDatabase('v6.db', 6);
    const db = openDatabase(path);
    try {
      expect(db.prepare(`SELECT device_key, class FROM devices`).all()).toEqual([{ device_key: '0000:04:00.0', class: 'pci' }]);
      expect(db.prepare(`SELECT device_key FROM kernel_log`).all()).toEqual([{ device_key: '0000:04:00.0' }]);
      const columns = (table: string): string[] => (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
      expect(columns('devices')).not.toContain('key');
      expect(columns('kernel_log')).not.toContain('device');
      expect(columns('kernel_log_rows')).toContain('device_key');
      // The same device cannot be loaded twice into a bundle: (bundle_id, device_key) is still the primary key.
      expect(() => db.prepare(`INSERT INTO devices (bundle_id, device_key, class) VALUES (1, '0000:04:00.0', 'pci')`).run()).toThrow(/UNIQUE/);
    } finally {
      db.close();
    }
  });

  it('is refused by the read-only commands with what to do, and left as it was', () => {
    const path = olderDatabase('v6-ro.db', 6);
    expect(() => openReadOnly(path)).toThrow(new RegExp(`schema version 6 is older than this fwsnap's ${SCHEMA_VERSION}; analyse a bundle into it once \\(fwsnap analyze BUNDLE --db `));
    const old = new Database(path, { readonly: true });
    expect(old.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get()).toEqual({ value: '6' });
    old.close();
  });

  it('a version this fwsnap does not know is still refused', () => {
    const path = join(tempDir(), 'v99.db');
    openDatabase(path).close();
    const old = new Database(path);
    old.exec(`UPDATE meta SET value = '99' WHERE key = 'schema_version'`);
    old.close();
    expect(() => openDatabase(path)).toThrow(/schema version 99 is not supported/);
  });
});

describe('a version 14 database', () => {
  it('gains artifacts.saved_as (null for the rows it held) in place, and a query of the view still reads its rows', () => {
    const path = join(tempDir(), 'v14.db');
    openDatabase(path).close();
    const old = new Database(path);
    old.exec(`DROP VIEW artifacts; ALTER TABLE artifact_rows DROP COLUMN saved_as;
      CREATE VIEW artifacts AS SELECT r.bundle_id, a.name, r.source FROM artifact_rows r JOIN artifact_names a ON a.id = r.name_id WHERE r.listed = 1;
      CREATE VIEW my_outputs AS SELECT name FROM artifacts WHERE name LIKE 'cmd/%';
      INSERT INTO bundles (id, path, loaded_at, complete) VALUES (1, 'b.tar.gz', '2026-12-01T00:00:00Z', 1);
      INSERT INTO artifact_names (id, name) VALUES (7, 'cmd/smartctl/-a_%2fdev%2fsdb.out');
      INSERT INTO artifact_rows (bundle_id, no, name_id, listed, source) VALUES (1, 1, 7, 1, 'x');
      UPDATE meta SET value = '14' WHERE key = 'schema_version'`);
    old.close();
    const db = openDatabase(path);
    try {
      expect(db.prepare(`SELECT name, source, saved_as FROM artifacts`).all()).toEqual([{ name: 'cmd/smartctl/-a_%2fdev%2fsdb.out', source: 'x', saved_as: null }]);
      expect(db.prepare(`SELECT name FROM my_outputs`).all()).toEqual([{ name: 'cmd/smartctl/-a_%2fdev%2fsdb.out' }]);
      expect(db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get()).toEqual({ value: String(SCHEMA_VERSION) });
    } finally {
      db.close();
    }
  });
});
