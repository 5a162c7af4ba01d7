import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../analyzer/db/database.js';
import { SCHEMA_VERSION } from '../../../analyzer/db/schema.js';
import { SqliteSink } from '../../../analyzer/db/sink.js';
import { registerClassFunctions } from '../../../analyzer/db/class-schema.js';
import { kindText } from '../../../analyzer/db/artifact-rows.js';
import { shippedFacts } from '../../../analyzer/classes/index.js';
import { describeVersion } from '../../../analyzer/load/describe-version.js';
import { bundledVendorData, recordVendorData } from '../../../analyzer/vendor-data/store.js';
import { loadBundle } from '../../../analyzer/load/load-bundle.js';
import { writeBundleRows, type LoadedRows } from '../../../analyzer/load/bundle-rows.js';
import { TextIdCollision, textId } from '../../../analyzer/db/text-ids.js';
import { writeBundle } from '../../helpers/bundle.js';
import { ensureBuilt } from '../../cli/cli-helpers.js';
import { collectTree, suiteDir } from '../../cli/fake-bundle.js';
import { tempDir } from '../../helpers/tmp.js';

const SPACE = 'ethtool-regs:v0x1';

function withBundles(db: Db, ...ids: number[]): void {
  for (const id of ids) db.prepare(`INSERT INTO bundles (id, path, loaded_at, complete) VALUES (?, ?, 'now', 1)`).run(id, `b${id}.tar.gz`);
}

/** Words whose bytes take every value 0x00…0xff, plus the extremes. */
function everyByte(): number[] {
  const words = [0, 0xffffffff, 0x80000000, 0x7fffffff, 1];
  for (let b = 0; b < 256; b += 4) words.push(((b << 24) | ((b + 1) << 16) | ((b + 2) << 8) | (b + 3)) >>> 0);
  return words;
}

describe('register dumps as blobs, read through the registers view', () => {
  it('a dump and word-by-word rows give the same registers, every byte value decoded in plain SQL', () => {
    const db = openDatabase(':memory:');
    withBundles(db, 1);
    const sink = new SqliteSink(db, 1, describeVersion, shippedFacts(), 'throw');
    const words = everyByte();
    const blob = Buffer.alloc(words.length * 4);
    words.forEach((w, i) => blob.writeUInt32BE(w, i * 4));
    sink.registerDump({ deviceKey: 'net:eth0', space: SPACE, offset: 0, words: blob, artifact: 'ioctl/net/eth0/regs.bin' });
    // A gap (offset 8 → 16) starts a second run; another device a third.
    for (const [offset, value] of [[0, 5], [4, 0xdeadbeef], [8, 0], [16, 0xffffffff]] as const) sink.register({ deviceKey: 'net:eth1', space: SPACE, offset, value, artifact: 'a' });
    sink.register({ deviceKey: 'net:eth2', space: SPACE, offset: 64, value: 0x01020304, artifact: 'b' });
    sink.flushFirmware();

    expect(db.prepare(`SELECT device_key, offset, length(data) AS bytes FROM register_dumps ORDER BY rowid`).all()).toEqual([
      { device_key: 'net:eth0', offset: 0, bytes: words.length * 4 },
      { device_key: 'net:eth1', offset: 0, bytes: 12 },
      { device_key: 'net:eth1', offset: 16, bytes: 4 },
      { device_key: 'net:eth2', offset: 64, bytes: 4 },
    ]);
    const rows = (dev: string) => db.prepare(`SELECT offset, value, artifact FROM registers WHERE device_key = ? ORDER BY offset`).all(dev);
    expect(rows('net:eth0')).toEqual(words.map((value, i) => ({ offset: i * 4, value, artifact: 'ioctl/net/eth0/regs.bin' })));
    expect(rows('net:eth1')).toEqual([
      { offset: 0, value: 5, artifact: 'a' }, { offset: 4, value: 0xdeadbeef, artifact: 'a' }, { offset: 8, value: 0, artifact: 'a' }, { offset: 16, value: 0xffffffff, artifact: 'a' },
    ]);
    expect(db.prepare(`SELECT bundle_id, device_key, space, offset, value, artifact FROM registers WHERE device_key = 'net:eth2'`).all()).toEqual([
      { bundle_id: 1, device_key: 'net:eth2', space: SPACE, offset: 64, value: 0x01020304, artifact: 'b' },
    ]);
  });

  it('an empty database has an empty registers view', () => {
    const db = openDatabase(':memory:');
    expect(db.prepare(`SELECT count(*) AS n FROM registers`).get()).toEqual({ n: 0 });
  });
});

describe('vendor data stored once per content', () => {
  it('two bundles carrying the same file keep one copy, which goes with the last bundle using it', () => {
    const db = openDatabase(':memory:');
    withBundles(db, 1, 2, 3);
    const data = Buffer.from('mlxconfig database bytes');
    const use = { name: 'mlxconfig-db', origin: 'bundle' as const, path: 'usr/share/mlxconfig.db', version: null, sha256: null, usedFor: 'NV configuration' };
    recordVendorData(db, 1, { ...use, data });
    recordVendorData(db, 2, { ...use, data });
    recordVendorData(db, 3, { ...use, origin: null, path: null, note: 'not found' });
    expect(db.prepare(`SELECT count(*) AS n FROM vendor_files`).get()).toEqual({ n: 1 });
    expect(bundledVendorData(db, 2, 'mlxconfig-db')).toEqual({ path: 'usr/share/mlxconfig.db', data });
    expect(bundledVendorData(db, 3, 'mlxconfig-db')).toBeUndefined();
    expect(db.prepare(`SELECT bundle_id, sha256 IS NOT NULL AS hashed, data IS NOT NULL AS has_data FROM vendor_data ORDER BY bundle_id`).all()).toEqual([
      { bundle_id: 1, hashed: 1, has_data: 1 }, { bundle_id: 2, hashed: 1, has_data: 1 }, { bundle_id: 3, hashed: 0, has_data: 0 },
    ]);
    db.prepare(`DELETE FROM bundles WHERE id = 1`).run();
    expect(db.prepare(`SELECT count(*) AS n FROM vendor_files`).get()).toEqual({ n: 1 });
    db.prepare(`DELETE FROM bundles WHERE id = 2`).run();
    expect(db.prepare(`SELECT count(*) AS n FROM vendor_files`).get()).toEqual({ n: 0 });
  });
});

