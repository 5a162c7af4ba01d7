import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandArtifactName } from '../../bundle/format.js';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { bdfOf, mlx5Loader } from '../../analyzer/classes/mlx5/loader.js';
import { writeBundle, type FakeArtifact } from '../helpers/bundle.js';
import { fakeMgir } from './fixtures/registers.js';

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-mlx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = (p: string): string => readFileSync(new URL(`./fixtures/${p}`, import.meta.url), 'utf8');
const cmd = (argv: string[], data: string): FakeArtifact => ({ name: commandArtifactName(argv, 'stdout'), data, origin: { kind: 'cmd', argv, stream: 'stdout' } });
const ioctl = (dev: string, what: string, data: Buffer): FakeArtifact => ({
  name: `ioctl/fwctl/${dev}/${what}.bin`, data, origin: { kind: 'ioctl', class: 'fwctl', device: dev, request: 'FWCTL_RPC', requestNumber: 0x9a01, what },
});
const rows = (db: Db, sql: string): Record<string, unknown>[] => db.prepare(sql).all() as Record<string, unknown>[];

let n = 0;
async function load(artifacts: FakeArtifact[]): Promise<Db> {
  const path = join(dir, `b${n++}.tar.gz`);
  await writeBundle(path, artifacts);
  const db = openDatabase(':memory:');
  await loadBundle(db, path, { loaders: [mlx5Loader], streaming: [] });
  return db;
}

const info = (type: number): Buffer => {
  const b = Buffer.alloc(24);
  b.writeUInt32LE(24, 0);
  b.writeUInt32LE(type, 8);
  b.writeUInt32LE(8, 12);
  return b;
};
const answer = (status: number, data: Buffer): Buffer => {
  const b = Buffer.alloc(16 + data.length);
  b.writeUInt8(status, 0);
  data.copy(b, 16);
  return b;
};

