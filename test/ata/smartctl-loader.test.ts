import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandArtifactName } from '../../bundle/format.js';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { writeBundle, type FakeArtifact } from '../helpers/bundle.js';
import { tempDir } from '../helpers/tmp.js';

const real = (p: string): string => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');
const smartctl = (argv: string[], data: string): FakeArtifact => ({ name: commandArtifactName(argv, 'stdout'), data, origin: { kind: 'cmd', argv, stream: 'stdout' } });
const file = (name: string, data: string): FakeArtifact => ({ name, data });
const rows = (db: Db, sql: string): Record<string, unknown>[] => db.prepare(sql).all() as Record<string, unknown>[];

async function load(artifacts: FakeArtifact[]): Promise<Db> {
  const path = join(tempDir(), 'b.tar.gz');
  await writeBundle(path, artifacts);
  const db = openDatabase(':memory:');
  await loadBundle(db, path);
  return db;
}

describe('smartctl loader attaches to the drive it describes', () => {
  it('finds a controller loaded from sysfs by serial, even under another node name, and adds no second running firmware', async () => {
    const db = await load([
      file('sys/class/nvme/nvme0/serial', 'S4EVNX0NA32843N\n'),
      file('sys/class/nvme/nvme0/model', 'Samsung SSD 970 EVO Plus 500GB\n'),
      file('sys/class/nvme/nvme0/firmware_rev', '2B2QEXM7\n'),
      smartctl(['smartctl', '-a', '/dev/sdb'], real('ata/fixtures/nvme-smartctl/samsung-970-evo-plus-pve.txt')),
    ]);
    expect(rows(db, `SELECT device_key, class, serial FROM devices WHERE class <> 'kernel'`)).toEqual([{ device_key: 'nvme:nvme0', class: 'nvme', serial: 'S4EVNX0NA32843N' }]);
    expect(rows(db, `SELECT version, state, artifact FROM firmware`)).toEqual([{ version: '2B2QEXM7', state: 'running', artifact: 'sys/class/nvme/nvme0/firmware_rev' }]);
    expect(rows(db, `SELECT key, value FROM settings WHERE namespace = 'smartctl' AND key IN ('firmware_version', 'firmware_slots', 'health') ORDER BY key`)).toEqual([
      { key: 'firmware_slots', value: '3' }, { key: 'firmware_version', value: '2B2QEXM7' }, { key: 'health', value: 'PASSED' },
    ]);
    expect(rows(db, `SELECT count(*) n FROM settings WHERE namespace = 'smartctl.power-state'`)).toEqual([{ n: 5 }]);
  });

  it('never matches drives by a masked or placeholder serial', async () => {
    const db = await load([
      smartctl(['smartctl', '-x', '/dev/nvme0'], real('ata/fixtures/nvme-smartctl/adata-falcon-linuxhw.txt')),
      smartctl(['smartctl', '-x', '/dev/sdb'], real('ata/fixtures/real/smartctl/wdc-wd10eacs-caviar-green-linuxhw.txt')),
      smartctl(['smartctl', '-x'], real('ata/fixtures/nvme-smartctl/intel-h10-optane-linuxhw.txt')),
    ]);
    expect(rows(db, `SELECT device_key, model, serial FROM devices WHERE class <> 'kernel' ORDER BY device_key`)).toEqual([
      { device_key: 'ata:sdb', model: 'WDC WD10EACS-00D6B0', serial: '--' },
      { device_key: 'nvme:nvme0', model: 'ADATA FALCON', serial: '--' },
      { device_key: 'nvme:smartctl-H10_HBRPEKNX0101AO_NVMe_INTEL_16GB', model: 'H10 HBRPEKNX0101AO NVMe INTEL 16GB', serial: '--' },
    ]);
  });

  it('keeps two drives behind one RAID controller apart by their -d port', async () => {
    const db = await load([
      smartctl(['smartctl', '-d', 'megaraid,16', '--all', '/dev/bus/0'], real('ata/fixtures/real/smartctl/hgst-hus724040-megaraid.txt')),
      smartctl(['smartctl', '-d', 'megaraid,28', '--all', '/dev/bus/0'], real('ata/fixtures/real/smartctl/intel-s3510-megaraid-trailing-spaces.txt')),
    ]);
    expect(rows(db, `SELECT device_key, model FROM devices WHERE class <> 'kernel' ORDER BY device_key`)).toEqual([
      { device_key: 'ata:bus-0@megaraid,16', model: 'HGST HUS724040ALE640' }, { device_key: 'ata:bus-0@megaraid,28', model: 'INTEL SSDSC2BB120G6' },
    ]);
  });

  // smartctl -j on a device it cannot open still prints a JSON document: its own version and the error, nothing of a drive.
  it('gives an NVMe controller known only from smartctl the Identify vendor id smartctl printed, so vendor-keyed rules can match it', async () => {
    const falcon = real('ata/fixtures/nvme-smartctl/adata-falcon-linuxhw.txt');
    // smartctl prints two lines when the subsystem vendor differs (a LiteON CL1 of linuxhw/SMART: 0x14a4, 0x126f).
    const twoLines = falcon.replace(/^PCI Vendor\/Subsystem ID:.*$/m, 'PCI Vendor ID:                      0x14a4\nPCI Vendor Subsystem ID:            0x126f');
    const json = JSON.stringify({ json_format_version: [1, 0], smartctl: { version: [7, 3] }, device: { name: '/dev/nvme2', protocol: 'NVMe' }, model_name: 'CT250P2SSD8',
      firmware_version: 'P2CR012', nvme_pci_vendor: { id: 49321, subsystem_id: 49321 }, smart_status: { passed: true } });
    const db = await load([
      smartctl(['smartctl', '-x', '/dev/nvme0'], twoLines),
      smartctl(['smartctl', '-x', '/dev/nvme1'], falcon),
      smartctl(['smartctl', '-j', '-x', '/dev/nvme2'], `${json}\n`),
      smartctl(['smartctl', '-x', '/dev/sdb'], real('ata/fixtures/real/smartctl/wdc-wd10eacs-caviar-green-linuxhw.txt')),
    ]);
    // 'PCI Vendor ID' (printed when it differs from the subsystem vendor), 'PCI Vendor/Subsystem ID', -j's nvme_pci_vendor.id; none for SATA.
    expect(rows(db, `SELECT device_key, vendor_id FROM devices WHERE class <> 'kernel' ORDER BY device_key`)).toEqual([
      { device_key: 'ata:sdb', vendor_id: null }, { device_key: 'nvme:nvme0', vendor_id: 0x14a4 }, { device_key: 'nvme:nvme1', vendor_id: 0x1cc1 }, { device_key: 'nvme:nvme2', vendor_id: 0xc0a9 },
    ]);
  });

  it('leaves the vendor id of a controller another loader made as that loader gave it', async () => {
    const db = await load([
      file('sys/class/nvme/nvme0/serial', 'S4EVNX0NA32843N\n'),
      file('sys/class/nvme/nvme0/model', 'Samsung SSD 970 EVO Plus 500GB\n'),
      file('sys/class/nvme/nvme0/firmware_rev', '2B2QEXM7\n'),
      smartctl(['smartctl', '-a', '/dev/nvme0'], real('ata/fixtures/nvme-smartctl/samsung-970-evo-plus-pve.txt').replace('0x144d', '0x1234')),
    ]);
    expect(rows(db, `SELECT device_key, vendor_id FROM devices WHERE class = 'nvme'`)).toEqual([{ device_key: 'nvme:nvme0', vendor_id: null }]);
  });

  it('makes no device from an output that tells nothing of a drive, and says why', async () => {
    const openFailed = JSON.stringify({
      json_format_version: [1, 0],
      smartctl: { version: [7, 2], svn_revision: '5155', platform_info: 'x86_64-linux-5.15.0', build_info: '(local build)', argv: ['smartctl', '-j', '-a', '/dev/sdc'],
        messages: [{ string: 'Smartctl open device: /dev/sdc failed: No such device', severity: 'error' }], exit_status: 2 },
    }, null, 2);
    const db = await load([
      smartctl(['smartctl', '-j', '-a', '/dev/sdc'], `${openFailed}\n`),
      file('cmd/smartctl/smart-sda.out', 'smartctl 7.2 2020-12-30 r5155 [x86_64-linux-5.15.0] (local build)\n\nSmartctl open device: /dev/sda failed: No such device\n'),
    ]);
    expect(rows(db, `SELECT device_key FROM devices WHERE class <> 'kernel'`)).toEqual([]);
    expect(rows(db, `SELECT target FROM collection_issues WHERE stage = 'analyze' AND code = 'PARSE' ORDER BY target`).map((r) => r.target))
      .toEqual([commandArtifactName(['smartctl', '-j', '-a', '/dev/sdc'], 'stdout'), 'cmd/smartctl/smart-sda.out'].sort());
  });
});
