import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

/**
 * smartctl printing a SATA drive in its SCSI form (`smartctl -d scsi`, or a SAT layer without ATA passthrough) shows
 * the INQUIRY strings, `Vendor: ATA` and as `Product:` the ATA model's first 16 characters. Its model is stored as the
 * ata class stores that product from sysfs or lsscsi: the product, marked cut (`ST8000AS0022-1WL…`) with a
 * PARTIAL-MODEL issue, as sdparm and sg_inq store the product. Before, it was stored as vendor and product joined,
 * `ATA ST8000AS0022-1WL`, a model no other source gives. Another vendor's model stays joined (`HGST HUH721212AL4204`).
 *
 * The outputs are the real ones test/ata/smartctl-sat-revision edits the same way: py-SMART's `smartctl -d scsi --all`
 * of an HGST SAS drive (text) and smartctl_exporter's smartctl 7.3 -j of a Hitachi SAS drive, their INQUIRY vendor,
 * product, revision and serial replaced by those of the Seagate ST8000AS0022 behind SAT of the real sg_inq sample of
 * test/scsi (ATA, ST8000AS0022-1WL, SN01, Z840Y0FY).
 */
const REAL = new URL('./fixtures/real/smartctl/', import.meta.url);
const text = readFileSync(new URL('hgst-huh721212al4204-sas-scsi.txt', REAL), 'utf8');
const json = readFileSync(new URL('hitachi-h109060sesun600g-sas-json-smartctl73.json', REAL), 'utf8');

const satText = text
  .replace('Vendor: HGST', 'Vendor: ATA').replace('Product: HUH721212AL4204', 'Product: ST8000AS0022-1WL')
  .replace('Revision: C3D0', 'Revision: SN01').replace('Serial number: 8DG3J2ZD', 'Serial number: Z840Y0FY');
const satJson = json
  .replace('"scsi_model_name": "HITACHI H109060SESUN600G"', '"scsi_model_name": "ATA ST8000AS0022-1WL"')
  .replace('"scsi_product": "H109060SESUN600G"', '"scsi_product": "ST8000AS0022-1WL"')
  .replace('"scsi_revision": "A31A"', '"scsi_revision": "SN01"').replace('"scsi_vendor": "HITACHI"', '"scsi_vendor": "ATA"')
  .replace('"serial_number": "REDACTED"', '"serial_number": "Z840Y0FY"');

async function models(files: Record<string, string>): Promise<{ models: (string | null)[]; cut: number }> {
  const { db } = await replayTree(files);
  try {
    return {
      models: (db.prepare(`SELECT model FROM devices ORDER BY device_key`).all() as { model: string | null }[]).map((r) => r.model),
      cut: (db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = 'PARTIAL-MODEL'`).get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('smartctl\'s SCSI-form model of a vendor-ATA drive is its INQUIRY product, marked cut', () => {
  it('text: Vendor ATA, Product ST8000AS0022-1WL → ST8000AS0022-1WL…, PARTIAL-MODEL; HGST\'s stays whole', async () => {
    expect(satText).toContain('Vendor: ATA');
    expect(satText).toContain('Product: ST8000AS0022-1WL');
    expect(await models({ 'cmd/smartctl/smartctl -d scsi --all sdc.txt': satText })).toEqual({ models: ['ST8000AS0022-1WL…'], cut: 1 });
    expect(await models({ 'cmd/smartctl/smartctl -d scsi --all sdc.txt': text })).toEqual({ models: ['HGST HUH721212AL4204'], cut: 0 });
  });

  it('smartmontools 5.x\'s one line (`Device: ATA      ST8000AS0022-1WL Version: SN01`) is read the same', async () => {
    const old = satText.replace(/^Vendor: ATA\nProduct: ST8000AS0022-1WL\nRevision: SN01\n/m, 'Device: ATA      ST8000AS0022-1WL Version: SN01\n');
    expect(old).toContain('Device: ATA ');
    expect(await models({ 'cmd/smartctl/smartctl -d scsi --all sdc.txt': old })).toEqual({ models: ['ST8000AS0022-1WL…'], cut: 1 });
  });

  it('-j: scsi_vendor ATA, scsi_product ST8000AS0022-1WL → ST8000AS0022-1WL…, not scsi_model_name', async () => {
    expect(satJson).toContain('"scsi_model_name": "ATA ST8000AS0022-1WL"');
    expect(await models({ 'cmd/smartctl/smartctl -j -a sdb.json': satJson })).toEqual({ models: ['ST8000AS0022-1WL…'], cut: 1 });
    expect(await models({ 'cmd/smartctl/smartctl -j -a sdb.json': json })).toEqual({ models: ['HITACHI H109060SESUN600G'], cut: 0 });
  });
});