describe('artifact rows', () => {
  it('the artifacts view gives back every origin and sha256 exactly as the manifest has them, storing what it can rebuild as null or bytes', async () => {
    const path = join(tempDir(), 'a.tar.gz');
    const manifest = await writeBundle(path, [
      { name: 'sys/class/net/eth0/address', data: '00:11:22:33:44:55\n' },
      { name: 'sys/class/net/eth0/device', data: '../../../0000:3b:00.0', origin: { kind: 'link', path: '/sys/class/net/eth0/device' } },
      { name: 'proc/elsewhere', data: 'x', origin: { kind: 'file', path: '/proc/cpuinfo' } },
      { name: 'sys/quoted', data: 'y', origin: { kind: 'file', path: '/sys/odd"name\\x' } },
      { name: 'sys/naïve', data: 'z' },
      { name: 'cmd/lspci-vvv.out', data: 'lspci', origin: { kind: 'cmd', argv: ['lspci', '-vvv'], stream: 'stdout' } },
      { name: 'ioctl/net/eth0/regs.bin', data: Buffer.alloc(12), origin: { kind: 'ioctl', class: 'net', device: 'eth0', request: 'SIOCETHTOOL', requestNumber: 0x8946, what: 'regs' } },
    ]);
    const db = openDatabase(':memory:');
    const { bundleId } = await loadBundle(db, path);
    const rows = db.prepare(`SELECT name, source, origin_kind, origin, size, sha256, verified FROM artifacts WHERE bundle_id = ? ORDER BY name`).all(bundleId) as Record<string, unknown>[];
    const expected = [...manifest.artifacts].sort((a, b) => (a.name < b.name ? -1 : 1)).map((a) => ({
      name: a.name, source: a.source, origin_kind: a.origin.kind, origin: JSON.stringify(a.origin), size: a.size, sha256: a.sha256, verified: 1,
    }));
    expect(rows).toEqual(expected);
    // Only the two plain mirrored entries had nothing more to say than their name; every sha256 became 32 bytes.
    expect(db.prepare(`SELECT a.name FROM artifact_rows r JOIN fact_artifacts a USING (bundle_id, no) WHERE r.origin_id IS NULL AND r.listed = 1 ORDER BY a.name`).all()).toEqual([{ name: 'sys/class/net/eth0/address' }, { name: 'sys/class/net/eth0/device' }]);
    expect(db.prepare(`SELECT DISTINCT typeof(sha256) AS t, length(sha256) AS n FROM artifact_hashes`).all()).toEqual([{ t: 'blob', n: 32 }]);
    // Kinds are stored as numbers (file 0, link 1, cmd 3, ioctl 4), which the view gives back as text.
    expect(db.prepare(`SELECT DISTINCT origin_kind AS k FROM artifact_rows WHERE listed = 1 ORDER BY 1`).all()).toEqual([{ k: 0 }, { k: 1 }, { k: 3 }, { k: 4 }]);
  });
});

function regsDump(marker: number): Buffer {
  const b = Buffer.alloc(12 + 64);
  b.writeUInt32LE(4, 0);
  b.writeUInt32LE(1, 4);
  b.writeUInt32LE(64, 8);
  b.fill(marker, 12);
  return b;
}
const regsOrigin = (dev: string) => ({ kind: 'ioctl' as const, class: 'net', device: dev, request: 'SIOCETHTOOL', requestNumber: 0x8946, what: 'regs' });

describe('settings rows', () => {
  it('name their artifact by number, read back by name through the view, in the order they were written', async () => {
    const db = openDatabase(':memory:');
    withBundles(db, 1, 2);
    for (const b of [1, 2]) {
      const sink = new SqliteSink(db, b, describeVersion, shippedFacts(), 'throw');
      sink.setting({ deviceKey: 'net:eth0', namespace: 'ethtool.ring', key: 'rx_pending', value: 512, mode: 'current', artifact: 'ioctl/net/eth0/ringparam.bin' });
      sink.setting({ deviceKey: 'net:eth0', namespace: 'ethtool.ring', key: 'rx_pending', value: 1024, mode: 'current', artifact: 'other' });
      sink.setting({ deviceKey: 'net:eth1', namespace: 'ethtool.ring', key: 'rx_mini_pending', value: null, mode: 'current' });
      sink.setting({ deviceKey: 'net:eth0', namespace: 'ethtool.ring', key: 'tx_pending', value: 256, mode: 'current', artifact: 'ioctl/net/eth0/ringparam.bin' });
    }
    expect(db.prepare(`SELECT device_key, key, value, artifact FROM settings WHERE bundle_id = 2 ORDER BY rowid`).all()).toEqual([
      { device_key: 'net:eth0', key: 'rx_pending', value: '512', artifact: 'ioctl/net/eth0/ringparam.bin' },
      { device_key: 'net:eth0', key: 'rx_pending', value: '1024', artifact: 'other' },
      { device_key: 'net:eth1', key: 'rx_mini_pending', value: null, artifact: null },
      { device_key: 'net:eth0', key: 'tx_pending', value: '256', artifact: 'ioctl/net/eth0/ringparam.bin' },
    ]);
    expect(db.prepare(`SELECT bundle_id, no, name FROM fact_artifacts ORDER BY bundle_id, no`).all()).toEqual([
      { bundle_id: 1, no: 1, name: 'ioctl/net/eth0/ringparam.bin' }, { bundle_id: 1, no: 2, name: 'other' },
      { bundle_id: 2, no: 1, name: 'ioctl/net/eth0/ringparam.bin' }, { bundle_id: 2, no: 2, name: 'other' },
    ]);
  });

  it('of an artifact that did not verify are withdrawn with its other rows; the rest stay', async () => {
    const path = join(tempDir(), 'w.tar.gz');
    await writeBundle(path, [
      { name: 'ioctl/net/eth0/regs.bin', data: regsDump(0x11), origin: regsOrigin('eth0') },
      { name: 'ioctl/net/eth1/regs.bin', data: regsDump(0x22), origin: regsOrigin('eth1') },
    ]);
    // One byte of eth1's dump changed: that entry no longer matches its sha256.
    const tar = gunzipSync(readFileSync(path));
    tar[tar.indexOf(Buffer.alloc(16, 0x22)) + 5] = 0x23;
    writeFileSync(path, gzipSync(tar));
    const db = openDatabase(':memory:');
    const { bundleId } = await loadBundle(db, path);
    expect(db.prepare(`SELECT device_key, key, artifact FROM settings WHERE bundle_id = ? AND namespace = 'ethtool.regs' ORDER BY rowid`).all(bundleId)).toEqual([
      { device_key: 'net:eth0', key: 'version', artifact: 'ioctl/net/eth0/regs.bin' },
      { device_key: 'net:eth0', key: 'len', artifact: 'ioctl/net/eth0/regs.bin' },
    ]);
    expect(db.prepare(`SELECT DISTINCT device_key FROM register_dumps WHERE bundle_id = ?`).all(bundleId)).toEqual([{ device_key: 'net:eth0' }]);
  });
});

