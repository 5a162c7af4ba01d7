import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { scsiHost, writeScsiTree } from './tree.js';

let db: Db;
const dir = mkdtempSync(join(tmpdir(), 'fwsnap-scsi-'));
const rows = (sql: string): Record<string, unknown>[] => db.prepare(sql).all() as Record<string, unknown>[];
const setting = (device: string, ns: string, key: string): unknown =>
  (db.prepare('SELECT value FROM settings WHERE device_key = ? AND namespace = ? AND key = ?').get(device, ns, key) as { value: unknown } | undefined)?.value;

beforeAll(async () => {
  writeScsiTree(join(dir, 'tree'), scsiHost());
  const r = await collect({ output: join(dir, 'b.tar.gz'), root: join(dir, 'tree'), only: ['scsi'], isolation: 'inline' });
  expect(r.manifest.sources.find((s) => s.name === 'scsi')).toMatchObject({ status: 'ok' });
  db = openDatabase(':memory:');
  await loadBundle(db, r.path);
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scsi loader, from a tree through collect --root and the bundle', () => {
  it('loads no analysis issue', () => expect(rows(`SELECT code, message FROM collection_issues WHERE stage = 'analyze'`)).toEqual([]));

  it('a SAS disk behind mpt3sas: INQUIRY identity, rev as firmware, VPD 0x80 serial and 0x83 names, queue and power settings', () => {
    expect(rows(`SELECT device_key, class, pci_address, parent_key, model, serial FROM devices WHERE class = 'scsi'`)).toEqual([
      { device_key: 'scsi:1:0:0:0', class: 'scsi', pci_address: '0000:02:00.0', parent_key: 'scsi_host:host1', model: 'EK0800JVYPN', serial: 'S3E0CF5X0000K743' },
    ]);
    expect(rows(`SELECT component, version, state FROM firmware WHERE device_key = 'scsi:1:0:0:0'`)).toEqual([{ component: 'firmware', version: 'HPD6', state: 'running' }]);
    expect(setting('scsi:1:0:0:0', 'scsi', 'vendor')).toBe('HP');
    expect(setting('scsi:1:0:0:0', 'scsi', 'queue_depth')).toBe('254');
    expect(setting('scsi:1:0:0:0', 'scsi', 'power/control')).toBe('on');
    expect(setting('scsi:1:0:0:0', 'vpd', 'lu_name')).toBe('naa.5000c5003011cb2b');
    expect(setting('scsi:1:0:0:0', 'vpd', 'designator.target-port.naa')).toBe('naa.5000c5003011cb29');
  });

  it('the SATA disk on the AHCI port is left to the ata class, and its host gets no row', () => {
    expect(rows(`SELECT device_key FROM devices WHERE device_key IN ('scsi:0:0:0:0', 'scsi_host:host0')`)).toEqual([]);
  });

  it('hosts: firmware, BIOS, flash image and NVDATA rows per driver', () => {
    expect(rows(`SELECT device_key, component, state, version FROM firmware WHERE device_key LIKE 'scsi_host:%' ORDER BY device_key, component, state`)).toEqual([
      { device_key: 'scsi_host:host1', component: 'bios', state: 'running', version: '08.37.00.00' },
      { device_key: 'scsi_host:host1', component: 'firmware', state: 'running', version: '16.00.10.00' },
      { device_key: 'scsi_host:host1', component: 'nvdata', state: 'running', version: '0e.01.00.07' },
      { device_key: 'scsi_host:host2', component: 'bios', state: 'running', version: '3.57' },
      { device_key: 'scsi_host:host2', component: 'firmware', state: 'running', version: '8.08.231 (d0d5)' },
      { device_key: 'scsi_host:host2', component: 'firmware', state: 'stored', version: '8.08.231 0' },
      { device_key: 'scsi_host:host3', component: 'firmware', state: 'running', version: '7.00' },
      { device_key: 'scsi_host:host4', component: 'firmware', state: 'running', version: '1.98-0' },
      { device_key: 'scsi_host:host5', component: 'bios', state: 'running', version: '5.03a0' },
      { device_key: 'scsi_host:host5', component: 'firmware', state: 'running', version: '2.02X12 (U3H2.02X12)' },
      { device_key: 'scsi_host:host7', component: 'bios', state: 'running', version: '7.8-0[32114]' },
      { device_key: 'scsi_host:host7', component: 'firmware', state: 'running', version: '7.8-0[32114]' },
      { device_key: 'scsi_host:host8', component: 'bios', state: 'running', version: '3.2.5.1' },
      { device_key: 'scsi_host:host8', component: 'firmware', state: 'running', version: '3.2.5.1' },
    ]);
    expect(setting('scsi_host:host5', 'scsi_host', 'sli')).toBe('sli-3');
    expect(setting('scsi_host:host1', 'scsi_host', 'ioc_reset_count')).toBe('2');
    expect(setting('scsi_host:host3', 'scsi_host', 'lockup_detected')).toBe('0');
    expect(rows(`SELECT device_key, driver, model, serial FROM devices WHERE device_key IN ('scsi_host:host2', 'scsi_host:host5')`)).toEqual([
      { device_key: 'scsi_host:host2', driver: 'qla2xxx', model: 'QLE2562', serial: 'RFD1234K56789' },
      { device_key: 'scsi_host:host5', driver: 'lpfc', model: 'LPe12002', serial: 'VM12345678' },
    ]);
  });

  it('megaraid_sas keeps no version in sysfs: its host is a row without firmware (kernel-log rules attach to it)', () => {
    expect(rows(`SELECT device_key, driver, pci_address FROM devices WHERE device_key = 'scsi_host:host6'`)).toEqual([{ device_key: 'scsi_host:host6', driver: 'megaraid_sas', pci_address: '0000:09:00.0' }]);
    expect(rows(`SELECT * FROM firmware WHERE device_key = 'scsi_host:host6'`)).toEqual([]);
  });

  it('SAS expander with its firmware revision, a phy, and the FC host of the qla2xxx adapter', () => {
    expect(rows(`SELECT device_key, parent_key, model FROM devices WHERE class IN ('sas_expander', 'sas_phy', 'fc_host') ORDER BY device_key`)).toEqual([
      { device_key: 'fc_host:host2', parent_key: 'scsi_host:host2', model: null },
      { device_key: 'sas_expander:expander-1:0', parent_key: 'scsi_host:host1', model: 'SAS3x28' },
      { device_key: 'sas_phy:phy-1:0', parent_key: 'scsi_host:host1', model: null },
    ]);
    expect(rows(`SELECT version FROM firmware WHERE device_key = 'sas_expander:expander-1:0'`)).toEqual([{ version: '0601' }]);
    expect(setting('fc_host:host2', 'fc', 'port_state')).toBe('Online');
    expect(rows(`SELECT version, artifact FROM firmware WHERE device_key = 'fc_host:host2'`)).toEqual([{ version: '8.08.231', artifact: 'sys/class/fc_host/host2/symbolic_name' }]);
    expect(setting('sas_phy:phy-1:0', 'sas', 'negotiated_linkrate')).toBe('12.0 Gbit');
  });
});
