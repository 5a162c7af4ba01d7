import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../analyzer/report/model.js';
import { ensureBuilt, fwsnap } from './cli-helpers.js';
import { collectTree, suiteDir } from './fake-bundle.js';

const count = (db: string, sql: string): number => {
  const d = new Database(db, { readonly: true });
  try {
    return (d.prepare(sql).get() as { n: number }).n;
  } finally {
    d.close();
  }
};

describe('a database users can keep', () => {
  const dir = suiteDir();
  let bundle = '';
  beforeAll(() => {
    ensureBuilt();
    bundle = collectTree(dir, 'fake.tar.gz');
  });

  it('does not load a bundle twice: the second analysis reports the copy already there and says so', () => {
    const db = join(dir, 'keep.db');
    const first = JSON.parse(fwsnap(['analyze', bundle, '--db', db, '--format', 'json']).stdout) as Report;
    const devices = count(db, `SELECT count(*) AS n FROM devices`);
    const again = fwsnap(['analyze', bundle, '--db', db, '--format', 'json']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`is already in the database as bundle ${first.bundles[0]!.id} (same manifest`);
    const second = JSON.parse(again.stdout) as Report;
    expect(count(db, `SELECT count(*) AS n FROM bundles`)).toBe(1);
    expect(count(db, `SELECT count(*) AS n FROM devices`)).toBe(devices);
    expect(second.bundles.map((b) => b.id)).toEqual(first.bundles.map((b) => b.id));
    expect(second.findings.length).toBe(first.findings.length);
    expect(count(db, `SELECT count(*) AS n FROM rule_results WHERE result = 'fail'`)).toBe(first.findings.length + first.summary.belowThreshold);
    expect(second.bundles[0]!.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
    // The same bundle named twice in one run is one bundle of the report.
    const twice = JSON.parse(fwsnap(['analyze', bundle, bundle, '--format', 'json']).stdout) as Report;
    expect(twice.bundles).toHaveLength(1);
  });

  it('--replace reloads it: one copy, a new id', () => {
    const db = join(dir, 'replace.db');
    fwsnap(['analyze', bundle, '--db', db]);
    const r = fwsnap(['analyze', bundle, '--db', db, '--replace', '--format', 'json']);
    expect(r.stderr).not.toContain('already in the database');
    expect((JSON.parse(r.stdout) as Report).bundles[0]!.id).toBe(2);
    expect(count(db, `SELECT count(*) AS n FROM bundles`)).toBe(1);
    expect(count(db, `SELECT count(*) AS n FROM devices WHERE bundle_id = 1`)).toBe(0);
  });

  it('loads a bundle again when the copy the database holds was read by another fwsnap\'s parsers (or one that did not say)', () => {
    const db = join(dir, 'readers.db');
    const first = JSON.parse(fwsnap(['analyze', bundle, '--db', db, '--format', 'json']).stdout) as Report;
    const devices = count(db, `SELECT count(*) AS n FROM devices`);
    expect(count(db, `SELECT count(*) AS n FROM bundle_readers WHERE bundle_id = ${first.bundles[0]!.id}`)).toBe(1);
    for (const older of [`UPDATE bundle_readers SET readers = '0.0.1+0123456789abcdef'`, `DELETE FROM bundle_readers`]) {
      const d = new Database(db);
      d.exec(older);
      d.close();
      const before = count(db, `SELECT max(id) AS n FROM bundles`);
      const r = fwsnap(['analyze', bundle, '--db', db, '--format', 'json']);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toContain(`was in the database as bundle ${before}, read by another fwsnap's parsers: loaded again as bundle ${before + 1}`);
      expect(r.stderr).not.toContain('already in the database');
      expect(count(db, `SELECT count(*) AS n FROM bundles`)).toBe(1);
      expect(count(db, `SELECT count(*) AS n FROM devices`)).toBe(devices);
      expect((JSON.parse(r.stdout) as Report).findings.length).toBe(first.findings.length);
    }
    // Read by these parsers now: named again, it is reused.
    expect(fwsnap(['analyze', bundle, '--db', db]).stderr).toContain('is already in the database');
  });

  it('keeps the bundles of a version 2 database and identifies those loaded after', () => {
    const db = join(dir, 'v2.db');
    fwsnap(['analyze', bundle, '--db', db]);
    const d = new Database(db);
    // Version 2 as it was: no bundle identity, and the device columns under their old names.
    d.exec(`DROP INDEX bundles_manifest; ALTER TABLE bundles DROP COLUMN manifest_sha256;
      ALTER TABLE devices RENAME COLUMN device_key TO key;
      CREATE TABLE kernel_log_2 (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, seq INTEGER, usec INTEGER, level INTEGER NOT NULL,
        device TEXT, text TEXT NOT NULL, artifact TEXT);
      INSERT INTO kernel_log_2 SELECT bundle_id, seq, usec, level, device_key, text, artifact FROM kernel_log ORDER BY rowid;
      DROP VIEW kernel_log; DROP TABLE kernel_log_rows; ALTER TABLE kernel_log_2 RENAME TO kernel_log;
      UPDATE meta SET value = '2' WHERE key = 'schema_version'`);
    d.close();
    const r = fwsnap(['analyze', bundle, '--db', db]);
    expect(r.status, r.stderr).toBe(1);
    // The old copy has no identity: loaded once more, then never again.
    fwsnap(['analyze', bundle, '--db', db]);
    expect(count(db, `SELECT count(*) AS n FROM bundles`)).toBe(2);
    expect(count(db, `SELECT count(*) AS n FROM bundles WHERE manifest_sha256 IS NOT NULL`)).toBe(1);
    // The old copy's kernel log came through the conversions: the same lines as the copy loaded now.
    expect(count(db, `SELECT count(*) AS n FROM kernel_log WHERE bundle_id = 1`)).toBeGreaterThan(0);
    expect(count(db, `SELECT count(*) AS n FROM (SELECT rowid, text FROM kernel_log WHERE bundle_id = 1 EXCEPT SELECT rowid, text FROM kernel_log WHERE bundle_id = 2)`)).toBe(0);
  });

  it('shows PCI ids in hex as lspci prints them, in query output and the JSON report', () => {
    const sql = `SELECT device_key, vendor_id, device_id, subsystem_vendor_id FROM devices WHERE vendor_id = 0x15b3 ORDER BY device_key LIMIT 1`;
    const json = JSON.parse(fwsnap(['query', bundle, sql, '--format', 'json']).stdout) as Record<string, unknown>[];
    expect(json[0]).toMatchObject({ device_key: '0000:3b:00.0', vendor_id: '15b3', device_id: '101d' });
    expect(fwsnap(['query', bundle, sql, '--format', 'csv']).stdout).toMatch(/^0000:3b:00\.0,15b3,101d,/m);
    expect(fwsnap(['query', bundle, sql]).stdout).toMatch(/^0000:3b:00\.0\s+15b3\s+101d/m);
    // Other integers stay decimal.
    expect(fwsnap(['query', bundle, `SELECT count(*) AS devices FROM devices`, '--format', 'csv']).stdout).toMatch(/^devices\n\d+\n$/);
    const report = JSON.parse(fwsnap(['analyze', bundle, '--format', 'json']).stdout) as Report;
    const cx = report.findings.find((f) => f.device === '0000:3b:00.0')!;
    expect((cx.evidence!.device as Record<string, unknown>)).toMatchObject({ vendor_id: '15b3', device_id: '101d' });
  });
});
