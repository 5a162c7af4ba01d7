import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

/**
 * smartctl printing a SATA drive in its SCSI form (`smartctl -d scsi`, or a drive seen through a SAT layer without ATA
 * passthrough) shows the INQUIRY strings: `Vendor: ATA`, and as `Revision:` 4 of the drive's 8 firmware characters
 * (libata's ata_scsiop_inq_std gives the last 4). Its firmware is stored marked cut (`…SN01`) as sysfs rev, lsscsi,
 * sdparm and sg_inq store it, a placeholder revision (libata's `n/a`) as printed and unknown; another vendor's revision
 * stays whole. Before, smartctl's was stored whole: `SN01`, `n/a`.
 *
 * The outputs are real ones edited: py-SMART's `smartctl -d scsi --all` of an HGST SAS drive (text) and
 * smartctl_exporter's smartctl 7.3 -j of a Hitachi SAS drive, their INQUIRY vendor, product, revision and serial
 * replaced by those of the Seagate ST8000AS0022 behind SAT that the real sg_inq sample of test/scsi shows (ATA,
 * ST8000AS0022-1WL, SN01, Z840Y0FY).
 */
const REAL = new URL('./fixtures/real/smartctl/', import.meta.url);
const text = readFileSync(new URL('hgst-huh721212al4204-sas-scsi.txt', REAL), 'utf8');
const json = readFileSync(new URL('hitachi-h109060sesun600g-sas-json-smartctl73.json', REAL), 'utf8');

const satText = (revision: string): string => text
  .replace('Vendor: HGST', 'Vendor: ATA').replace('Product: HUH721212AL4204', 'Product: ST8000AS0022-1WL')
  .replace('Revision: C3D0', `Revision: ${revision}`).replace('Serial number: 8DG3J2ZD', 'Serial number: Z840Y0FY');
const satJson = (revision: string): string => json
  .replace('"scsi_model_name": "HITACHI H109060SESUN600G"', '"scsi_model_name": "ATA ST8000AS0022-1WL"')
  .replace('"scsi_product": "H109060SESUN600G"', '"scsi_product": "ST8000AS0022-1WL"')
  .replace('"scsi_revision": "A31A"', `"scsi_revision": "${revision}"`).replace('"scsi_vendor": "HITACHI"', '"scsi_vendor": "ATA"')
  .replace('"serial_number": "REDACTED"', '"serial_number": "Z840Y0FY"');

async function running(files: Record<string, string>): Promise<[string, number][]> {
  const { db } = await replayTree(files);
  try {
    return (db.prepare(`SELECT version, unknown FROM firmware WHERE component = 'firmware' AND state = 'running' ORDER BY device_key`).all() as { version: string; unknown: number }[])
      .map((r) => [r.version, r.unknown]);
  } finally {
    db.close();
  }
}

describe('smartctl\'s SCSI-form revision of a vendor-ATA drive is stored as the other SCSI sources store it', () => {
  it('text: Revision SN01 of vendor ATA is …SN01; n/a is stored as printed, unknown; HGST\'s C3D0 stays whole', async () => {
    expect(text).toContain('Revision: C3D0');
    expect(satText('SN01')).toContain('Vendor: ATA');
    expect(await running({ 'cmd/smartctl/smartctl -d scsi --all sdc.txt': satText('SN01') })).toEqual([['…SN01', 0]]);
    expect(await running({ 'cmd/smartctl/smartctl -d scsi --all sdc.txt': satText('n/a') })).toEqual([['n/a', 1]]);
    expect(await running({ 'cmd/smartctl/smartctl -d scsi --all sdc.txt': text })).toEqual([['C3D0', 0]]);
  });

  it('smartmontools 5.x\'s one line (`Device: ATA      ST8000AS0022-1WL Version: SN01`) is read the same', async () => {
    const old = satText('SN01').replace(/^Vendor: ATA\nProduct: ST8000AS0022-1WL\nRevision: SN01\n/m, 'Device: ATA      ST8000AS0022-1WL Version: SN01\n');
    expect(old).toContain('Device: ATA ');
    expect(await running({ 'cmd/smartctl/smartctl -d scsi --all sdc.txt': old })).toEqual([['…SN01', 0]]);
  });

  it('-j: scsi_revision SN01 of scsi_vendor ATA is …SN01; n/a unknown; HITACHI\'s A31A stays whole', async () => {
    expect(satJson('SN01')).toContain('"scsi_vendor": "ATA"');
    expect(await running({ 'cmd/smartctl/smartctl -j -a sdb.json': satJson('SN01') })).toEqual([['…SN01', 0]]);
    expect(await running({ 'cmd/smartctl/smartctl -j -a sdb.json': satJson('n/a') })).toEqual([['n/a', 1]]);
    expect(await running({ 'cmd/smartctl/smartctl -j -a sdb.json': json })).toEqual([['A31A', 0]]);
  });
});
