import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandArtifactName } from '../../../bundle/format.js';
import { openDatabase, type Db } from '../../../analyzer/db/database.js';
import { devlinkLoader } from '../../../analyzer/classes/nic/devlink-loader.js';
import { loadBundle } from '../../../analyzer/load/load-bundle.js';
import { netLoader, netRegsLoader } from '../../../analyzer/classes/nic/net-loader.js';
import { nvmeLoader } from '../../../analyzer/classes/nvme/loader.js';
import { platformLoader } from '../../../analyzer/classes/platform/loader.js';
import { cpuLoader } from '../../../analyzer/classes/cpu/loader.js';
import { ataLoader } from '../../../analyzer/classes/ata/loader.js';
import { writeBundle, type FakeArtifact } from '../../helpers/bundle.js';
import { drvinfo } from '../../nic/ethtool-structs.js';
import { micronIdCtrl } from '../../nvme/structs.js';

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-edge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = (p: string): string => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8');
const cmd = (argv: string[], data: string): FakeArtifact => ({ name: commandArtifactName(argv, 'stdout'), data, origin: { kind: 'cmd', argv, stream: 'stdout' } });
const link = (name: string, target: string): FakeArtifact => ({ name, data: target, origin: { kind: 'link', path: `/${name}` } });

let n = 0;
async function load(artifacts: FakeArtifact[]): Promise<Db> {
  const path = join(dir, `b${n++}.tar.gz`);
  await writeBundle(path, artifacts);
  const db = openDatabase(':memory:');
  await loadBundle(db, path, { loaders: [netLoader, nvmeLoader, ataLoader, devlinkLoader, platformLoader, cpuLoader], streaming: [netRegsLoader] });
  return db;
}
const rows = (db: Db, sql: string, ...args: unknown[]): Record<string, unknown>[] => db.prepare(sql).all(...args) as Record<string, unknown>[];

describe('devlink loader on text outputs of older tools', () => {
  it('reads dev info, param and health text, attaching port reporters to their device', async () => {
    const db = await load([
      cmd(['devlink', 'dev', 'info'], fixture('nic/fixtures/devlink/mlx5-dev-info.txt')),
      cmd(['devlink', 'dev', 'param', 'show'], fixture('nic/fixtures/devlink/bnxt-param.txt')),
      cmd(['devlink', 'health', 'show'], fixture('nic/fixtures/devlink/mlx5-health.txt')),
    ]);
    expect(rows(db, `SELECT device_key, pci_address FROM devices WHERE class = 'devlink' ORDER BY device_key`)).toEqual([
      { device_key: 'devlink:auxiliary/mlx5_core.eth.0', pci_address: null },
      { device_key: 'devlink:pci/0000:08:00.0', pci_address: '0000:08:00.0' },
      { device_key: 'devlink:pci/0000:08:00.1', pci_address: '0000:08:00.1' },
      { device_key: 'devlink:pci/0000:3b:00.0', pci_address: '0000:3b:00.0' },
    ]);
    expect(rows(db, `SELECT component, version, state FROM firmware WHERE device_key = 'devlink:pci/0000:08:00.1' ORDER BY rowid`)).toEqual([
      { component: 'fw.psid', version: 'MT_0000000894', state: 'fixed' },
      { component: 'fw.version', version: '28.41.1000', state: 'running' },
      { component: 'fw', version: '28.41.1000', state: 'running' },
    ]); // its stored group is cut off after "fw." in the posting: a name without a version gives no row
    expect(rows(db, `SELECT key, value, mode FROM settings WHERE namespace = 'devlink.param' ORDER BY rowid`)).toEqual([
      { key: 'allow_fw_live_reset', value: '0', mode: 'runtime' },
      { key: 'allow_fw_live_reset', value: '0', mode: 'permanent' },
    ]);
    expect(rows(db, `SELECT value FROM settings WHERE device_key = 'devlink:pci/0000:08:00.0' AND key = 'port:32768/vnic.state'`)).toEqual([{ value: 'healthy' }]);
  });
});

describe('net loader on a captured ethtool -i', () => {
  it('takes driver, firmware and bus from the text when no ioctl answer exists', async () => {
    const db = await load([cmd(['ethtool', '-i', 'em1'], fixture('nic/fixtures/ethtool/bnx2x-ethtool-i.txt'))]);
    expect(rows(db, `SELECT device_key, pci_address, driver FROM devices WHERE class = 'net'`)).toEqual([{ device_key: 'net:em1', pci_address: '0000:01:00.0', driver: 'bnx2x' }]);
    expect(rows(db, `SELECT component, version FROM firmware`)).toEqual([{ component: 'firmware', version: 'FFV7.12.19 bc 7.12.5' }]);
    expect(rows(db, `SELECT value FROM settings WHERE namespace = 'ethtool.drvinfo' AND key = 'supports_register_dump'`)).toEqual([{ value: '1' }]);
  });
});

