import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';
import { replayScsi } from './replay-saved.js';
import { host, scsiDevice, writeScsiTree } from './tree.js';

/**
 * A SATA drive's INQUIRY revision is 4 of its 8 firmware characters, whichever output printed it: libata's
 * ata_scsiop_inq_std puts IDENTIFY words 25–26 there (the first two words when those are blank), an adapter's or a
 * bridge's SAT layer may put the first 4. So a scsi row of vendor ATA stores it marked cut (`…SN01`) from sysfs `rev`,
 * lsscsi and sdparm as from sg_inq: one drive, one stored firmware, which no firmware-keyed rule decides on alone.
 * The drive is the real sg_inq sample's Seagate ST8000AS0022 (revision SN01), here behind an mpt3sas HBA's SATL.
 */
const REAL = new URL('./fixtures/real/', import.meta.url);
const MPT = 'pci0000:00/0000:00:03.0/0000:02:00.0';

async function fromSysfs(): Promise<string[]> {
  const dir = tempDir();
  writeScsiTree(join(dir, 'tree'), {
    ...host(1, '0000:02:00.0', { proc_name: 'mpt3sas', version_fw: '16.00.10.00' }, { under: MPT }),
    ...scsiDevice('1:0:1:0', MPT, { vendor: 'ATA     ', model: 'ST8000AS0022-1WL', rev: 'SN01', type: '0' }),
    ...scsiDevice('1:0:2:0', MPT, { vendor: 'HP      ', model: 'EK0800JVYPN     ', rev: 'HPD6', type: '0' }),
  });
  const r = await collect({ output: join(dir, 'b.tar.gz'), root: join(dir, 'tree'), only: ['scsi'], isolation: 'inline' });
  const db = openDatabase(':memory:');
  try {
    await loadBundle(db, r.path);
    return (db.prepare(`SELECT version FROM firmware WHERE device_key LIKE 'scsi:1:0:%' AND state = 'running' ORDER BY device_key`).all() as { version: string }[]).map((x) => x.version);
  } finally {
    db.close();
  }
}

describe('the INQUIRY revision of a vendor-ATA drive is stored marked cut by every scsi source', () => {
  it('sysfs rev behind a SAS HBA, lsscsi, sdparm and sg_inq give the same …SN01; another vendor\'s revision stays whole', async () => {
    const sgInq = await replayScsi({ 'cmd/sg_inq/sg_inq sda.txt': readFileSync(new URL('sg_inq-st8000as0022.txt', REAL)) });
    const lsscsi = await replayScsi({ 'cmd/lsscsi/lsscsi.txt': '[1:0:1:0]    disk    ATA      ST8000AS0022-1WL SN01  /dev/sda \n[1:0:2:0]    disk    HP       EK0800JVYPN      HPD6  /dev/sdb \n' });
    const sdparm = await replayScsi({ 'cmd/sdparm/sdparm -i sda.txt': '    /dev/sda: ATA       ST8000AS0022-1WL  SN01\n' });
    expect(sgInq.firmware.map((f) => f.version)).toEqual(['…SN01']);
    // The ata class makes the listed SATA disk the drive ata:sda, with the same firmware.
    expect(lsscsi.q(`SELECT device_key, version FROM firmware ORDER BY device_key`)).toEqual([
      { device_key: 'ata:sda', version: '…SN01' }, { device_key: 'scsi:1:0:1:0', version: '…SN01' }, { device_key: 'scsi:1:0:2:0', version: 'HPD6' },
    ]);
    expect(sdparm.firmware.map((f) => f.version)).toEqual(['…SN01']);
    expect(await fromSysfs()).toEqual(['…SN01', 'HPD6']);
  });
});
