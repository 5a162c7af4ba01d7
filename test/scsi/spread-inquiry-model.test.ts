/**
 * An ATA drive behind a SAT layer that spreads the ATA model over INQUIRY's vendor and product fields (vendor
 * `MG08ACP1`, product `6TE           SM`, as a real Toshiba MG08ACP16TE printed through smartctl): the scsi class
 * names it by the ATA model, as the ata class does (analyzer/classes/core/inquiry-model.ts), from sysfs and from sg_inq.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { replayScsi } from './replay-saved.js';
import { host, scsiDevice, writeScsiTree } from './tree.js';

describe('a SCSI device whose INQUIRY vendor field holds the start of an ATA model', () => {
  it('sysfs vendor and model: the model is the ATA model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fwsnap-scsi-spread-'));
    writeScsiTree(join(dir, 'tree'), {
      ...host(0, '0000:02:00.0', { proc_name: 'mpt3sas' }),
      ...scsiDevice('0:0:5:0', 'pci0000:00/0000:00:01.0/0000:02:00.0', { vendor: 'MG08ACP1', model: '6TE           SM', rev: '4321', type: '0' }),
      ...scsiDevice('0:0:6:0', 'pci0000:00/0000:00:01.0/0000:02:00.0', { vendor: 'IBM-ESXS', model: 'ST973401LC    FN', rev: 'B41D', type: '0' }),
    });
    const r = await collect({ output: join(dir, 'b.tar.gz'), root: join(dir, 'tree'), only: ['scsi'], isolation: 'inline' });
    const db = openDatabase(':memory:');
    await loadBundle(db, r.path);
    expect(db.prepare(`SELECT device_key, model FROM devices WHERE class = 'scsi' ORDER BY device_key`).all()).toEqual([
      { device_key: 'scsi:0:0:5:0', model: 'MG08ACP16TE           SM' },
      { device_key: 'scsi:0:0:6:0', model: 'ST973401LC    FN' },
    ]);
  });

  it('sg_inq: the model is the ATA model, the vendor field kept as printed', async () => {
    const text = ['standard INQUIRY:', '  PQual=0  PDT=0  RMB=0  LU_CONG=0  hot_pluggable=0  version=0x05  [SPC-3]', ' Vendor identification: MG08ACP1', ' Product identification: 6TE           SM', ' Product revision level: 4321', ''].join('\n');
    const r = await replayScsi({ 'sg_inq sdaa.txt': text });
    expect(r.devices).toEqual([{ device_key: 'scsi:sdaa', model: 'MG08ACP16TE           SM', serial: null }]);
    expect(r.q(`SELECT value FROM settings WHERE namespace = 'scsi' AND key = 'vendor'`)).toEqual([{ value: 'MG08ACP1' }]);
  });
});
