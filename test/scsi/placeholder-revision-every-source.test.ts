import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { collect } from '../../collector/collect.js';
import { replayTree } from '../helpers/replay-tree.js';
import { tempDir } from '../helpers/tmp.js';
import { host, scsiDevice, writeScsiTree } from './tree.js';

/**
 * A SATA drive whose IDENTIFY firmware field is blank gets the INQUIRY revision `n/a` from libata (ata_scsiop_inq_std),
 * so sysfs `rev`, lsscsi, sdparm and sg_inq print `n/a`; another SAT layer may give it blank or spaces. That is no part
 * of a firmware: it is stored as printed (not marked cut, `…n/a`), unknown, reported once per drive by
 * core.firmware-version-unknown, with no PARTIAL-FIRMWARE issue (a blank one gives no row). Before, every source stored
 * `…n/a` as the running firmware. All zeros stays the end of a firmware (`…0000`): a real Fujitsu MHT2080B's revision is 0000.
 */
const REAL = new URL('./fixtures/real/', import.meta.url);
const AHCI = 'pci0000:00/0000:00:17.0/ata1';
const MPT = 'pci0000:00/0000:00:03.0/0000:02:00.0';

type Db = Awaited<ReturnType<typeof replayTree>>['db'];
const q = (db: Db, sql: string): Record<string, unknown>[] => db.prepare(sql).all() as Record<string, unknown>[];
const firmware = (db: Db): Record<string, unknown>[] =>
  q(db, `SELECT device_key, version, unknown FROM firmware WHERE component = 'firmware' AND state = 'running' ORDER BY device_key`);
const unreadable = (db: Db): Record<string, unknown>[] =>
  q(db, `SELECT device_key, count(*) AS n FROM rule_results WHERE rule_id = 'core.firmware-version-unknown' AND result = 'fail' GROUP BY device_key ORDER BY device_key`);
const partial = (db: Db): unknown[] => q(db, `SELECT message FROM collection_issues WHERE code = 'PARTIAL-FIRMWARE'`).map((r) => r.message);

