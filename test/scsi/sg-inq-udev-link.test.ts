import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

/**
 * sg_inq opens any device path, a udev link as well as a node (`sg_inq /dev/disk/by-id/ata-…`). Its output run on one,
 * typed in a ticket or saved under the link's name, is read, keyed by the unit serial number it prints
 * (`scsi:sg_inq-<serial>`) and declared as what it gives of itself, so the same drive's output on /dev/sda is the one
 * device `scsi:sda` whichever was saved first; printing no serial it is keyed by the link. Before, a link was no node
 * to the saved-name reader: the output was kept unread.
 * sdparm opens a link as well: the real sdparm -i of a WDC WD10EADS behind SAT, its command and heading naming the link
 * udev makes for it instead of /dev/sdd, is keyed by the serial its T10 vendor identification gives.
 * The output is the real sg_inq of the Seagate ST8000AS0022 behind SAT (test/scsi/fixtures/real), typed here under the
 * link udev makes for that drive (ata-<model>_<serial>) instead of the /dev/sda it was run on.
 */
const real = readFileSync(new URL('./fixtures/real/sg_inq-st8000as0022.txt', import.meta.url), 'utf8');
const sdparm = readFileSync(new URL('./fixtures/real/sdparm-i-wd10eads-sat-forum.txt', import.meta.url), 'utf8');
const WD_LINK = '/dev/disk/by-id/ata-WDC_WD10EADS-65M2B0_WD-WCAV53094176';
const LINK = '/dev/disk/by-id/ata-ST8000AS0022-1WL_Z840Y0FY';
const ticket = (text: string, on: string): string => `Here is the drive:\n\n$ sudo sg_inq ${on}\n${text}`;

async function devices(files: Record<string, string>): Promise<{ keys: string[]; unread: string[] }> {
  const { db } = await replayTree(files);
  try {
    return {
      keys: (db.prepare(`SELECT device_key FROM devices ORDER BY device_key`).all() as { device_key: string }[]).map((r) => r.device_key),
      unread: (db.prepare(`SELECT name FROM artifacts WHERE name LIKE 'unread/%'`).all() as { name: string }[]).map((r) => r.name),
    };
  } finally {
    db.close();
  }
}

describe('sg_inq run on a udev link', () => {
  it('typed in a ticket: read, keyed by the serial it prints', async () => {
    expect(real).toContain('Unit serial number:             Z840Y0FY');
    expect(await devices({ 'ticket.txt': ticket(real, LINK) })).toEqual({ keys: ['scsi:sg_inq-Z840Y0FY'], unread: [] });
  });

  it('saved under the link\'s name beside the same drive\'s output on /dev/sda (either first): one device, scsi:sda', async () => {
    const onLink = `cmd/sg_inq/${encodeURIComponent(LINK)}.out`;
    for (const files of [{ [onLink]: real, 'cmd/sg_inq/sda.out': real }, { 'cmd/sg_inq/sda.out': real, [onLink]: real }]) {
      expect((await devices(files)).keys).toEqual(['scsi:sda']);
    }
  });

  // The link's name holds `_` (ata-<model>_<serial>), as the part's name joins argv by `_`: the link is kept whole.
  it('printing no serial: keyed by the whole link, so two such links stay two devices', async () => {
    const noSerial = real.replace(/^ Unit serial number:.*\n/m, '');
    expect(noSerial).not.toContain('Z840Y0FY\n');
    expect((await devices({ 'ticket.txt': ticket(noSerial, LINK) })).keys).toEqual(['scsi:disk-by-id-ata-ST8000AS0022-1WL_Z840Y0FY']);
    const other = `${LINK.slice(0, -'Z840Y0FY'.length)}Z840Y1AB`;
    expect((await devices({ 'a.txt': ticket(noSerial, LINK), 'b.txt': ticket(noSerial, other) })).keys)
      .toEqual(['scsi:disk-by-id-ata-ST8000AS0022-1WL_Z840Y0FY', 'scsi:disk-by-id-ata-ST8000AS0022-1WL_Z840Y1AB']);
  });

  it('sdparm -i on the link (its command and heading naming it): keyed by the serial; beside /dev/sdd\'s, scsi:sdd', async () => {
    const onLink = sdparm.replaceAll('/dev/sdd', WD_LINK);
    expect(onLink.split('\n')[0]).toBe(`david@thebone:~$ sudo sdparm -i ${WD_LINK}`);
    expect((await devices({ 'ticket.txt': onLink })).keys).toEqual(['scsi:sdparm-WD-WCAV53094176']);
    expect((await devices({ 'ticket.txt': onLink, 'cmd/sdparm/-i_sdd.out': sdparm })).keys).toEqual(['scsi:sdd']);
  });
});
