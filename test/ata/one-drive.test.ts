/**
 * One drive is one device, whatever names its outputs give it: a SAS drive's smartctl output (saved under its disk or its
 * generic node) is the SCSI device sysfs names by H:C:T:L with the same unit serial number (VPD page 0x80); a smartctl
 * NVMe output run on /dev/nvme0 is nvme:nvme0 even when an id-ctrl saved with no node made the drive
 * nvme:id-ctrl-<serial> first. Before, each was two devices of one serial. Two devices the host itself names with one
 * serial (two paths to one drive) are left apart.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { buildIdentify, identifyText } from '../../collector/classes/ata/fake-host-identify.js';
import { parseSmartctlJson, parseSmartctlText } from '../../analyzer/classes/ata/smartctl.js';
import { collect } from '../../collector/collect.js';
import { writeTree } from '../faults/fault-helpers.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const fixture = (p: string): string => readFileSync(new URL(p, import.meta.url), 'utf8');
// An HGST HUH721212AL4204 SAS drive's smartctl 7.1 output: Revision C3D0, serial 8DG3J2ZD.
const HGST = fixture('./fixtures/real/smartctl/hgst-huh721212al4204-sas-scsi.txt');
// The FOG project's issue 72: a Kingston SNV2S250G's `nvme id-ctrl` naming no node (sn 50026B7685F13C1E, fr ELFK0S.4).
const ID_CTRL = fixture('../nvme/fixtures/real/id-ctrl/kingston-snv2s250g-fog.txt');
// A KIOXIA KCM61 smartctl 7.1 NVMe output given the Kingston's identity lines, as smartctl prints them for that drive.
const SMARTCTL_NVME = fixture('../nvme/fixtures/real/smartctl/kioxia-kcm61-nvme0.txt')
  .replace(/^Model Number:.*$/m, 'Model Number:                       KINGSTON SNV2S250G')
  .replace(/^Serial Number:.*$/m, 'Serial Number:                      50026B7685F13C1E')
  .replace(/^Firmware Version:.*$/m, 'Firmware Version:                   ELFK0S.4');
// The same output as smartctl prints a drive whose namespace 1 has an EUI-64 (smartctl's `Namespace 1 IEEE EUI-64`).
const withEui = (eui: string): string => SMARTCTL_NVME.replace(/^(Number of Namespaces:.*)$/m, `$1\nNamespace 1 IEEE EUI-64:            ${eui}`);
// A Samsung 960 PRO's `nvme id-ns` (nvme-cli 1.8 on a ZynqMP board): eui64 0025385181b14235.
const ID_NS = fixture('../nvme/fixtures/real/id-ns/samsung-960pro-zynqmp-cli1.8.txt');
// A smartctl_exporter test fixture's smartctl -j: an ATA drive whose wwn id is the placeholder 1234567890.
const PLACEHOLDER_JSON = fixture('./fixtures/real/smartctl/toshiba-mg08aca16te-exporter-json-smartctl71.json');

// The FastVPS storage-system-monitoring issue 10: a Seagate ST3000DM001's smartctl 5.41 -a, LU WWN Device Id 5 000c50 04a1122b3.
const SEAGATE = fixture('./fixtures/real/smartctl/fastvps10-st3000dm001-smartctl541.txt');
const SEAGATE_OTHER_WWN = SEAGATE.replace('LU WWN Device Id: 5 000c50 04a1122b3', 'LU WWN Device Id: 5 000c50 04a1122b4');
const HGST_WWN = '5000cca253066624';

/** A SAS disk as sysfs shows it at H:C:T:L: INQUIRY strings, the raw Unit Serial Number and (given) Device Identification VPD pages. */
function sasDisk(hctl: string, serial: string, naa?: string): Record<string, string | Buffer> {
  const dir = `sys/bus/scsi/devices/${hctl}`;
  return {
    [`${dir}/vendor`]: 'HGST    \n', [`${dir}/model`]: 'HUH721212AL4204 \n', [`${dir}/rev`]: 'C3D0\n', [`${dir}/type`]: '0\n',
    [`${dir}/vpd_pg80`]: Buffer.concat([Buffer.from([0, 0x80, 0, serial.length]), Buffer.from(serial)]),
    // One designator: binary, associated with the logical unit, NAA, 8 bytes.
    ...(naa ? { [`${dir}/vpd_pg83`]: Buffer.concat([Buffer.from([0, 0x83, 0, 12, 0x01, 0x03, 0, 8]), Buffer.from(naa, 'hex')]) } : {}),
    [`sys/class/scsi_host/host${hctl.split(':')[0]}/proc_name`]: 'mpt3sas\n',
  };
}

