import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { writeTree } from '../faults/fault-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-hba-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rows = (db: Db, sql: string): Record<string, unknown>[] => db.prepare(sql).all() as Record<string, unknown>[];

/**
 * SCSI hosts as the kernel lays them out: /sys/class/scsi_host/hostN links to the host under its PCI function.
 * Attribute names per driver from the drivers' sysfs attribute tables (mpt3sas version_fw/version_bios/board_name,
 * qla2xxx fw_version, hpsa firmware_revision, smartpqi firmware_version); version shapes from public outputs
 * (Broadcom SAS3 P16 firmware 16.00.10.00, BIOS 8.37.00.00). host0 is an AHCI port (under its ata1 port), which keeps no version and gets no row.
 */
function hbaTree(root: string): void {
  const host = (n: string, bdf: string, attrs: Record<string, string>): Record<string, string | { link: string }> => {
    const real = `sys/devices/pci0000:00/0000:00:03.0/${bdf}/host${n}/scsi_host/host${n}`;
    return {
      [`sys/class/scsi_host/host${n}`]: { link: `../../devices/pci0000:00/0000:00:03.0/${bdf}/host${n}/scsi_host/host${n}` },
      ...Object.fromEntries(Object.entries(attrs).map(([a, v]) => [`${real}/${a}`, `${v}\n`])),
    };
  };
  writeTree(root, {
    ...host('0', '0000:00:17.0/ata1', { proc_name: 'ahci', link_power_management_policy: 'med_power_with_dipm' }),
    ...host('1', '0000:02:00.0', { proc_name: 'mpt3sas', version_fw: '16.00.10.00', version_bios: '08.37.00.00', version_product: 'SAS3008', board_name: 'SAS9300-8i' }),
    ...host('2', '0000:05:00.0', { proc_name: 'qla2xxx', fw_version: '8.08.231 (d0d5)' }),
    ...host('3', '0000:06:00.0', { proc_name: 'hpsa', firmware_revision: '7.00' }),
    ...host('4', '0000:07:00.0', { proc_name: 'smartpqi', firmware_version: '1.98-0' }),
  });
}

describe('HBA firmware versions from scsi_host attributes', () => {
  it('reach the firmware table, from a tree through collect --root and the bundle', async () => {
    const root = join(dir, 'tree');
    hbaTree(root);
    const r = await collect({ output: join(dir, 'hba.tar.gz'), root, only: ['scsi'], isolation: 'inline' });
    expect(r.manifest.sources.find((s) => s.name === 'scsi')).toMatchObject({ status: 'ok' });
    const db = openDatabase(':memory:');
    await loadBundle(db, r.path);
    expect(rows(db, `SELECT device_key, component, version, state FROM firmware WHERE device_key LIKE 'scsi_host:%' ORDER BY device_key, component`)).toEqual([
      { device_key: 'scsi_host:host1', component: 'bios', version: '08.37.00.00', state: 'running' },
      { device_key: 'scsi_host:host1', component: 'firmware', version: '16.00.10.00', state: 'running' },
      { device_key: 'scsi_host:host2', component: 'firmware', version: '8.08.231 (d0d5)', state: 'running' },
      { device_key: 'scsi_host:host3', component: 'firmware', version: '7.00', state: 'running' },
      { device_key: 'scsi_host:host4', component: 'firmware', version: '1.98-0', state: 'running' },
    ]);
    expect(rows(db, `SELECT device_key, class, pci_address, driver, model FROM devices WHERE class = 'scsi_host' ORDER BY device_key`)).toEqual([
      { device_key: 'scsi_host:host1', class: 'scsi_host', pci_address: '0000:02:00.0', driver: 'mpt3sas', model: 'SAS9300-8i' },
      { device_key: 'scsi_host:host2', class: 'scsi_host', pci_address: '0000:05:00.0', driver: 'qla2xxx', model: null },
      { device_key: 'scsi_host:host3', class: 'scsi_host', pci_address: '0000:06:00.0', driver: 'hpsa', model: null },
      { device_key: 'scsi_host:host4', class: 'scsi_host', pci_address: '0000:07:00.0', driver: 'smartpqi', model: null },
    ]);
    expect(rows(db, `SELECT value FROM settings WHERE device_key = 'scsi_host:host1' AND namespace = 'scsi_host' AND key = 'version_product'`)).toEqual([{ value: 'SAS3008' }]);
    expect(rows(db, `SELECT code, message FROM collection_issues WHERE stage = 'analyze'`)).toEqual([]);
  });
});