describe('text shared by bundles', () => {
  it('artifact names and setting keys are stored once per database, each bundle numbering its own artifacts', () => {
    const db = openDatabase(':memory:');
    withBundles(db, 1, 2);
    for (const b of [1, 2]) {
      const sink = new SqliteSink(db, b, describeVersion, shippedFacts(), 'throw');
      sink.setting({ deviceKey: 'net:eth0', namespace: 'ethtool.ring', key: 'rx_pending', value: 512 * b, mode: 'current', artifact: 'ioctl/net/eth0/ringparam.bin' });
      sink.setting({ deviceKey: 'net:eth1', namespace: 'ethtool.ring', key: 'rx_pending', value: 256, mode: 'current', artifact: 'ioctl/net/eth1/ringparam.bin' });
    }
    expect(db.prepare(`SELECT count(*) AS n FROM artifact_names`).get()).toEqual({ n: 2 });
    expect(db.prepare(`SELECT id, namespace, key, mode FROM setting_keys`).all()).toEqual([{ id: textId('ethtool.ring', 'rx_pending', 'current'), namespace: 'ethtool.ring', key: 'rx_pending', mode: 'current' }]);
    expect(db.prepare(`SELECT bundle_id, no, name FROM fact_artifacts ORDER BY bundle_id, no`).all()).toEqual([
      { bundle_id: 1, no: 1, name: 'ioctl/net/eth0/ringparam.bin' }, { bundle_id: 1, no: 2, name: 'ioctl/net/eth1/ringparam.bin' },
      { bundle_id: 2, no: 1, name: 'ioctl/net/eth0/ringparam.bin' }, { bundle_id: 2, no: 2, name: 'ioctl/net/eth1/ringparam.bin' },
    ]);
    expect(db.prepare(`SELECT bundle_id, device_key, value FROM settings WHERE key = 'rx_pending' AND namespace = 'ethtool.ring' ORDER BY bundle_id, rowid`).all()).toEqual([
      { bundle_id: 1, device_key: 'net:eth0', value: '512' }, { bundle_id: 1, device_key: 'net:eth1', value: '256' },
      { bundle_id: 2, device_key: 'net:eth0', value: '1024' }, { bundle_id: 2, device_key: 'net:eth1', value: '256' },
    ]);
  });

  it('artifact hashes and origins are stored once per database: bundles (and entries) with the same content or origin name one row', async () => {
    const dir = tempDir();
    const same = { name: 'ioctl/net/eth0/regs.bin', data: regsDump(0x11), origin: regsOrigin('eth0') };
    await writeBundle(join(dir, 'a.tar.gz'), [same, { name: 'sys/a', data: '1\n' }, { name: 'sys/b', data: '1\n' }]);
    await writeBundle(join(dir, 'b.tar.gz'), [same, { name: 'sys/a', data: '2\n' }], { host: { hostname: 'other', kernelRelease: '6.1.0-test', machine: 'x86_64', time: new Date(0).toISOString(), uid: 0, root: true, collectedFrom: 'tree' } });
    const db = openDatabase(':memory:');
    await loadBundle(db, join(dir, 'a.tar.gz'));
    await loadBundle(db, join(dir, 'b.tar.gz'));
    const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
    expect(db.prepare(`SELECT bundle_id, name, origin, sha256 FROM artifacts WHERE name <> 'manifest.json' ORDER BY bundle_id, name`).all()).toEqual([
      { bundle_id: 1, name: 'ioctl/net/eth0/regs.bin', origin: JSON.stringify(regsOrigin('eth0')), sha256: sha(same.data) },
      { bundle_id: 1, name: 'sys/a', origin: '{"kind":"file","path":"/sys/a"}', sha256: sha('1\n') },
      { bundle_id: 1, name: 'sys/b', origin: '{"kind":"file","path":"/sys/b"}', sha256: sha('1\n') },
      { bundle_id: 2, name: 'ioctl/net/eth0/regs.bin', origin: JSON.stringify(regsOrigin('eth0')), sha256: sha(same.data) },
      { bundle_id: 2, name: 'sys/a', origin: '{"kind":"file","path":"/sys/a"}', sha256: sha('2\n') },
    ]);
    expect(db.prepare(`SELECT lower(hex(sha256)) AS sha256 FROM artifact_hashes ORDER BY 1`).all()).toEqual([sha(same.data), sha('1\n'), sha('2\n')].sort().map((sha256) => ({ sha256 })));
    expect(db.prepare(`SELECT id, origin FROM artifact_origins`).all()).toEqual([{ id: textId(JSON.stringify(regsOrigin('eth0'))), origin: JSON.stringify(regsOrigin('eth0')) }]);
  });

  it('a text whose id already names another text is refused, by the sink and by the writer of loader threads, never merged', () => {
    const db = openDatabase(':memory:');
    withBundles(db, 1);
    // Planted: the id of 'cmd/x.out' already names something else, and so does the id of a setting key.
    db.prepare(`INSERT INTO artifact_names (id, name) VALUES (?, 'another name')`).run(textId('cmd/x.out'));
    db.prepare(`INSERT INTO setting_keys (id, namespace, key, mode) VALUES (?, 'ethtool.ring', 'other', 'current')`).run(textId('ethtool.ring', 'rx_pending', 'current'));
    const sink = new SqliteSink(db, 1, describeVersion, shippedFacts(), 'throw');
    expect(() => sink.artifactNo('cmd/x.out')).toThrow(TextIdCollision);
    expect(() => sink.setting({ deviceKey: 'net:eth0', namespace: 'ethtool.ring', key: 'rx_pending', value: 512, mode: 'current' })).toThrow(/setting_keys: .* have the same id/);
    const loaded: LoadedRows = {
      outcome: { path: 'b.tar.gz', problems: [], verified: 1, complete: true },
      bundle: { path: 'b.tar.gz', loaded_at: 'now', complete: 1 },
      tables: [{ table: 'artifact_names', columns: ['id', 'name'], rows: [[textId('cmd/x.out'), 'cmd/x.out']], shared: true }],
    };
    expect(() => writeBundleRows(db, loaded)).toThrow(TextIdCollision);
    const sha = 'ab'.repeat(32);
    db.prepare(`INSERT INTO artifact_hashes (id, sha256) VALUES (?, ?)`).run(textId(sha), Buffer.from('cd'.repeat(32), 'hex'));
    expect(() => sink.hashId(sha)).toThrow(new RegExp(`artifact_hashes: "${sha}" and "${'cd'.repeat(32)}" have the same id`));
    expect(sink.hashId('cd'.repeat(32))).toBe(textId('cd'.repeat(32)));
    db.prepare(`INSERT INTO artifact_origins (id, origin) VALUES (?, 'another origin')`).run(textId(JSON.stringify(regsOrigin('eth0'))));
    expect(() => sink.originId('ioctl/net/eth0/regs.bin', regsOrigin('eth0'))).toThrow(/artifact_origins: .* have the same id/);
    expect(sink.originId('sys/a', { kind: 'file', path: '/sys/a' })).toBeNull();
    const origin = JSON.stringify(regsOrigin('eth0'));
    const origins: LoadedRows = { ...loaded, tables: [{ table: 'artifact_origins', columns: ['id', 'origin'], rows: [[textId(origin), origin]], shared: true }] };
    expect(() => writeBundleRows(db, origins)).toThrow(/artifact_origins: a row with the key of .* holds something else/);
  });
});

