import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

/**
 * sg_vpd run on an NVMe node (`sg_vpd /dev/nvme0n1`), which a SCSI-to-NVMe translation answers (the kernel's until
 * 4.13, sg3_utils' own SNTL since 1.43: page 0x80 the controller's Identify SN, page 0x83 names made of the controller and
 * namespace), was refused: the NVMe node was no node sg_vpd's reader knew, as it is sg_inq's. It is read: the device at
 * its node with its unit serial number, declared the NVMe drive of that serial (the namespace names it prints are no world
 * wide name of that drive), so it is the controller an id-ctrl of the same serial makes.
 */
const REAL = new URL('../', import.meta.url);
const page83 = readFileSync(new URL('scsi/fixtures/real/sg_vpd-page-0x83-nvme-intel-p3700-libstoragemgmt135.txt', REAL), 'utf8');
const idCtrl = readFileSync(new URL('nvme/fixtures/real/id-ctrl/samsung-mzvlb256-lctt-spaces-collapsed-elided.txt', REAL), 'utf8');
// sg_vpd 1.46 (sg3_utils, installed: `sg_vpd --inhex -p sn`) on the page 0x80 sg3_utils' SNTL makes of that drive's SN.
const PAGE80 = '$ sudo sg_vpd -p sn /dev/nvme0n1\nUnit serial number VPD page:\n  Unit serial number: S42GMY9M141281      \n';

async function replay(files: Record<string, string>): Promise<{ devices: unknown[]; vpd: string[]; refused: unknown[] }> {
  const { db } = await replayTree(files);
  try {
    return {
      devices: db.prepare(`SELECT device_key, class, serial FROM devices ORDER BY device_key`).all(),
      vpd: (db.prepare(`SELECT device_key || ' ' || key || ' ' || value AS s FROM settings WHERE namespace = 'vpd' ORDER BY s`).all() as { s: string }[]).map((r) => r.s),
      refused: db.prepare(`SELECT name FROM artifacts WHERE name LIKE 'unread/%' OR parse_error IS NOT NULL`).all(),
    };
  } finally {
    db.close();
  }
}

describe('sg_vpd on an NVMe node', () => {
  it('the real page 0x83 of an Intel P3700 typed in a ticket: read, its SCSI name string (runs of spaces one) the logical unit\'s name', async () => {
    const r = await replay({ 'ticket.txt': page83 });
    expect(r.refused).toEqual([]);
    expect(r.devices).toEqual([{ device_key: 'scsi:nvme0n1', class: 'scsi', serial: null }]);
    expect(r.vpd).toEqual(['scsi:nvme0n1 lu_name 8086INTEL SSDPEDMD400G4 1000CVFT5194002T400BGN']);
  });

  it('page 0x80 beside the id-ctrl of the same node: one drive, the controller nvme:nvme0', async () => {
    const r = await replay({ 'a.txt': idCtrl, 'b.txt': PAGE80 });
    expect(r.refused).toEqual([]);
    expect(r.devices).toEqual([{ device_key: 'nvme:nvme0', class: 'nvme', serial: 'S42GMY9M141281' }]);
    expect(r.vpd).toEqual(['nvme:nvme0 serial S42GMY9M141281']);
  });
});