/** The libata device dev1.0 of an AHCI port with disk sda, as sysfs links them, its IDENTIFY words giving serial and world wide name. */
function ataDisk(serial: string, wwn: readonly number[]): string {
  const port = 'sys/devices/pci0000:00/0000:00:17.0/ata1';
  const root = tempDir();
  writeTree(root, {
    [`${port}/host0/target0:0:0/0:0:0:0/block/sda/size`]: '5860533168\n',
    'sys/block/sda': { link: `../devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda` },
    [`${port}/link1/dev1.0/ata_device/dev1.0/class`]: 'ata\n',
    [`${port}/link1/dev1.0/ata_device/dev1.0/id`]: identifyText(buildIdentify({ serial, firmware: 'CC4C', model: 'ST3000DM001-9YN166', sectors: 5860533168, wwn })),
    'sys/class/ata_device/dev1.0': { link: '../../devices/pci0000:00/0000:00:17.0/ata1/link1/dev1.0/ata_device/dev1.0' },
  });
  return root;
}

/** A SAS disk the host names in full: block:sda under the SCSI device 0:0:4:0 of an mpt3sas function. */
function sasHost(serial: string, naa: string): string {
  const dev = 'pci0000:00/0000:00:03.0/0000:02:00.0/host0/port-0:0/end_device-0:0/target0:0:4/0:0:4:0';
  const root = tempDir();
  const files = sasDisk('0:0:4:0', serial, naa);
  writeTree(root, {
    [`sys/devices/${dev}/block/sda/size`]: '23437770752\n',
    'sys/block/sda': { link: `../devices/${dev}/block/sda` },
    'sys/bus/scsi/devices/0:0:4:0': { link: `../../../devices/${dev}` },
    'sys/class/scsi_host/host0': { link: '../../devices/pci0000:00/0000:00:03.0/0000:02:00.0/host0/scsi_host/host0' },
    'sys/devices/pci0000:00/0000:00:03.0/0000:02:00.0/host0/scsi_host/host0/proc_name': 'mpt3sas\n',
  });
  for (const [rel, data] of Object.entries(files)) {
    if (!rel.startsWith('sys/bus/scsi/devices/')) continue;
    writeFileSync(join(root, `sys/devices/${dev}`, rel.split('/').pop()!), data);
  }
  return root;
}

async function replay(files: Record<string, string | Buffer>, only: string[], root?: string) {
  const out = join(tempDir(), 'b.tar.gz');
  const tree = root ?? treeOf(files);
  if (root) for (const [rel, data] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), data);
  }
  await collect({ output: out, root: tree, only, isolation: 'inline' });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  const q = (sql: string): Record<string, unknown>[] => db.prepare(sql).all() as Record<string, unknown>[];
  return {
    drives: q(`SELECT device_key, class, serial FROM devices WHERE class IN ('scsi', 'block', 'nvme') ORDER BY device_key`),
    ata: q(`SELECT device_key, serial FROM devices WHERE class = 'ata' ORDER BY device_key`),
    firmware: q(`SELECT device_key, version, state FROM firmware WHERE component = 'firmware' ORDER BY device_key, state`),
    health: q(`SELECT device_key, value FROM settings WHERE namespace = 'smartctl' AND key = 'health'`),
    folded: q(`SELECT message FROM collection_issues WHERE code = 'ONE-DRIVE'`).map((r) => r.message),
  };
}