describe('mlx loader', () => {
  it('keys settings by the PCI address given to mstconfig, one row per mode; short addresses get their domain', async () => {
    const db = await load([cmd(['mstconfig', '-d', '3b:00.0', '-e', 'query'], fixture('layouts/fakehost-f0-e-query.txt'))]);
    expect(rows(db, `SELECT key, mode, value FROM settings WHERE device_key = '0000:3b:00.0' AND namespace = 'mlxconfig' AND key IN ('NUM_OF_VFS', 'SRIOV_EN') ORDER BY key, rowid`)).toEqual([
      { key: 'NUM_OF_VFS', mode: 'default', value: '8' }, { key: 'NUM_OF_VFS', mode: 'current', value: '8' }, { key: 'NUM_OF_VFS', mode: 'next_boot', value: '200' },
      { key: 'SRIOV_EN', mode: 'default', value: '0' }, { key: 'SRIOV_EN', mode: 'current', value: '1' }, { key: 'SRIOV_EN', mode: 'next_boot', value: '1' },
    ]);
    expect(rows(db, `SELECT count(*) AS n FROM settings WHERE key = 'HOST_CHAINING_DESCRIPTORS'`)).toEqual([{ n: 0 }]); // Array[0..7] is no value
    expect(rows(db, `SELECT key, value FROM settings WHERE namespace = 'mlx.device' ORDER BY key`)).toEqual([
      { key: 'description', value: 'NVIDIA ConnectX-6 Dx EN adapter card; 100GbE; Dual-port QSFP56; PCIe 4.0/3.0 x16;' },
      { key: 'device_type', value: 'ConnectX6DX' }, { key: 'part_number', value: 'MCX623106AN-CDA_Ax' },
    ]);
  });

  it('splits a several-device output by the device each section names; one named only by its mst node is keyed by that name', async () => {
    const text = fixture('layouts/two-devices-next-boot.txt').replace('/dev/mst/mt4119_pciconf0', '0000:05:00.0');
    const db = await load([cmd(['mstconfig', 'query'], text)]);
    expect(rows(db, `SELECT device_key, key, value, mode FROM settings WHERE namespace = 'mlxconfig' AND device_key = '0000:05:00.0' ORDER BY rowid`)).toEqual([
      { device_key: '0000:05:00.0', key: 'NUM_OF_VFS', value: '4', mode: 'next_boot' },
      { device_key: '0000:05:00.0', key: 'SRIOV_EN', value: '1', mode: 'next_boot' },
      { device_key: '0000:05:00.0', key: 'LINK_TYPE_P1', value: '1', mode: 'next_boot' },
      { device_key: '0000:05:00.0', key: 'LINK_TYPE_P2', value: '2', mode: 'next_boot' },
    ]);
    expect(rows(db, `SELECT DISTINCT device_key FROM settings WHERE device_key LIKE 'mst:%'`)).toEqual([{ device_key: 'mst:mt4117_pciconf0' }]);
    expect(rows(db, `SELECT code FROM collection_issues WHERE stage = 'analyze'`)).toEqual([]);
  });

  it('records stored and running firmware, PSID and ROMs from mstflint; a bad output is a parse error of that artifact only', async () => {
    const db = await load([
      cmd(['mstflint', '-d', '0000:3b:00.0', 'query'], fixture('layouts/pending-flint-q.txt')),
      cmd(['mstflint', '-d', '0000:3b:00.1', 'query'], 'garbage\n'),
    ]);
    expect(rows(db, `SELECT device_key, component, version, state FROM firmware ORDER BY rowid`)).toEqual([
      { device_key: '0000:3b:00.0', component: 'firmware', version: '22.41.1000', state: 'stored' },
      { device_key: '0000:3b:00.0', component: 'firmware', version: '22.39.1002', state: 'running' },
      { device_key: '0000:3b:00.0', component: 'psid', version: 'MT_0000000359', state: 'fixed' },
      { device_key: '0000:3b:00.0', component: 'rom.uefi', version: '14.32.17', state: 'stored' },
      { device_key: '0000:3b:00.0', component: 'rom.pxe', version: '3.7.300', state: 'stored' },
    ]);
    expect(rows(db, `SELECT name, parse_error FROM artifacts WHERE parse_error IS NOT NULL`)).toEqual([
      { name: 'cmd/mstflint/-d_0000:3b:00.1_query.out', parse_error: 'mstflint-query: no FW Version, FW Version(Running) or PSID in the output' },
    ]);
  });

  it('keys a saved query with no device in its name by the command line pasted above it, below any number of lines (a forwarded mail header block)', async () => {
    const flint = ['Image type:            FS2', 'FW Version:            2.42.5000', 'PSID:                  HP_0280210019', ''].join('\n');
    const config = ['Device #1:', '----------', '', 'Device type:    ConnectX5', 'Name:           N/A', 'Description:    N/A', 'Device:         mt4119_pciconf0', '',
      'Configurations:                              Next Boot', '         SRIOV_EN                            True(1)', ''].join('\n');
    const mail = (command: string, text: string): string =>
      `Please see below.\n\n-----Original Message-----\nFrom: Bob Roe <bob@example.com>\nSent: Monday, December 1, 2026 10:00 AM\nTo: Support <support@example.com>\nSubject: RE: firmware question\n\n${command}\n${text}`;
    const saved = (tool: string, text: string): FakeArtifact => ({ name: `cmd/${tool}/q.out`, data: text, origin: { kind: 'cmd', argv: [tool, 'q'], stream: 'stdout' } });
    const db = await load([
      saved('flint', mail('PS C:\\Users\\Administrator> flint -d 0000:07:00.0 query', flint)),
      saved('mlxconfig', mail('root@host:~# mlxconfig -d 0000:3b:00.0 q', config)),
    ]);
    expect(rows(db, `SELECT device_key, component, version FROM firmware WHERE component = 'psid'`)).toEqual([{ device_key: '0000:07:00.0', component: 'psid', version: 'HP_0280210019' }]);
    expect(rows(db, `SELECT device_key, key, value FROM settings WHERE namespace = 'mlxconfig'`)).toEqual([{ device_key: '0000:3b:00.0', key: 'SRIOV_EN', value: '1' }]);
  });

  it('stores no part number, description or PSID where the paste shows a placeholder or a mask (N/A, REDACTED, XXXXXXXX) instead', async () => {
    const preview = [
      'Device #1:', '----------', '', 'Device type:    ConnectX4', 'Name:           REDACTED', 'Description:    N/A', 'Device:         0000:3b:00.0', '',
      'Configurations:                              Next Boot       New', '         LINK_TYPE_P1                        IB(1)           ETH(2)', '',
    ].join('\n');
    const flint = ['Image type:            FS3', 'FW Version:            14.32.1010', 'Part Number:           [redacted]', 'Description:           XXXXXXXX', 'PSID:                  ****', ''].join('\n');
    const db = await load([cmd(['mlxconfig', '-d', '3b:00.0', 'set', 'LINK_TYPE_P1=2'], preview), cmd(['mstflint', '-d', '0000:3b:00.1', 'q', 'full'], flint)]);
    expect(rows(db, `SELECT device_key, key, value FROM settings WHERE namespace = 'mlx.device' ORDER BY device_key, key`)).toEqual([
      { device_key: '0000:3b:00.0', key: 'device_type', value: 'ConnectX4' },
      { device_key: '0000:3b:00.1', key: 'image_type', value: 'FS3' },
    ]);
    expect(rows(db, `SELECT component, version, state FROM firmware WHERE device_key = '0000:3b:00.1' ORDER BY rowid`)).toEqual([
      { component: 'firmware', version: '14.32.1010', state: 'stored' }, { component: 'firmware', version: '14.32.1010', state: 'running' },
    ]);
  });

  it('decodes fwctl MGIR into register fields and, without mstflint, into firmware rows; a TLV the firmware does not know leaves no rows', async () => {
    const db = await load([
      { name: 'sys/class/fwctl/fwctl3/device', data: '../../../0000:af:00.1', origin: { kind: 'link', path: '/sys/class/fwctl/fwctl3/device' } },
      ioctl('fwctl3', 'info', info(1)),
      ioctl('fwctl3', 'access-reg-mgir', answer(0, fakeMgir())),
      ioctl('fwctl3', 'mnvda-nv_rom_cap', answer(3, Buffer.alloc(16))),
      ioctl('fwctl4', 'info', info(3)),
    ]);
    expect(rows(db, `SELECT device_key, class, pci_address, driver FROM devices ORDER BY device_key`)).toEqual([
      { device_key: 'fwctl:fwctl3', class: 'fwctl', pci_address: '0000:af:00.1', driver: 'mlx5' },
      { device_key: 'fwctl:fwctl4', class: 'fwctl', pci_address: null, driver: 'bnxt' },
    ]);
    expect(rows(db, `SELECT field, value, note FROM register_fields WHERE device_key = '0000:af:00.1' AND field IN ('fw_info.major', 'fw_info.extended_major', 'fw_info.psid')`)).toEqual([
      { field: 'fw_info.major', value: '0', note: "Deprecated and returns '0'. Refer to extended_major." },
      { field: 'fw_info.psid', value: 'MT_0000000359', note: null },
      { field: 'fw_info.extended_major', value: '22', note: null },
    ]);
    expect(rows(db, `SELECT component, version, state FROM firmware ORDER BY rowid`)).toEqual([
      { component: 'firmware', version: '22.39.1002', state: 'running' },
      { component: 'psid', version: 'MT_0000000359', state: 'fixed' },
    ]);
    expect(rows(db, `SELECT count(*) AS n FROM registers`)).toEqual([{ n: 0 }]); // nv_rom_cap answered BAD_PARAM
  });
});

describe('device arguments of the mst tools', () => {
  it.each([
    ['3b:00.0', '0000:3b:00.0'],
    ['0000:3B:00.1', '0000:3b:00.1'],
    ['0002:01:00.0', '0002:01:00.0'],
    ['/sys/bus/pci/devices/0000:3b:00.0/config', '0000:3b:00.0'],
    ['pciconf-0000:41:00.0', '0000:41:00.0'],
    ['pci0:59:0:0', '0000:3b:00.0'],
    ['/proc/bus/pci/07/00.0', '0000:07:00.0'],
    ['/proc/bus/pci/0001:07/00.1', '0001:07:00.1'],
    ['/dev/mst/mt4119_pciconf0', undefined],
    ['mlx5_0', undefined],
  ])('%s → %s', (dev, key) => {
    expect(bdfOf(dev)).toBe(key);
  });
});
