import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { writeTree } from '../faults/fault-helpers.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';

const FAKEHOST = await fakehostRoot();
const dir = mkdtempSync(join(tmpdir(), 'fwsnap-rdma-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rows = (db: Db, sql: string): Record<string, unknown>[] => db.prepare(sql).all() as Record<string, unknown>[];

async function collectAndLoad(root: string, name: string): Promise<Db> {
  const r = await collect({ output: join(dir, `${name}.tar.gz`), root, only: ['rdma'], isolation: 'inline' });
  expect(r.manifest.sources.find((s) => s.name === 'rdma')).toMatchObject({ status: 'ok' });
  const db = openDatabase(':memory:');
  await loadBundle(db, r.path);
  return db;
}

describe('rdma loader', () => {
  it('loads the fake host\'s two mlx5 RDMA devices: fw_ver into firmware, the PCI parent, identity and ports', async () => {
    const db = await collectAndLoad(FAKEHOST, 'fakehost');
    expect(rows(db, `SELECT d.device_key, d.pci_address, d.parent_key, f.version FROM devices d JOIN firmware f ON f.bundle_id = d.bundle_id AND f.device_key = d.device_key
      WHERE d.class = 'rdma' AND f.component = 'firmware' AND f.state = 'running' ORDER BY d.device_key`)).toEqual([
      { device_key: 'rdma:mlx5_0', pci_address: '0000:3b:00.0', parent_key: '0000:3b:00.0', version: '22.39.1002' },
      { device_key: 'rdma:mlx5_1', pci_address: '0000:3b:00.1', parent_key: '0000:3b:00.1', version: '22.39.1002' },
    ]);
    expect(rows(db, `SELECT device_key, value FROM settings WHERE namespace = 'rdma' AND key = 'board_id' ORDER BY device_key`)).toEqual([
      { device_key: 'rdma:mlx5_0', value: 'MT_0000000359' },
      { device_key: 'rdma:mlx5_1', value: 'MT_0000000359' },
    ]);
    expect(rows(db, `SELECT device_key, value FROM settings WHERE namespace = 'rdma.port' AND key = '1.state' ORDER BY device_key`)).toEqual([
      { device_key: 'rdma:mlx5_0', value: '4: ACTIVE' },
      { device_key: 'rdma:mlx5_1', value: '1: DOWN' },
    ]);
  });

  it('reads a device with no PCI parent (a software RDMA device) and keeps its node GUID', async () => {
    const root = join(dir, 'rxe');
    // rdma_rxe: a software device over an Ethernet interface; its node GUID comes from the MAC address.
    writeTree(root, {
      'sys/class/infiniband/rxe0': { link: '../../devices/virtual/infiniband/rxe0' },
      'sys/devices/virtual/infiniband/rxe0/fw_ver': '0.0.0\n',
      'sys/devices/virtual/infiniband/rxe0/node_guid': '5054:00ff:fe12:3456\n',
      'sys/devices/virtual/infiniband/rxe0/node_type': '1: CA\n',
      'sys/devices/virtual/infiniband/rxe0/ports/1/state': '4: ACTIVE\n',
      'sys/devices/virtual/infiniband/rxe0/ports/1/link_layer': 'Ethernet\n',
    });
    const db = await collectAndLoad(root, 'rxe');
    expect(rows(db, `SELECT device_key, pci_address FROM devices WHERE class = 'rdma'`)).toEqual([{ device_key: 'rdma:rxe0', pci_address: null }]);
    expect(rows(db, `SELECT component, version FROM firmware WHERE device_key = 'rdma:rxe0'`)).toEqual([{ component: 'firmware', version: '0.0.0' }]);
    expect(rows(db, `SELECT key, value FROM settings WHERE device_key = 'rdma:rxe0' ORDER BY namespace, key`)).toEqual([
      { key: 'node_guid', value: '5054:00ff:fe12:3456' },
      { key: 'node_type', value: '1: CA' },
      { key: '1.link_layer', value: 'Ethernet' },
      { key: '1.state', value: '4: ACTIVE' },
    ]);
  });
});
