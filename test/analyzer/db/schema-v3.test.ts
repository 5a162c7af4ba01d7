import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../analyzer/db/database.js';
import { SCHEMA_VERSION } from '../../../analyzer/db/schema.js';
import { tempDir } from '../../helpers/tmp.js';

describe('a version 3 database', () => {
  it('is brought up to the current version in place: its kernel log stays, and level may then be NULL', () => {
    const path = join(tempDir(), 'v3.db');
    openDatabase(path).close();
    // Version 3 as it was: kernel_log.level NOT NULL.
    const old = new Database(path);
    old.exec(`DROP TABLE kernel_log;
      CREATE TABLE kernel_log (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, seq INTEGER, usec INTEGER, level INTEGER NOT NULL, device TEXT, text TEXT NOT NULL, artifact TEXT);
      INSERT INTO bundles (id, path, loaded_at, complete) VALUES (1, 'b.tar.gz', '2026-12-01T00:00:00Z', 1);
      INSERT INTO kernel_log VALUES (1, 7, 1000, 3, '0000:04:00.0', 'mlx4_core 0000:04:00.0: old row', 'dev/kmsg');
      UPDATE meta SET value = '3' WHERE key = 'schema_version'`);
    expect(() => old.prepare(`INSERT INTO kernel_log (bundle_id, level, text) VALUES (1, NULL, 'x')`).run()).toThrow(/NOT NULL/);
    old.close();

    const db = openDatabase(path);
    try {
      expect(db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get()).toEqual({ value: String(SCHEMA_VERSION) });
      expect(db.prepare(`SELECT seq, usec, level, device, text, artifact FROM kernel_log`).all()).toEqual([
        { seq: 7, usec: 1000, level: 3, device: '0000:04:00.0', text: 'mlx4_core 0000:04:00.0: old row', artifact: 'dev/kmsg' },
      ]);
      db.prepare(`INSERT INTO kernel_log (bundle_id, level, text) VALUES (1, NULL, '[    1.000000] plain dmesg')`).run();
      // The rebuilt table still belongs to its bundle.
      db.prepare(`DELETE FROM bundles WHERE id = 1`).run();
      expect(db.prepare(`SELECT count(*) AS n FROM kernel_log`).get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('a version this fwsnap does not know is still refused', () => {
    const path = join(tempDir(), 'v9.db');
    openDatabase(path).close();
    const old = new Database(path);
    old.exec(`UPDATE meta SET value = '9' WHERE key = 'schema_version'`);
    old.close();
    expect(() => openDatabase(path)).toThrow(/schema version 9 is not supported/);
  });
});
