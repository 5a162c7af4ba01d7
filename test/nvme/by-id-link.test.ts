import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

/**
 * nvme-cli opens a udev link as it opens the node (`nvme smart-log /dev/disk/by-id/nvme-<model>_<serial>`) and prints
 * the link's own name as the device (its heading's `device:` is the basename of what it opened). Such an output names
 * no controller: it is keyed as smartctl's and hdparm's outputs on a link are, by the serial its id-ctrl prints or the
 * link names (`nvme:nvme-<serial>`), declared as what it gives of itself, so it is the one device of that drive that a
 * node's output or the host names. Before, a link was no node to the saved-name reader: the output was kept unread.
 * Real outputs: the Samsung MZVLB256HAHQ's id-ctrl and smart-log of the LCTT article (test/nvme/fixtures/real), run
 * on /dev/nvme0n1; here typed on the links udev makes for that drive instead.
 */
const REAL = new URL('./fixtures/real/', import.meta.url);
const smartLog = readFileSync(new URL('smart-log/samsung-mzvlb256-lctt-spaces-collapsed.txt', REAL), 'utf8');
const idCtrl = readFileSync(new URL('id-ctrl/samsung-mzvlb256-lctt-spaces-collapsed-elided.txt', REAL), 'utf8');
const SERIAL = 'S42GMY9M141281';
// udev's links of the namespace: model and serial (spaces made `_`), systemd 254's with the namespace id, by EUI-64.
const LINK = `/dev/disk/by-id/nvme-SAMSUNG_MZVLB256HAHQ-000L7_${SERIAL}`;
const NSID_LINK = `${LINK}_1`;
const EUI_LINK = '/dev/disk/by-id/nvme-eui.0025388b91b4c0a2';
const on = (text: string, link: string): string =>
  text.replace('/dev/nvme0n1', link).replace('device:nvme0n1', `device:${link.slice(link.lastIndexOf('/') + 1)}`);

type Drive = { device_key: string; serial: string | null };

async function replay(files: Record<string, string>): Promise<{ devices: Drive[]; smart: string[]; unread: string[] }> {
  const { db } = await replayTree(files);
  try {
    return {
      devices: db.prepare(`SELECT device_key, serial FROM devices WHERE class = 'nvme' ORDER BY device_key`).all() as Drive[],
      smart: (db.prepare(`SELECT device_key || ' ' || key || ' ' || value AS s FROM settings WHERE namespace = 'nvme.smart' AND key IN ('temperature_c', 'power_on_hours') ORDER BY s`).all() as { s: string }[]).map((r) => r.s),
      unread: (db.prepare(`SELECT name FROM artifacts WHERE name LIKE 'unread/%'`).all() as { name: string }[]).map((r) => r.name),
    };
  } finally {
    db.close();
  }
}

describe('nvme-cli run on a /dev/disk/by-id link', () => {
  it('smart-log typed on the link: read, keyed by the serial the link names', async () => {
    expect(on(smartLog, LINK)).toContain(`$ sudo nvme smart-log ${LINK}\nSmart Log for NVME device:nvme-SAMSUNG_MZVLB256HAHQ-000L7_${SERIAL} namespace-id:ffffffff`);
    const r = await replay({ 'ticket.txt': on(smartLog, LINK) });
    expect(r.devices).toEqual([{ device_key: `nvme:nvme-${SERIAL}`, serial: SERIAL }]);
    expect(r.smart).toEqual([`nvme:nvme-${SERIAL} power_on_hours 1311`, `nvme:nvme-${SERIAL} temperature_c 21`]);
    expect(r.unread).toEqual([]);
  });

  it('beside the id-ctrl of /dev/nvme0n1 printing that serial (either first): one device, nvme:nvme0, with the smart log', async () => {
    for (const files of [{ 'a.txt': on(smartLog, NSID_LINK), 'b.txt': idCtrl }, { 'a.txt': idCtrl, 'b.txt': on(smartLog, NSID_LINK) }]) {
      const r = await replay(files);
      expect(r.devices).toEqual([{ device_key: 'nvme:nvme0', serial: SERIAL }]);
      expect(r.smart).toEqual(['nvme:nvme0 power_on_hours 1311', 'nvme:nvme0 temperature_c 21']);
    }
  });

  it('id-ctrl and smart-log on two links of the drive, one naming no serial: one device by the serial id-ctrl prints', async () => {
    const r = await replay({ 'a.txt': on(idCtrl, EUI_LINK), 'b.txt': on(smartLog, LINK), 'cmd/nvme/smart-log.txt': on(smartLog, EUI_LINK) });
    expect(r.devices).toEqual([{ device_key: `nvme:nvme-${SERIAL}`, serial: SERIAL }]);
  });

  it('a link naming no serial, and no id-ctrl: keyed by the link', async () => {
    const r = await replay({ 'ticket.txt': on(smartLog, EUI_LINK) });
    expect(r.devices).toEqual([{ device_key: 'nvme:disk-by-id-nvme-eui.0025388b91b4c0a2', serial: null }]);
    expect(r.smart).toEqual(['nvme:disk-by-id-nvme-eui.0025388b91b4c0a2 power_on_hours 1311', 'nvme:disk-by-id-nvme-eui.0025388b91b4c0a2 temperature_c 21']);
  });
});
