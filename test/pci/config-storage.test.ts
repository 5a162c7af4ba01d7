import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { exportBundleRows, writeBundleRows } from '../../analyzer/load/bundle-rows.js';
import { pciLoader } from '../../analyzer/classes/pci/loader.js';
import { parsePciConfig } from '../../analyzer/classes/pci/pci-config.js';
import { GEN4_X16_AT_GEN3_X8, connectx6Dx, nvmeSsd, rootPort } from './fixtures/devices.js';

// Schema 12: config space one blob per function, kept once per content however many hosts read the same bytes;
// capabilities read from those bytes through views (ids, offsets, names in plain SQL; decoded registers through
// pci_cap_fields, which fwsnap registers).
const CONFIGS: Record<string, Buffer> = {
  '0000:3a:00.0': rootPort(),
  '0000:3b:00.0': connectx6Dx(GEN4_X16_AT_GEN3_X8),
  '0000:3b:00.1': connectx6Dx(GEN4_X16_AT_GEN3_X8),
  // Without root only the header is readable.
  '0000:00:17.0': nvmeSsd().subarray(0, 64),
};

function buildTree(root: string): void {
  mkdirSync(join(root, 'sys/bus/pci/devices'), { recursive: true });
  for (const [bdf, config] of Object.entries(CONFIGS)) {
    const dir = join(root, 'sys/devices/pci0000:00', bdf);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config'), config);
    symlinkSync(`../../../devices/pci0000:00/${bdf}`, join(root, 'sys/bus/pci/devices', bdf));
  }
}

const rows = <T>(db: Db | Database.Database, sql: string, ...params: unknown[]): T[] => db.prepare(sql).all(...params) as T[];

describe('PCI config space stored once per content, capabilities read from it', () => {
  const out = mkdtempSync(join(tmpdir(), 'fwsnap-pci-store-'));
  const path = join(out, 'a.db');
  let db: Db;
  const ids: number[] = [];
  beforeAll(async () => {
    buildTree(join(out, 'root'));
    db = openDatabase(path);
    // Two collections of one host: two bundles with the same config spaces.
    for (const n of [1, 2]) {
      const r = await collect({ output: join(out, `b${n}.tar.gz`), root: join(out, 'root'), only: ['pci'], isolation: 'inline' });
      ids.push((await loadBundle(db, r.path, { loaders: [pciLoader] })).bundleId);
    }
  });
  afterAll(() => {
    db?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('the pci_config view gives every function its bytes as read; identical bytes are stored once, without their trailing zeros', () => {
    for (const id of ids) {
      const got = rows<{ device_key: string; size: number; data: Buffer; sha256: string; artifact: string }>(db, `SELECT * FROM pci_config WHERE bundle_id = ? ORDER BY device_key`, id);
      expect(got.map((g) => g.device_key)).toEqual(Object.keys(CONFIGS).sort());
      for (const g of got) {
        expect(Buffer.compare(g.data, CONFIGS[g.device_key]!), g.device_key).toBe(0);
        expect(g.size).toBe(CONFIGS[g.device_key]!.length);
        expect(g.artifact).toBe(`sys/bus/pci/devices/${g.device_key}/config`);
      }
    }
    // Three distinct contents (the two ConnectX functions read alike) for eight functions.
    const stored = rows<{ size: number; bytes: number }>(db, `SELECT size, length(data) AS bytes FROM pci_configs ORDER BY size, bytes`);
    expect(stored).toHaveLength(3);
    for (const s of stored) expect(s.bytes).toBeLessThan(s.size);
    expect(rows(db, `SELECT count(*) AS n FROM pci_config_uses`)).toEqual([{ n: 8 }]);
  });

  it('capabilities come out of the bytes as the decoder finds them: ids, offsets, versions and names in plain SQL, fields through pci_cap_fields', () => {
    for (const [bdf, bytes] of Object.entries(CONFIGS)) {
      const want = parsePciConfig(bytes).capabilities.map((c) => ({
        cap_id: c.id, extended: c.extended ? 1 : 0, offset: c.offset, version: c.version, name: c.name, fields: c.fields ? JSON.stringify(c.fields) : null,
        artifact: `sys/bus/pci/devices/${bdf}/config`,
      }));
      const got = rows(db, `SELECT cap_id, extended, offset, version, name, fields, artifact FROM pci_capabilities WHERE bundle_id = ? AND device_key = ? ORDER BY extended, rowid`, ids[0], bdf);
      expect(got, bdf).toEqual(want);
      const plain = rows(db, `SELECT cap_id, extended, offset, version, name, artifact FROM pci_capability_list WHERE bundle_id = ? AND device_key = ? ORDER BY extended, rowid`, ids[1], bdf);
      expect(plain, bdf).toEqual(want.map(({ fields: _f, ...c }) => c));
    }
    expect(rows(db, `SELECT count(*) AS n FROM pci_capabilities WHERE device_key = '0000:3b:00.0'`)).toEqual([{ n: 2 * parsePciConfig(CONFIGS['0000:3b:00.0']!).capabilities.length }]);
    const express = rows<{ mrrs: number }>(db, `SELECT json_extract(fields, '$.devCtl.maxReadRequestBytes') AS mrrs FROM pci_capabilities WHERE device_key = '0000:3b:00.0' AND extended = 0 AND cap_id = 16`);
    expect(express).toEqual([{ mrrs: 512 }, { mrrs: 512 }]);
  });

  it('a connection without fwsnap functions (the sqlite3 command line) reads pci_config and pci_capability_list; pci_capabilities names the function it lacks', () => {
    const plain = new Database(path, { readonly: true });
    try {
      expect(rows(plain, `SELECT count(*) AS n FROM pci_config`)).toEqual([{ n: 8 }]);
      expect(rows(plain, `SELECT name FROM pci_capability_list WHERE device_key = '0000:3b:00.0' AND extended = 1 AND cap_id = 16 LIMIT 1`)).toEqual([{ name: 'Single Root I/O Virtualization (SR-IOV)' }]);
      expect(() => plain.prepare(`SELECT * FROM pci_capabilities`).all()).toThrow(/no such function: pci_cap_fields/);
    } finally {
      plain.close();
    }
  });

  it('the parallel writer copies config contents once; a content goes with the last bundle using it', () => {
    const copy = openDatabase(':memory:');
    try {
      for (const id of ids) writeBundleRows(copy, exportBundleRows(db, id, { path: `b${id}.tar.gz`, problems: [], verified: 1, complete: true }));
      expect(rows(copy, `SELECT count(*) AS n FROM pci_configs`)).toEqual([{ n: 3 }]);
      expect(rows(copy, `SELECT count(*) AS n FROM pci_capabilities`)).toEqual(rows(db, `SELECT count(*) AS n FROM pci_capabilities`));
      const [first, second] = rows<{ id: number }>(copy, `SELECT id FROM bundles ORDER BY id`).map((b) => b.id);
      copy.prepare(`DELETE FROM bundles WHERE id = ?`).run(first);
      expect(rows(copy, `SELECT count(*) AS n FROM pci_configs`)).toEqual([{ n: 3 }]);
      copy.prepare(`DELETE FROM bundles WHERE id = ?`).run(second);
      expect(rows(copy, `SELECT count(*) AS n FROM pci_configs`)).toEqual([{ n: 0 }]);
    } finally {
      copy.close();
    }
  });
});