describe('a version 4 database', () => {
  it('is made compact in place: its registers, vendor files, artifacts and settings read the same through the views', () => {
    const path = join(tempDir(), 'v4.db');
    openDatabase(path).close();
    const old = new Database(path);
    old.exec(`DROP VIEW registers; DROP VIEW vendor_data; DROP VIEW artifacts; DROP VIEW settings; DROP VIEW kernel_log; DROP TABLE kernel_log_rows;
      ALTER TABLE devices RENAME COLUMN device_key TO key;
      CREATE TABLE kernel_log (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, seq INTEGER, usec INTEGER, level INTEGER, device TEXT, text TEXT NOT NULL, artifact TEXT);
      CREATE TABLE settings (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, device_key TEXT NOT NULL, namespace TEXT NOT NULL,
        key TEXT NOT NULL, value TEXT, mode TEXT NOT NULL, artifact TEXT);
      CREATE INDEX settings_dev ON settings(bundle_id, device_key, namespace, key);
      CREATE TABLE artifacts (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, name TEXT NOT NULL, source TEXT, origin_kind TEXT, origin TEXT,
        size INTEGER, sha256 TEXT, truncated INTEGER NOT NULL DEFAULT 0, exit_status INTEGER, verified INTEGER NOT NULL DEFAULT 0, parser TEXT, parse_error TEXT,
        PRIMARY KEY (bundle_id, name));
      CREATE TABLE registers (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, device_key TEXT NOT NULL, space TEXT NOT NULL,
        offset INTEGER NOT NULL, value INTEGER NOT NULL, artifact TEXT);
      CREATE TABLE vendor_data (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, name TEXT NOT NULL, origin TEXT, path TEXT,
        version TEXT, sha256 TEXT, used_for TEXT NOT NULL, note TEXT, data BLOB, PRIMARY KEY (bundle_id, name));
      INSERT INTO bundles (id, path, loaded_at, complete) VALUES (1, 'a', 'now', 1), (2, 'b', 'now', 1);
      INSERT INTO registers VALUES (1, 'net:eth0', '${SPACE}', 0, 4294967295, 'r'), (1, 'net:eth0', '${SPACE}', 4, 7, 'r'), (2, 'fwctl:fwctl0', 'mnvda:0x10', 8, 2147483648, 'm');
      INSERT INTO vendor_data VALUES (1, 'mlxconfig-db', 'bundle', 'p', NULL, 'abc', 'nv', NULL, X'0102'), (2, 'mlxconfig-db', 'bundle', 'p', NULL, 'abc', 'nv', NULL, X'0102'),
        (2, 'pci.ids', 'release', 'vendor-data/pci.ids', '2025', 'def', 'names', NULL, NULL);
      INSERT INTO artifacts VALUES (1, 'sys/a', 'pci', 'file', '{"kind":"file","path":"/sys/a"}', 3, '${'ab'.repeat(32)}', 0, NULL, 1, 'pci-sysfs', NULL),
        (1, 'cmd/x.out', 'x', 'cmd', '{"kind":"cmd","argv":["x"],"stream":"stdout"}', 5, 'NOT-HEX', 0, 2, 1, NULL, 'bad'),
        (2, 'kept', NULL, NULL, NULL, 9, NULL, 0, NULL, 0, NULL, NULL);
      INSERT INTO settings VALUES (2, 'net:eth0', 'ethtool.ring', 'rx', '512', 'current', 'z/ring'), (1, 'kernel', 'kernel', 'cmdline', 'quiet', 'current', NULL),
        (2, 'net:eth0', 'ethtool.ring', 'rx', '512', 'current', 'z/ring'), (2, 'net:eth0', 'ethtool.pause', 'rx', '1', 'current', 'a/pause');
      INSERT INTO kernel_log VALUES (2, 9, 20, 3, NULL, 'second', 'dev/kmsg'), (1, 4, 10, 6, 'net:eth0', 'first', 'dev/kmsg'), (2, 10, 30, NULL, NULL, 'third', NULL);
      UPDATE meta SET value = '4' WHERE key = 'schema_version'`);
    old.close();

    const db = openDatabase(path);
    try {
      expect(db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get()).toEqual({ value: String(SCHEMA_VERSION) });
      expect(db.prepare(`SELECT type FROM sqlite_master WHERE name IN ('registers', 'vendor_data', 'artifacts', 'settings')`).all()).toEqual([{ type: 'view' }, { type: 'view' }, { type: 'view' }, { type: 'view' }]);
      expect(db.prepare(`SELECT bundle_id, device_key, namespace, key, value, mode, artifact FROM settings ORDER BY rowid`).all()).toEqual([
        { bundle_id: 2, device_key: 'net:eth0', namespace: 'ethtool.ring', key: 'rx', value: '512', mode: 'current', artifact: 'z/ring' },
        { bundle_id: 1, device_key: 'kernel', namespace: 'kernel', key: 'cmdline', value: 'quiet', mode: 'current', artifact: null },
        { bundle_id: 2, device_key: 'net:eth0', namespace: 'ethtool.ring', key: 'rx', value: '512', mode: 'current', artifact: 'z/ring' },
        { bundle_id: 2, device_key: 'net:eth0', namespace: 'ethtool.pause', key: 'rx', value: '1', mode: 'current', artifact: 'a/pause' },
      ]);
      expect(db.prepare(`SELECT * FROM artifacts ORDER BY bundle_id, name`).all()).toEqual([
        { bundle_id: 1, name: 'cmd/x.out', source: 'x', origin_kind: 'cmd', origin: '{"kind":"cmd","argv":["x"],"stream":"stdout"}', size: 5, sha256: 'NOT-HEX', truncated: 0, exit_status: 2, verified: 1, parser: null, parse_error: 'bad', saved_as: null },
        { bundle_id: 1, name: 'sys/a', source: 'pci', origin_kind: 'file', origin: '{"kind":"file","path":"/sys/a"}', size: 3, sha256: 'ab'.repeat(32), truncated: 0, exit_status: null, verified: 1, parser: 'pci-sysfs', parse_error: null, saved_as: null },
        { bundle_id: 2, name: 'kept', source: null, origin_kind: null, origin: null, size: 9, sha256: null, truncated: 0, exit_status: null, verified: 0, parser: null, parse_error: null, saved_as: null },
      ]);
      expect(db.prepare(`SELECT bundle_id, seq, usec, level, device_key, text, artifact, rowid FROM kernel_log ORDER BY bundle_id, rowid`).all()).toEqual([
        { bundle_id: 1, seq: 4, usec: 10, level: 6, device_key: 'net:eth0', text: 'first', artifact: 'dev/kmsg', rowid: 1 },
        { bundle_id: 2, seq: 9, usec: 20, level: 3, device_key: null, text: 'second', artifact: 'dev/kmsg', rowid: 1 },
        { bundle_id: 2, seq: 10, usec: 30, level: null, device_key: null, text: 'third', artifact: null, rowid: 2 },
      ]);
      // Each bundle's names once: the settings' artifacts first (1, 2), then the other artifacts, the registers' and the
      // log's (the kernel-log class converts its table after the shared ones).
      expect(db.prepare(`SELECT bundle_id, no, name FROM fact_artifacts ORDER BY bundle_id, no`).all()).toEqual([
        { bundle_id: 1, no: 1, name: 'cmd/x.out' }, { bundle_id: 1, no: 2, name: 'sys/a' }, { bundle_id: 1, no: 3, name: 'r' }, { bundle_id: 1, no: 4, name: 'dev/kmsg' },
        { bundle_id: 2, no: 1, name: 'a/pause' }, { bundle_id: 2, no: 2, name: 'z/ring' }, { bundle_id: 2, no: 3, name: 'kept' }, { bundle_id: 2, no: 4, name: 'm' },
        { bundle_id: 2, no: 5, name: 'dev/kmsg' },
      ]);
      // Each bundle's device keys once, numbered; the tables name them by number.
      expect(db.prepare(`SELECT bundle_id, no, device_key FROM device_nos ORDER BY bundle_id, no`).all()).toEqual([
        { bundle_id: 1, no: 1, device_key: 'kernel' }, { bundle_id: 1, no: 2, device_key: 'net:eth0' },
        { bundle_id: 2, no: 1, device_key: 'net:eth0' }, { bundle_id: 2, no: 2, device_key: 'fwctl:fwctl0' },
      ]);
      expect(db.prepare(`SELECT a.name, r.origin_id IS NULL AS derived, typeof(h.sha256) AS sha FROM artifact_rows r JOIN fact_artifacts a USING (bundle_id, no)
        LEFT JOIN artifact_hashes h ON h.id = r.sha256_id WHERE r.listed = 1 ORDER BY r.bundle_id, a.name`).all()).toEqual([
        { name: 'cmd/x.out', derived: 0, sha: 'text' }, { name: 'sys/a', derived: 1, sha: 'blob' }, { name: 'kept', derived: 1, sha: 'null' },
      ]);
      expect(db.prepare(`SELECT bundle_id, device_key, space, offset, value, artifact FROM registers ORDER BY bundle_id, offset`).all()).toEqual([
        { bundle_id: 1, device_key: 'net:eth0', space: SPACE, offset: 0, value: 4294967295, artifact: 'r' },
        { bundle_id: 1, device_key: 'net:eth0', space: SPACE, offset: 4, value: 7, artifact: 'r' },
        { bundle_id: 2, device_key: 'fwctl:fwctl0', space: 'mnvda:0x10', offset: 8, value: 2147483648, artifact: 'm' },
      ]);
      expect(db.prepare(`SELECT bundle_id, name, origin, sha256, iif(data IS NULL, NULL, hex(data)) AS data FROM vendor_data ORDER BY bundle_id, name`).all()).toEqual([
        { bundle_id: 1, name: 'mlxconfig-db', origin: 'bundle', sha256: 'abc', data: '0102' },
        { bundle_id: 2, name: 'mlxconfig-db', origin: 'bundle', sha256: 'abc', data: '0102' },
        { bundle_id: 2, name: 'pci.ids', origin: 'release', sha256: 'def', data: null },
      ]);
      expect(db.prepare(`SELECT count(*) AS n FROM vendor_files`).get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });
});

describe('a version 8 to 13 database', () => {
  const views = (d: Db) => ({
    capabilities: d.prepare(`SELECT bundle_id, device_key, cap_id, extended, offset, version, name, fields, artifact FROM pci_capabilities
      ORDER BY bundle_id, device_key, extended, rowid`).all(),
    artifacts: d.prepare(`SELECT * FROM artifacts ORDER BY bundle_id, name`).all(),
    kernelLog: d.prepare(`SELECT * FROM kernel_log ORDER BY bundle_id, rowid`).all(),
    settings: d.prepare(`SELECT * FROM settings ORDER BY bundle_id, rowid`).all(),
    names: d.prepare(`SELECT * FROM fact_artifacts ORDER BY bundle_id, name`).all(),
    firmware: d.prepare(`SELECT * FROM firmware ORDER BY bundle_id, rowid`).all(),
    registerDumps: d.prepare(`SELECT * FROM register_dumps ORDER BY bundle_id, rowid`).all(),
    registerFields: d.prepare(`SELECT * FROM register_fields ORDER BY bundle_id, rowid`).all(),
    registers: d.prepare(`SELECT count(*) AS n, sum(value) AS sum FROM registers`).get(),
    devices: d.prepare(`SELECT * FROM devices ORDER BY bundle_id, device_key`).all(),
  });
  // Back to version 13: artifacts numbered in artifact_nos, artifact rows only for listed entries; every setting,
  // firmware and register row with its device's key, firmware and register rows with their artifact's name; the views
  // of that version (the classes' naming artifact_nos: the kernel log's, and the PCI class's, one through another).
  const toV13 = (d: Database.Database): void => {
    const registersView = (d.prepare(`SELECT sql FROM sqlite_master WHERE name = 'registers'`).get() as { sql: string }).sql;
    // The classes' views that name an artifact by number, made again as version 13 had them (over artifact_nos).
    const SHARED_VIEWS = ['artifacts', 'fact_artifacts', 'settings', 'registers', 'firmware', 'register_dumps', 'register_fields', 'vendor_data'];
    const classViews = (d.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY rowid`).all() as { name: string; sql: string }[])
      .filter((v) => !SHARED_VIEWS.includes(v.name));
    expect(classViews.filter((v) => v.sql.includes('LEFT JOIN artifact_rows x')).length).toBeGreaterThan(1);
    for (const v of [...classViews].reverse()) d.exec(`DROP VIEW "${v.name}"`);
    const byName = `LEFT JOIN artifact_nos x ON x.bundle_id = {t}.bundle_id AND x.no = {t}.artifact_no LEFT JOIN artifact_names a ON a.id = x.name_id`;
    d.exec(`CREATE TABLE artifact_nos_13 (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, no INTEGER NOT NULL, name_id INTEGER NOT NULL,
        PRIMARY KEY (bundle_id, no)) WITHOUT ROWID;
      INSERT INTO artifact_nos_13 SELECT bundle_id, no, name_id FROM artifact_rows;
      CREATE TABLE artifact_rows_13 (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, no INTEGER NOT NULL, source TEXT, origin_kind TEXT,
        origin_id INTEGER, size INTEGER, sha256_id INTEGER, truncated INTEGER NOT NULL DEFAULT 0, exit_status INTEGER, verified INTEGER NOT NULL DEFAULT 0,
        parser TEXT, parse_error TEXT, PRIMARY KEY (bundle_id, no)) WITHOUT ROWID;
      INSERT INTO artifact_rows_13 SELECT bundle_id, no, source, ${kindText('origin_kind')}, origin_id, size, sha256_id, truncated, exit_status, verified, parser, parse_error
        FROM artifact_rows WHERE listed = 1;
      CREATE TABLE setting_rows_13 (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, device_key TEXT NOT NULL, key_id INTEGER NOT NULL,
        seq INTEGER NOT NULL, value TEXT, artifact_no INTEGER, PRIMARY KEY (bundle_id, device_key, key_id, seq)) WITHOUT ROWID;
      INSERT INTO setting_rows_13 SELECT s.bundle_id, n.device_key, s.key_id, s.seq, s.value, s.artifact_no FROM setting_rows s
        JOIN device_nos n ON n.bundle_id = s.bundle_id AND n.no = s.device_no;
      CREATE TABLE firmware_13 (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, device_key TEXT NOT NULL, component TEXT NOT NULL,
        version TEXT NOT NULL, scheme TEXT, version_key TEXT, family TEXT, unknown INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL, artifact TEXT);
      INSERT INTO firmware_13 (rowid, bundle_id, device_key, component, version, scheme, version_key, family, unknown, state, artifact)
        SELECT rowid, bundle_id, device_key, component, version, scheme, version_key, family, unknown, state, artifact FROM firmware;
      CREATE TABLE register_dumps_13 (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, device_key TEXT NOT NULL, space TEXT NOT NULL,
        offset INTEGER NOT NULL, data BLOB NOT NULL, artifact TEXT);
      INSERT INTO register_dumps_13 (rowid, bundle_id, device_key, space, offset, data, artifact) SELECT rowid, bundle_id, device_key, space, offset, data, artifact FROM register_dumps;
      CREATE TABLE register_fields_13 (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, device_key TEXT NOT NULL, register TEXT NOT NULL,
        field TEXT NOT NULL, value TEXT, note TEXT, artifact TEXT);
      INSERT INTO register_fields_13 (rowid, bundle_id, device_key, register, field, value, note, artifact)
        SELECT rowid, bundle_id, device_key, register, field, value, note, artifact FROM register_fields;
      DROP VIEW artifacts; DROP VIEW fact_artifacts; DROP VIEW settings; DROP VIEW registers;
      DROP VIEW firmware; DROP VIEW register_dumps; DROP VIEW register_fields;
      DROP TABLE firmware_rows; DROP TABLE register_dump_rows; DROP TABLE register_field_rows; DROP TABLE setting_rows;
      DROP TABLE artifact_rows; DROP TABLE device_nos;
      ALTER TABLE artifact_nos_13 RENAME TO artifact_nos; ALTER TABLE artifact_rows_13 RENAME TO artifact_rows; ALTER TABLE setting_rows_13 RENAME TO setting_rows;
      ALTER TABLE firmware_13 RENAME TO firmware; ALTER TABLE register_dumps_13 RENAME TO register_dumps;
      ALTER TABLE register_fields_13 RENAME TO register_fields;
      CREATE INDEX firmware_dev ON firmware(bundle_id, device_key); CREATE INDEX register_dumps_dev ON register_dumps(bundle_id, device_key);
      CREATE INDEX register_fields_dev ON register_fields(bundle_id, device_key);
      ${registersView};
      CREATE VIEW fact_artifacts AS SELECT a.bundle_id, a.no, n.name FROM artifact_nos a JOIN artifact_names n ON n.id = a.name_id;
      CREATE VIEW artifacts AS SELECT r.bundle_id, a.name, r.source, r.origin_kind,
        CASE WHEN r.origin_id IS NULL AND r.origin_kind IS NOT NULL THEN json_object('kind', r.origin_kind, 'path', '/' || a.name) ELSE o.origin END AS origin,
        r.size, CASE WHEN typeof(h.sha256) = 'blob' THEN lower(hex(h.sha256)) ELSE h.sha256 END AS sha256, r.truncated, r.exit_status, r.verified, r.parser, r.parse_error
        FROM artifact_rows r JOIN artifact_nos x ON x.bundle_id = r.bundle_id AND x.no = r.no JOIN artifact_names a ON a.id = x.name_id
        LEFT JOIN artifact_origins o ON o.id = r.origin_id LEFT JOIN artifact_hashes h ON h.id = r.sha256_id;
      CREATE VIEW settings AS SELECT s.bundle_id, s.device_key, k.namespace, k.key, s.value, k.mode, a.name AS artifact, s.seq AS rowid
        FROM setting_rows s JOIN setting_keys k ON k.id = s.key_id ${byName.replaceAll('{t}', 's')};
      ${classViews.map((v) => `${v.sql.replaceAll('LEFT JOIN artifact_rows x', 'LEFT JOIN artifact_nos x')};`).join('\n')}`);
  };
  // Back to version 11: every capability decoded in a table of its own, read from nothing but itself.
  const TO_11 = `CREATE TABLE pci_capabilities_11 (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, device_key TEXT NOT NULL,
      cap_id INTEGER NOT NULL, extended INTEGER NOT NULL, offset INTEGER NOT NULL, version INTEGER, name TEXT, fields TEXT, artifact TEXT);
    INSERT INTO pci_capabilities_11 SELECT bundle_id, device_key, cap_id, extended, offset, version, name, fields, artifact FROM pci_capabilities
      ORDER BY bundle_id, device_key, extended, rowid;
    DROP VIEW pci_capabilities; DROP VIEW pci_capability_list; DROP VIEW pci_config; DROP TRIGGER pci_configs_unused;
    DROP TABLE pci_config_uses; DROP TABLE pci_configs; DROP TABLE pci_capability_rows;
    ALTER TABLE pci_capabilities_11 RENAME TO pci_capabilities; CREATE INDEX pci_capabilities_dev ON pci_capabilities(bundle_id, device_key);`;
  // Back to version 12: each artifact row with its sha256 and origin.
  const TO_12 = `CREATE TABLE artifact_rows_12 (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, no INTEGER NOT NULL, source TEXT,
      origin_kind TEXT, origin TEXT, size INTEGER, sha256 BLOB, truncated INTEGER NOT NULL DEFAULT 0, exit_status INTEGER, verified INTEGER NOT NULL DEFAULT 0,
      parser TEXT, parse_error TEXT, PRIMARY KEY (bundle_id, no)) WITHOUT ROWID;
    INSERT INTO artifact_rows_12 SELECT r.bundle_id, r.no, r.source, r.origin_kind, o.origin, r.size, h.sha256, r.truncated, r.exit_status, r.verified, r.parser,
      r.parse_error FROM artifact_rows r LEFT JOIN artifact_origins o ON o.id = r.origin_id LEFT JOIN artifact_hashes h ON h.id = r.sha256_id;
    DROP VIEW artifacts; DROP TABLE artifact_rows; DROP TABLE artifact_origins; DROP TABLE artifact_hashes; ALTER TABLE artifact_rows_12 RENAME TO artifact_rows;
    CREATE VIEW artifacts AS SELECT r.bundle_id, a.name, r.source, r.origin_kind,
      CASE WHEN r.origin IS NULL AND r.origin_kind IS NOT NULL THEN json_object('kind', r.origin_kind, 'path', '/' || a.name) ELSE r.origin END AS origin,
      r.size, CASE WHEN typeof(r.sha256) = 'blob' THEN lower(hex(r.sha256)) ELSE r.sha256 END AS sha256, r.truncated, r.exit_status, r.verified, r.parser, r.parse_error
      FROM artifact_rows r JOIN artifact_nos x ON x.bundle_id = r.bundle_id AND x.no = r.no JOIN artifact_names a ON a.id = x.name_id;`;
  // Back to version 10: each kernel log line with its text.
  const TO_10 = `CREATE TABLE kernel_log_rows_10 (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, no INTEGER NOT NULL, seq INTEGER,
      usec INTEGER, level INTEGER, device_key TEXT, text TEXT NOT NULL, artifact_no INTEGER, PRIMARY KEY (bundle_id, no)) WITHOUT ROWID;
    INSERT INTO kernel_log_rows_10 SELECT k.bundle_id, k.no, k.seq, k.usec, k.level, k.device_key, t.text, k.artifact_no FROM kernel_log_rows k
      JOIN kernel_log_texts t ON t.id = k.text_id;
    DROP VIEW kernel_log; DROP TABLE kernel_log_rows; DROP TABLE kernel_log_texts; ALTER TABLE kernel_log_rows_10 RENAME TO kernel_log_rows;
    CREATE VIEW kernel_log AS SELECT k.bundle_id, k.seq, k.usec, k.level, k.device_key, k.text, a.name AS artifact, k.no AS rowid FROM kernel_log_rows k
      LEFT JOIN artifact_nos x ON x.bundle_id = k.bundle_id AND x.no = k.artifact_no LEFT JOIN artifact_names a ON a.id = x.name_id;`;
  // Back to version 9: each bundle's names in fact_artifacts, each setting row with its namespace, key and mode.
  const TO_9 = `CREATE TABLE fact_artifacts_9 (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, no INTEGER NOT NULL, name TEXT NOT NULL,
      PRIMARY KEY (bundle_id, no)) WITHOUT ROWID;
    INSERT INTO fact_artifacts_9 SELECT bundle_id, no, name FROM fact_artifacts;
    CREATE TABLE setting_rows_9 (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, device_key TEXT NOT NULL, namespace TEXT NOT NULL,
      key TEXT NOT NULL, mode TEXT NOT NULL, seq INTEGER NOT NULL, value TEXT, artifact_no INTEGER, PRIMARY KEY (bundle_id, device_key, namespace, key, mode, seq)) WITHOUT ROWID;
    INSERT INTO setting_rows_9 SELECT s.bundle_id, s.device_key, k.namespace, k.key, k.mode, s.seq, s.value, s.artifact_no FROM setting_rows s JOIN setting_keys k ON k.id = s.key_id;
    DROP VIEW settings; DROP VIEW fact_artifacts; DROP VIEW artifacts; DROP VIEW kernel_log;
    DROP TABLE setting_rows; DROP TABLE setting_keys; DROP TABLE artifact_nos; DROP TABLE artifact_names;
    ALTER TABLE fact_artifacts_9 RENAME TO fact_artifacts; ALTER TABLE setting_rows_9 RENAME TO setting_rows;
    CREATE VIEW artifacts AS SELECT * FROM artifact_rows; CREATE VIEW kernel_log AS SELECT * FROM kernel_log_rows;
    CREATE VIEW settings AS SELECT * FROM setting_rows;`;
  // And to version 8: artifact_rows keyed by name, kernel_log a table, fact_artifacts naming the settings' artifacts only.
  const TO_8 = `CREATE TABLE artifact_rows_8 (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, name TEXT NOT NULL, source TEXT, origin_kind TEXT,
      origin TEXT, size INTEGER, sha256 BLOB, truncated INTEGER NOT NULL DEFAULT 0, exit_status INTEGER, verified INTEGER NOT NULL DEFAULT 0, parser TEXT,
      parse_error TEXT, PRIMARY KEY (bundle_id, name)) WITHOUT ROWID;
    INSERT INTO artifact_rows_8 SELECT r.bundle_id, a.name, r.source, r.origin_kind, r.origin, r.size, r.sha256, r.truncated, r.exit_status, r.verified, r.parser, r.parse_error
      FROM artifact_rows r JOIN fact_artifacts a USING (bundle_id, no);
    CREATE TABLE kernel_log_8 (bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE, seq INTEGER, usec INTEGER, level INTEGER, device_key TEXT,
      text TEXT NOT NULL, artifact TEXT);
    INSERT INTO kernel_log_8 SELECT k.bundle_id, k.seq, k.usec, k.level, k.device_key, k.text, a.name FROM kernel_log_rows k
      LEFT JOIN fact_artifacts a ON a.bundle_id = k.bundle_id AND a.no = k.artifact_no ORDER BY k.bundle_id, k.no;
    DROP VIEW artifacts; DROP TABLE artifact_rows; ALTER TABLE artifact_rows_8 RENAME TO artifact_rows;
    DROP VIEW kernel_log; DROP TABLE kernel_log_rows; ALTER TABLE kernel_log_8 RENAME TO kernel_log;
    CREATE VIEW artifacts AS SELECT * FROM artifact_rows;
    DELETE FROM fact_artifacts WHERE no NOT IN (SELECT artifact_no FROM setting_rows s WHERE s.bundle_id = fact_artifacts.bundle_id AND artifact_no IS NOT NULL);`;

  for (const version of [8, 9, 10, 11, 12, 13]) {
    it(`version ${version} is converted in place: every artifact, kernel log line, setting and PCI capability reads the same through the views as when this version loaded it`, async () => {
      ensureBuilt();
      const dir = suiteDir();
      const path = join(dir, `v${version}.db`);
      const db = openDatabase(path);
      const bundle = collectTree(dir, `fake-v${version}.tar.gz`);
      await loadBundle(db, bundle);
      await loadBundle(db, bundle, { replace: true });
      const before = views(db);
      expect(before.kernelLog.length).toBeGreaterThan(5);
      expect(before.settings.length).toBeGreaterThan(1000);
      expect(before.capabilities.length).toBeGreaterThan(40);
      expect(before.capabilities.filter((c) => (c as { fields: string | null }).fields !== null).length).toBeGreaterThan(20);
      db.close();
      const old = new Database(path);
      registerClassFunctions(old);
      toV13(old);
      if (version <= 12) old.exec(TO_12);
      if (version <= 11) old.exec(TO_11);
      if (version <= 10) old.exec(TO_10);
      if (version <= 9) old.exec(TO_9);
      if (version === 8) old.exec(TO_8);
      old.exec(`UPDATE meta SET value = '${version}' WHERE key = 'schema_version'`);
      old.close();

      const upgraded = openDatabase(path);
      try {
        expect(upgraded.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get()).toEqual({ value: String(SCHEMA_VERSION) });
        const after = views(upgraded);
        // Version 8 numbered only the settings' artifacts: the others get new numbers, the same names.
        expect(after).toEqual(version === 8 ? { ...before, names: after.names } : before);
        expect(after.names.map((n) => (n as { name: string }).name).sort()).toEqual(before.names.map((n) => (n as { name: string }).name).sort());
        expect(upgraded.prepare(`SELECT count(*) = count(DISTINCT bundle_id || ' ' || name) AS once FROM fact_artifacts`).get()).toEqual({ once: 1 });
        expect(upgraded.prepare(`SELECT name FROM sqlite_master WHERE name GLOB '*_v[89]' OR name GLOB '*_[89]' OR name GLOB '*_v1[012]' OR name GLOB '*_1[012]'`).all()).toEqual([]);
        // Each distinct text once in kernel_log_texts.
        expect(upgraded.prepare(`SELECT count(*) AS n FROM kernel_log_texts`).get()).toEqual(upgraded.prepare(`SELECT count(DISTINCT text) AS n FROM kernel_log`).get());
        // Capabilities loaded before version 12 stay decoded as they were (their bytes were not kept); new ones are read from config space.
        if (version <= 11) {
          expect(upgraded.prepare(`SELECT count(*) AS n FROM pci_config_uses`).get()).toEqual({ n: 0 });
          expect(upgraded.prepare(`SELECT count(*) AS n FROM pci_capability_rows`).get()).toEqual({ n: before.capabilities.length });
        }
        expect(upgraded.prepare(`SELECT count(*) AS n FROM artifact_hashes`).get()).toEqual(upgraded.prepare(`SELECT count(DISTINCT sha256) AS n FROM artifacts`).get());
        expect(upgraded.prepare(`SELECT count(*) AS n FROM artifact_origins`).get()).toEqual(upgraded.prepare(`SELECT count(DISTINCT origin) AS n FROM artifacts WHERE origin <> json_object('kind', origin_kind, 'path', '/' || name)`).get());
      } finally {
        upgraded.close();
      }
      // Two loads of the fake host and a conversion through every older version: minutes on a loaded machine.
    }, 240_000);
  }
});

describe('the fake host in the database', () => {
  it('its register dumps, artifact rows and settings take what version 7 measured, not what one row per word, hex text and repeated names took', async () => {
    ensureBuilt();
    const dir = suiteDir();
    const db = openDatabase(join(dir, 'fake.db'));
    try {
      await loadBundle(db, collectTree(dir, 'fake.tar.gz'));
      const kib = (name: string): number => ((db.prepare(`SELECT sum(pgsize) AS b FROM dbstat WHERE name = ?`).get(name) as { b: number | null }).b ?? 0) / 1024;
      // Version 4: registers 204 KiB, artifacts 200 + 52 KiB of primary-key index.
      expect(kib('register_dump_rows')).toBeGreaterThan(0);
      expect(kib('register_dump_rows')).toBeLessThanOrEqual(24);
      expect(kib('artifact_rows')).toBeLessThanOrEqual(120);
      // Version 6: settings 171 KiB and 99 KiB of index.
      expect(kib('setting_rows')).toBeLessThanOrEqual(140);
      expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE tbl_name = 'setting_rows' AND type = 'index'`).get()).toEqual({ n: 0 });
      expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE tbl_name = 'artifact_rows' AND type = 'index'`).get()).toEqual({ n: 0 });
      // Every stored word is a row of the view.
      const words = (db.prepare(`SELECT sum(length(data)) / 4 AS n FROM register_dumps`).get() as { n: number }).n;
      expect(words).toBeGreaterThan(1000);
      expect(db.prepare(`SELECT count(*) AS n FROM registers`).get()).toEqual({ n: words });
    } finally {
      db.close();
    }
  });
});
