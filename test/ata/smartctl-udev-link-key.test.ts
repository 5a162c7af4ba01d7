import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

/**
 * smartctl run on a udev link (`/dev/disk/by-partlabel/…`, `by-id/…`, `by-path/…`) names no /dev node of the drive — a
 * partition's label even names a partition. An output that prints the drive's serial is keyed as one run on no node,
 * by that serial (`block:smartctl-0QYEX3AA`), declaring its drive by what it gives of itself; so the same drive's output
 * run on its node (`/dev/sdb`) is the one device `block:sdb`, whichever was saved first. Before, the link was the key
 * (`block:disk-by-partlabel-j1d01-ssd`) as well named as the node, and the two outputs of one drive were two devices,
 * or one under the link's name. An output with no serial keeps the link's readable name.
 * Real outputs: colttt's HGST HUSMM1640ASS200 smartctl -x on a partition label (zbx-smartctl issue 24, its command typed
 * above it) and raidinfo's Hitachi HDS723020BLA642 smartctl -x -d megaraid,50 on a by-id link.
 */
const REAL = new URL('./fixtures/real/smartctl/', import.meta.url);
const hgst = readFileSync(new URL('hgst-husmm1640ass200-sas-ssd-partlabel-zbx-smartctl24-cut.txt', REAL), 'utf8');
const hitachi = readFileSync(new URL('hitachi-hds723020bla642-megaraid50-by-id-raidinfo-smartctl65.txt', REAL), 'utf8');
const BY_ID = 'cmd/smartctl/-x_-d_megaraid,50_%2fdev%2fdisk%2fby-id%2fscsi-3600605b001a02e401f57fe47e983aa9a.out';

type Row = { device_key: string; class: string; serial: string | null };

async function devices(files: Record<string, string>): Promise<{ rows: Row[]; firmware: string[]; folds: string[] }> {
  const { db } = await replayTree(files);
  try {
    return {
      rows: db.prepare(`SELECT device_key, class, serial FROM devices ORDER BY device_key`).all() as Row[],
      firmware: (db.prepare(`SELECT device_key || ' ' || version AS v FROM firmware ORDER BY device_key`).all() as { v: string }[]).map((r) => r.v),
      folds: (db.prepare(`SELECT message FROM collection_issues WHERE code = 'ONE-DRIVE'`).all() as { message: string }[]).map((r) => r.message),
    };
  } finally {
    db.close();
  }
}

describe('a drive smartctl read through a /dev/disk/by-* link is keyed by what it prints of itself', () => {
  it('the HGST on a partition label alone: block:smartctl-<serial>, not the link', async () => {
    expect(hgst.split('\n')[0]).toMatch(/^smartctl -x \/dev\/disk\/by-partlabel\/j1d01-ssd/);
    const r = await devices({ 'smartctl.txt': hgst });
    expect(r.rows).toEqual([{ device_key: 'block:smartctl-0QYEX3AA', class: 'block', serial: '0QYEX3AA' }]);
  });

  it('the same drive\'s output on /dev/sdb saved beside it (either first): one device, block:sdb', async () => {
    const onNode = hgst.replace('/dev/disk/by-partlabel/j1d01-ssd', '/dev/sdb');
    for (const files of [{ 'a.txt': hgst, 'b.txt': onNode }, { 'a.txt': onNode, 'b.txt': hgst }]) {
      const r = await devices(files);
      expect(r.rows).toEqual([{ device_key: 'block:sdb', class: 'block', serial: '0QYEX3AA' }]);
      expect(r.firmware).toEqual(['block:sdb A360']);
    }
  });

  it('by-id with -d megaraid,50: keyed by serial, and folded into ata:sda@megaraid,50 of another output of the drive', async () => {
    expect((await devices({ [BY_ID]: hitachi })).rows).toEqual([{ device_key: 'ata:smartctl-MN1220F31Y6M2D@megaraid,50', class: 'ata', serial: 'MN1220F31Y6M2D' }]);
    const r = await devices({ [BY_ID]: hitachi, 'cmd/smartctl/-x_-d_megaraid,50_%2fdev%2fsda.out': hitachi });
    expect(r.rows).toEqual([{ device_key: 'ata:sda@megaraid,50', class: 'ata', serial: 'MN1220F31Y6M2D' }]);
  });

  it('an output with no serial keeps the link\'s readable name', async () => {
    const noSerial = hgst.replace(/^Serial number: .*\n/m, '');
    expect(noSerial).not.toContain('0QYEX3AA');
    expect((await devices({ 'smartctl.txt': noSerial })).rows.map((d) => d.device_key)).toEqual(['block:disk-by-partlabel-j1d01-ssd']);
  });

  it('an output with no serial on a by-id link whose name holds _ keeps the whole link', async () => {
    // udev's by-id name of a SAS drive from its unit serial number page: S, vendor, product and serial joined by _.
    const link = '/dev/disk/by-id/scsi-SHGST_HUSMM1640ASS200_0QYEX3AA';
    const noSerial = hgst.replace(/^Serial number: .*\n/m, '').replace('/dev/disk/by-partlabel/j1d01-ssd', link);
    expect((await devices({ 'smartctl.txt': noSerial })).rows.map((d) => d.device_key)).toEqual(['block:disk-by-id-scsi-SHGST_HUSMM1640ASS200_0QYEX3AA']);
  });
});