describe('a SATA drive\'s placeholder INQUIRY revision (n/a) is no firmware, in every drive source', () => {
  it('lsscsi: the ata and scsi rows store n/a unknown, reported once per device; no cut mark, no partial firmware', async () => {
    const { db } = await replayTree({ 'cmd/lsscsi/lsscsi.txt': '[1:0:1:0]    disk    ATA      ST8000AS0022-1WL n/a   /dev/sda \n[1:0:2:0]    disk    ATA      ST8000AS0022-1WL SN01  /dev/sdb \n' });
    expect(firmware(db)).toEqual([
      { device_key: 'ata:sda', version: 'n/a', unknown: 1 }, { device_key: 'ata:sdb', version: '…SN01', unknown: 0 },
      { device_key: 'scsi:1:0:1:0', version: 'n/a', unknown: 1 }, { device_key: 'scsi:1:0:2:0', version: '…SN01', unknown: 0 },
    ]);
    expect(unreadable(db)).toEqual([{ device_key: 'ata:sda', n: 1 }, { device_key: 'scsi:1:0:1:0', n: 1 }]);
    expect(partial(db).join('\n')).not.toMatch(/n\/a/);
  });

  it('sdparm, sg_inq and smartctl: n/a unknown, once', async () => {
    const sdparm = await replayTree({ 'cmd/sdparm/sdparm -i sda.txt': '    /dev/sda: ATA       ST8000AS0022-1WL  n/a\n' });
    expect(firmware(sdparm.db).map((f) => [f.version, f.unknown])).toEqual([['n/a', 1]]);
    expect(unreadable(sdparm.db).map((r) => r.n)).toEqual([1]);
    const text = readFileSync(new URL('sg_inq-st8000as0022.txt', REAL), 'utf8').replace('Product revision level: SN01', 'Product revision level: n/a');
    const sgInq = await replayTree({ 'cmd/sg_inq/sg_inq sda.txt': text });
    expect(firmware(sgInq.db).map((f) => [f.version, f.unknown])).toEqual([['n/a', 1]]);
    expect(unreadable(sgInq.db).map((r) => r.n)).toEqual([1]);
    const smartctl = await replayTree({ 'cmd/smartctl/smartctl -i sda.txt': [
      'smartctl 7.3 2022-02-28 r5338 [x86_64-linux-6.1.0] (local build)', '', '=== START OF INFORMATION SECTION ===',
      'Device Model:     ST8000AS0022-1WL17Z', 'Serial Number:    Z840Y0FY', 'Firmware Version: n/a', 'User Capacity:    8,001,563,222,016 bytes [8.00 TB]', '',
    ].join('\n') });
    expect(firmware(smartctl.db).map((f) => [f.version, f.unknown])).toEqual([['n/a', 1]]);
    expect(unreadable(smartctl.db).map((r) => r.n)).toEqual([1]);
  });

  it('lsblk from sysfs: n/a unknown, not partial; all zeros stays cut', async () => {
    const { db } = await replayTree({ 'lsblk -o NAME,MODEL,REV,SERIAL.txt': 'NAME MODEL            REV SERIAL\nsda  ST8000AS0022-1WL n/a  Z840Y0FY\nsdb  ST8000AS0022-1WL 0000 Z840Y0FZ\n' });
    expect(firmware(db).map((f) => [f.device_key, f.version, f.unknown])).toEqual([['ata:sda', 'n/a', 1], ['ata:sdb', '…0000', 0]]);
    expect(partial(db)).toHaveLength(1);
  });

  it('the ata class\'s drive with no IDENTIFY, named by its SCSI disk\'s sysfs rev n/a: n/a unknown, once; no partial firmware', async () => {
    const dir = tempDir();
    const dev = `${AHCI}/host0/target0:0:0/0:0:0:0`;
    writeScsiTree(join(dir, 'tree'), {
      ...host(0, '0000:00:17.0', { proc_name: 'ahci' }, { under: AHCI }),
      ...scsiDevice('0:0:0:0', AHCI, { vendor: 'ATA     ', model: 'ST8000AS0022-1WL', rev: 'n/a ', type: '0' }),
      'sys/class/ata_device/dev1.0': { link: `../../devices/${AHCI}/link1/dev1.0/ata_device/dev1.0` },
      [`sys/devices/${AHCI}/link1/dev1.0/ata_device/dev1.0/class`]: 'ata\n',
      'sys/block/sda': { link: `../devices/${dev}/block/sda` },
      [`sys/devices/${dev}/block/sda/size`]: '15628053168\n',
      [`sys/devices/${dev}/block/sda/device`]: { link: '../../../0:0:0:0' },
    });
    const bundle = join(dir, 'b.tar.gz');
    await collect({ output: bundle, root: join(dir, 'tree'), only: ['ata'], isolation: 'inline' });
    const { db } = await analyze({ bundles: [bundle], minSeverity: 'info' });
    expect(firmware(db).filter((f) => String(f.device_key).startsWith('ata:')).map((f) => [f.version, f.unknown])).toEqual([['n/a', 1]]);
    expect(unreadable(db).filter((r) => String(r.device_key).startsWith('ata:')).map((r) => r.n)).toEqual([1]);
    expect(partial(db)).toEqual([]);
  });

  it('sysfs rev of the kernel\'s tree (n/a, blank, zeros) behind a SAS HBA\'s SATL: n/a unknown once, blank no row, zeros cut', async () => {
    const dir = tempDir();
    writeScsiTree(join(dir, 'tree'), {
      ...host(1, '0000:02:00.0', { proc_name: 'mpt3sas', version_fw: '16.00.10.00' }, { under: MPT }),
      ...scsiDevice('1:0:0:0', MPT, { vendor: 'ATA     ', model: 'ST8000AS0022-1WL', rev: 'n/a ', type: '0' }),
      ...scsiDevice('1:0:1:0', MPT, { vendor: 'ATA     ', model: 'ST8000AS0022-1WL', rev: '    ', type: '0' }),
      ...scsiDevice('1:0:2:0', MPT, { vendor: 'ATA     ', model: 'ST8000AS0022-1WL', rev: '0000', type: '0' }),
    });
    const bundle = join(dir, 'b.tar.gz');
    await collect({ output: bundle, root: join(dir, 'tree'), only: ['scsi'], isolation: 'inline' });
    const { db } = await analyze({ bundles: [bundle], minSeverity: 'info' });
    expect(firmware(db).filter((f) => String(f.device_key).startsWith('scsi:1:0:')).map((f) => [f.device_key, f.version, f.unknown])).toEqual([['scsi:1:0:0:0', 'n/a', 1], ['scsi:1:0:2:0', '…0000', 0]]);
    expect(unreadable(db)).toEqual([{ device_key: 'scsi:1:0:0:0', n: 1 }]);
  });
});