describe('one drive, one device', () => {
  it("a SAS drive's smartctl output is the sysfs SCSI device of the same unit serial number", async () => {
    const r = await replay({ ...sasDisk('0:0:4:0', '8DG3J2ZD'), 'cmd/smartctl/smartctl -x sda.txt': HGST }, ['ata', 'scsi']);
    expect(r.drives).toEqual([{ device_key: 'scsi:0:0:4:0', class: 'scsi', serial: '8DG3J2ZD' }]);
    expect(r.firmware).toEqual([{ device_key: 'scsi:0:0:4:0', version: 'C3D0', state: 'running' }]);
    expect(r.health).toEqual([{ device_key: 'scsi:0:0:4:0', value: 'OK' }]);
    expect(r.folded).toEqual(['block:sda is the drive scsi:0:0:4:0 (SCSI serial 8DG3J2ZD): its facts are stored on scsi:0:0:4:0']);
  });

  it('so is one read through its generic node (/dev/sg2), which names no disk', async () => {
    const r = await replay({ ...sasDisk('0:0:4:0', '8DG3J2ZD'), 'cmd/smartctl/smartctl -a sg2.txt': HGST }, ['ata', 'scsi']);
    expect(r.drives).toEqual([{ device_key: 'scsi:0:0:4:0', class: 'scsi', serial: '8DG3J2ZD' }]);
    expect(r.health).toEqual([{ device_key: 'scsi:0:0:4:0', value: 'OK' }]);
  });

  it('a drive the host names twice (two paths, one serial) is not folded: no name is better than the other', async () => {
    const r = await replay({ ...sasDisk('0:0:4:0', '8DG3J2ZD'), ...sasDisk('1:0:4:0', '8DG3J2ZD'), 'cmd/smartctl/smartctl -x sda.txt': HGST }, ['ata', 'scsi']);
    expect(r.drives.map((d) => d.device_key)).toEqual(['block:sda', 'scsi:0:0:4:0', 'scsi:1:0:4:0']);
    expect(r.folded).toEqual([]);
  });

  it('another serial is another drive', async () => {
    const r = await replay({ ...sasDisk('0:0:4:0', '8DG3J2ZE'), 'cmd/smartctl/smartctl -x sda.txt': HGST }, ['ata', 'scsi']);
    expect(r.drives.map((d) => d.device_key)).toEqual(['block:sda', 'scsi:0:0:4:0']);
  });

  it("a smartctl NVMe output run on /dev/nvme0 names the drive an id-ctrl saved with no node keyed by its serial", async () => {
    const r = await replay({ 'cmd/nvme/nvme id-ctrl kingston.txt': ID_CTRL, 'cmd/smartctl/smartctl -a nvme0.txt': SMARTCTL_NVME }, ['ata', 'nvme']);
    expect(r.drives).toEqual([{ device_key: 'nvme:nvme0', class: 'nvme', serial: '50026B7685F13C1E' }]);
    expect(r.firmware).toEqual([{ device_key: 'nvme:nvme0', version: 'ELFK0S.4', state: 'running' }]);
    expect(r.folded).toEqual(['nvme:id-ctrl-50026B7685F13C1E is the drive nvme:nvme0 (NVMe serial 50026B7685F13C1E): its facts are stored on nvme:nvme0']);
  });

  it('a smartctl NVMe output saved with no device stays on the id-ctrl drive of its serial', async () => {
    const r = await replay({ 'cmd/nvme/nvme id-ctrl kingston.txt': ID_CTRL, 'cmd/smartctl/smartctl -a kingston.txt': SMARTCTL_NVME }, ['ata', 'nvme']);
    expect(r.drives).toEqual([{ device_key: 'nvme:id-ctrl-50026B7685F13C1E', class: 'nvme', serial: '50026B7685F13C1E' }]);
    expect(r.folded).toEqual([]);
  });

  it('two outputs of one serial whose world wide names differ are two drives; of the same name, one', async () => {
    const two = await replay({ 'cmd/smartctl/smartctl -a sda.txt': SEAGATE, 'cmd/smartctl/smartctl -a sdb.txt': SEAGATE_OTHER_WWN }, ['ata']);
    expect(two.ata).toEqual([{ device_key: 'ata:sda', serial: 'S1F01RNQ' }, { device_key: 'ata:sdb', serial: 'S1F01RNQ' }]);
    const one = await replay({ 'cmd/smartctl/smartctl -a sda.txt': SEAGATE, 'cmd/smartctl/smartctl -a sdb.txt': SEAGATE }, ['ata']);
    expect(one.ata).toEqual([{ device_key: 'ata:sda', serial: 'S1F01RNQ' }]);
  });

  it("a saved smartctl of an ATA disk folds into the host's libata device of its serial and world wide name, not one of another name", async () => {
    const wwn = [0x5000, 0xc500, 0x4a11, 0x22b3];
    const r = await replay({ 'cmd/smartctl/smartctl -a seagate.txt': SEAGATE }, ['ata'], ataDisk('S1F01RNQ', wwn));
    expect(r.ata).toEqual([{ device_key: 'ata:dev1.0', serial: 'S1F01RNQ' }]);
    expect(r.health).toEqual([{ device_key: 'ata:dev1.0', value: 'PASSED' }]);
    const other = await replay({ 'cmd/smartctl/smartctl -a seagate.txt': SEAGATE_OTHER_WWN }, ['ata'], ataDisk('S1F01RNQ', wwn));
    // The output names /dev/sda (its prompt line): of another world wide name, it is not the drive this host's sda is.
    expect(other.ata).toEqual([{ device_key: 'ata:dev1.0', serial: 'S1F01RNQ' }, { device_key: 'ata:sda', serial: 'S1F01RNQ' }]);
    expect(other.health).toEqual([{ device_key: 'ata:sda', value: 'PASSED' }]);
  });

  it("a SAS disk's smartctl output by its host's disk (block:sda under 0:0:4:0) is the SCSI device; the disk stays the host's", async () => {
    const r = await replay({ 'cmd/smartctl/smartctl -x sda.txt': HGST }, ['ata', 'scsi'], sasHost('8DG3J2ZD', HGST_WWN));
    expect(r.drives).toEqual([{ device_key: 'block:sda', class: 'block', serial: null }, { device_key: 'scsi:0:0:4:0', class: 'scsi', serial: '8DG3J2ZD' }]);
    expect(r.health).toEqual([{ device_key: 'scsi:0:0:4:0', value: 'OK' }]);
    expect(r.folded).toEqual(['scsi:sda is the drive scsi:0:0:4:0 (SCSI serial 8DG3J2ZD): its facts are stored on scsi:0:0:4:0']);
  });

  it("a SAS drive's smartctl output whose Logical Unit id is not the NAA the host reads is another drive of that serial", async () => {
    const same = await replay({ ...sasDisk('0:0:4:0', '8DG3J2ZD', HGST_WWN), 'cmd/smartctl/smartctl -x sda.txt': HGST }, ['ata', 'scsi']);
    expect(same.drives.map((d) => d.device_key)).toEqual(['scsi:0:0:4:0']);
    const other = await replay({ ...sasDisk('0:0:4:0', '8DG3J2ZD', '5000cca253066628'), 'cmd/smartctl/smartctl -x sda.txt': HGST }, ['ata', 'scsi']);
    expect(other.drives.map((d) => d.device_key)).toEqual(['block:sda', 'scsi:0:0:4:0']);
    expect(other.folded).toEqual([]);
  });

  it("nvme-cli's namespace 1 EUI-64 is the drive's world wide name: a smartctl output of the serial and another EUI-64 is another drive", async () => {
    const nvmeCli = { 'cmd/nvme/id-ctrl_nvme0.txt': ID_CTRL, 'cmd/nvme/id-ns_nvme0n1.txt': ID_NS };
    const same = await replay({ ...nvmeCli, 'cmd/smartctl/smartctl -a kingston.txt': withEui('002538 5181b14235') }, ['ata', 'nvme']);
    expect(same.drives.filter((d) => d.class === 'nvme').map((d) => d.device_key)).toEqual(['nvme:nvme0']);
    const other = await replay({ ...nvmeCli, 'cmd/smartctl/smartctl -a kingston.txt': withEui('002538 5181b14236') }, ['ata', 'nvme']);
    expect(other.drives.filter((d) => d.class === 'nvme').map((d) => d.device_key).sort()).toEqual(['nvme:nvme0', 'nvme:smartctl-50026B7685F13C1E']);
    expect(other.folded).toEqual([]);
  });

  it('a placeholder world wide name (a fake or redacted output) names no drive: it neither keeps one drive apart nor is stored', async () => {
    const placeholder = withEui('123456 7890abcdef');
    const r = await replay({ 'cmd/nvme/id-ctrl_nvme0.txt': ID_CTRL, 'cmd/nvme/id-ns_nvme0n1.txt': ID_NS, 'cmd/smartctl/smartctl -a kingston.txt': placeholder }, ['ata', 'nvme']);
    expect(r.drives.filter((d) => d.class === 'nvme').map((d) => d.device_key)).toEqual(['nvme:nvme0']);
    expect(parseSmartctlText(withEui('000000 0000000000')).wwn).toBeUndefined();
    expect(parseSmartctlText(SEAGATE.replace('5 000c50 04a1122b3', '5 fffffff ffffffff')).wwn).toBeUndefined();
    expect(parseSmartctlJson(PLACEHOLDER_JSON).wwn).toBeUndefined();
  });
});
