/**
 * One drive is one device, whatever names its outputs give it: a SAS drive's smartctl output (saved under its disk or its
 * generic node) is the SCSI device sysfs names by H:C:T:L with the same unit serial number (VPD page 0x80); a smartctl
 * NVMe output run on /dev/nvme0 is nvme:nvme0 even when an id-ctrl saved with no node made the drive
 * nvme:id-ctrl-<serial> first. Before, each was two devices of one serial. Two devices the host itself names with one
 * serial (two paths to one drive) are left apart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
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

/** A SAS disk as sysfs shows it at H:C:T:L: INQUIRY strings and the raw Unit Serial Number VPD page. */
function sasDisk(hctl: string, serial: string): Record<string, string | Buffer> {
  const dir = `sys/bus/scsi/devices/${hctl}`;
  return {
    [`${dir}/vendor`]: 'HGST    \n', [`${dir}/model`]: 'HUH721212AL4204 \n', [`${dir}/rev`]: 'C3D0\n', [`${dir}/type`]: '0\n',
    [`${dir}/vpd_pg80`]: Buffer.concat([Buffer.from([0, 0x80, 0, serial.length]), Buffer.from(serial)]),
    [`sys/class/scsi_host/host${hctl.split(':')[0]}/proc_name`]: 'mpt3sas\n',
  };
}

async function replay(files: Record<string, string | Buffer>, only: string[]) {
  const out = join(tempDir(), 'b.tar.gz');
  await collect({ output: out, root: treeOf(files), only, isolation: 'inline' });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  const q = (sql: string): Record<string, unknown>[] => db.prepare(sql).all() as Record<string, unknown>[];
  return {
    drives: q(`SELECT device_key, class, serial FROM devices WHERE class IN ('scsi', 'block', 'nvme') ORDER BY device_key`),
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
});
