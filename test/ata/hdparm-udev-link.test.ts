import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

/**
 * hdparm run on a udev link (`hdparm -IC /dev/disk/by-id/ata-…`, its heading naming the link) was refused as naming no
 * disk, though it prints the drive's serial. It is now keyed by that serial (`ata:hdparm-<serial>`), declared as what it
 * gives of itself, so it is the same drive as its output on the node (`ata:sdb`); with no serial, by the link's readable
 * name. The output is the real `hdparm -IC /dev/sdb` of an Intel SSDSC2BB240G6 (showtools issue 7), its /dev/sdb edited
 * to the by-id link udev makes for that drive.
 */
const real = readFileSync(new URL('./fixtures/real/hdparm/intel-ssdsc2bb240g6-showtools7-IC.txt', import.meta.url), 'utf8');
const LINK = '/dev/disk/by-id/ata-INTEL_SSDSC2BB240G6_PHWA62650284240AGN';
const onLink = real.replaceAll('/dev/sdb', LINK);

async function replay(files: Record<string, string>): Promise<{ devices: string[]; firmware: string[]; refused: string[] }> {
  const { db } = await replayTree(files);
  try {
    return {
      devices: (db.prepare(`SELECT device_key FROM devices WHERE class = 'ata' ORDER BY device_key`).all() as { device_key: string }[]).map((r) => r.device_key),
      firmware: (db.prepare(`SELECT device_key || ' ' || version AS v FROM firmware ORDER BY device_key`).all() as { v: string }[]).map((r) => r.v),
      refused: (db.prepare(`SELECT message FROM collection_issues WHERE code = 'PARSE'`).all() as { message: string }[]).map((r) => r.message),
    };
  } finally {
    db.close();
  }
}

describe('hdparm on a /dev/disk/by-id link', () => {
  it('is read, keyed by the serial it prints', async () => {
    expect(onLink).toContain(`hdparm -IC ${LINK}`);
    expect(onLink).toContain(`${LINK}:`);
    const r = await replay({ 'hdparm.txt': onLink });
    expect(r.refused).toEqual([]);
    expect(r.devices).toEqual(['ata:hdparm-PHWA62650284240AGN']);
    expect(r.firmware).toEqual(['ata:hdparm-PHWA62650284240AGN G2010140']);
  });

  it('beside the same drive\'s output on /dev/sdb (either first): one device, ata:sdb', async () => {
    for (const files of [{ 'a.txt': onLink, 'b.txt': real }, { 'a.txt': real, 'b.txt': onLink }]) {
      expect((await replay(files)).devices).toEqual(['ata:sdb']);
    }
  });

  it('with no serial printed, keyed by the link', async () => {
    const noSerial = onLink.replace(/^\s+Serial Number:.*\n/m, '');
    expect(noSerial).not.toMatch(/Serial Number/);
    expect((await replay({ 'hdparm.txt': noSerial })).devices).toEqual(['ata:disk-by-id-ata-INTEL_SSDSC2BB240G6_PHWA62650284240AGN']);
  });
});