describe('nvme loader on captured nvme-cli outputs', () => {
  it('takes model, firmware and slots from nvme id-ctrl / fw-log text when no ioctl answer exists', async () => {
    const db = await load([
      cmd(['nvme', 'id-ctrl', '/dev/nvme1'], fixture('nvme/fixtures/micron-9200-id-ctrl.txt')),
      cmd(['nvme', 'fw-log', '/dev/nvme1'], 'afi  : 0x21\nfrs1 : 0x3050383030313031 (101008P0)\nfrs2 : 0x3050393030313031 (101009P0)\n'),
    ]);
    expect(rows(db, `SELECT device_key, model, serial, vendor_id FROM devices WHERE class = 'nvme'`)).toEqual([{ device_key: 'nvme:nvme1', model: 'Micron_9200_MTFDHAL1T6TCU', serial: '18161E7964B7', vendor_id: 0x1344 }]);
    expect(rows(db, `SELECT version, state FROM firmware ORDER BY rowid`)).toEqual([
      { version: '101008P0', state: 'running' }, { version: '101008P0', state: 'slot-1' }, { version: '101009P0', state: 'slot-2' }, { version: '101009P0', state: 'pending' },
    ]);
  });
});

describe('nvme id-ctrl in every form gives the same rows', () => {
  it('stores the binary answer, the text and the JSON of one controller alike (settings and power states)', async () => {
    const facts = async (a: FakeArtifact): Promise<Record<string, unknown>[]> =>
      rows(await load([a]), `SELECT namespace, key, value FROM settings WHERE device_key = 'nvme:nvme1' AND namespace IN ('nvme.id-ctrl', 'nvme.power-state') ORDER BY namespace, key`);
    const fromBinary = await facts({ name: 'ioctl/nvme/nvme1/id-ctrl.bin', data: micronIdCtrl(), origin: { kind: 'ioctl', class: 'nvme', device: 'nvme1', request: 'NVME_IOCTL_ADMIN_CMD', requestNumber: 0, what: 'id-ctrl' } });
    const fromText = await facts(cmd(['nvme', 'id-ctrl', '/dev/nvme1'], fixture('nvme/fixtures/micron-9200-id-ctrl.txt')));
    expect(fromBinary.length).toBeGreaterThan(15);
    expect(fromText).toEqual(fromBinary);
    expect(fromText).toContainEqual({ namespace: 'nvme.power-state', key: 'ps0', value: '25W enlat:100 exlat:100' });
    expect(fromText).toContainEqual({ namespace: 'nvme.id-ctrl', key: 'firmware_slots', value: '3' });
  });
});

describe('bad artifacts', () => {
  it('records a parse error against the artifact and still loads the rest of the interface', async () => {
    const db = await load([
      { name: 'ioctl/net/eth0/drvinfo.bin', data: Buffer.alloc(20) },
      { name: 'sys/class/net/eth0/mtu', data: '9000\n' },
      link('sys/class/net/eth0/device', '../../../0000:01:00.0'),
    ]);
    expect(rows(db, `SELECT device_key, pci_address, driver FROM devices WHERE class = 'net'`)).toEqual([{ device_key: 'net:eth0', pci_address: '0000:01:00.0', driver: null }]);
    expect(rows(db, `SELECT parse_error FROM artifacts WHERE name = 'ioctl/net/eth0/drvinfo.bin'`)).toEqual([{ parse_error: 'ethtool-drvinfo: input is 20 bytes, expected at least 196 (at 20)' }]);
    expect(rows(db, `SELECT value FROM settings WHERE key = 'mtu'`)).toEqual([{ value: '9000' }]);
  });

  it('reports a register dump whose header lies, without rows', async () => {
    const regs = Buffer.alloc(16);
    regs.writeUInt32LE(4, 0);
    regs.writeUInt32LE(7, 4);
    regs.writeUInt32LE(400, 8);
    const db = await load([{ name: 'ioctl/net/eth0/regs.bin', data: regs }, { name: 'ioctl/net/eth0/drvinfo.bin', data: drvinfo({ driver: 'e1000e', bus: '0000:00:1f.6' }) }]);
    expect(rows(db, 'SELECT count(*) n FROM registers')).toEqual([{ n: 0 }]);
    expect(rows(db, `SELECT code, target FROM collection_issues WHERE stage = 'analyze'`)).toEqual([{ code: 'PARSE', target: 'ioctl/net/eth0/regs.bin' }]);
  });

  it('does not attach an ATA device it cannot map, and skips empty ports', async () => {
    const id = fixture('ata/fixtures/samsung-870-qvo-id.txt');
    const db = await load([
      { name: 'sys/class/ata_device/dev3.0/.link', data: '../../devices/pci0000:00/0000:00:17.0/ata3/link3/dev3.0/ata_device/dev3.0', origin: { kind: 'link', path: '/sys/class/ata_device/dev3.0' } },
      { name: 'sys/class/ata_device/dev3.0/id', data: id },
      { name: 'sys/class/ata_device/dev3.0/class', data: 'ata\n' },
      { name: 'sys/class/ata_device/dev4.0/class', data: 'none\n' },
    ]);
    expect(rows(db, "SELECT device_key, parent_key, pci_address, model FROM devices WHERE class = 'ata'")).toEqual([{ device_key: 'ata:dev3.0', parent_key: '0000:00:17.0', pci_address: '0000:00:17.0', model: 'Samsung SSD 870 QVO 4TB' }]);
    expect(rows(db, `SELECT version FROM firmware`)).toEqual([{ version: 'SVQ02B6Q' }]);
  });
});
