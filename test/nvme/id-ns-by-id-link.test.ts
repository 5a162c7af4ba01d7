import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

/**
 * `nvme id-ns` run on udev's by-id link to a namespace (`/dev/disk/by-id/nvme-<model>_<serial>`, systemd 254's `…_1`)
 * was accepted and then refused as naming no namespace (NVME-NAMESPACE). It is read as id-ctrl on such a link is
 * (test/nvme/by-id-link): merged with the controller by the serial the link names, so beside the drive's id-ctrl on
 * /dev/nvme0 its namespace is block:nvme0n1; alone, the link's drive nvme:nvme-<serial> with its namespace
 * block:nvme-<serial>n1; a link naming no serial keys the namespace by the link. Real outputs: the id-ctrl and id-ns of
 * the VirtualBox guest's ORCL-VBOX-NVME-VER12 in one person's notes (test/nvme/fixtures/real, provenance beside each),
 * the id-ns run on /dev/nvme0n1, here typed on the links udev makes for that drive instead.
 */
const REAL = new URL('./fixtures/real/', import.meta.url);
const idNs = readFileSync(new URL('id-ns/vbox-orcl-nvme-nvme0n1-cli2.txt', REAL), 'utf8');
const idCtrl = readFileSync(new URL('id-ctrl/vbox-orcl-nvme-sudo-password-prompt-cli2.txt', REAL), 'utf8');
const SERIAL = 'VB1234-56789';
const LINK = `/dev/disk/by-id/nvme-ORCL-VBOX-NVME-VER12_${SERIAL}`;
const NSID_LINK = `${LINK}_1`;
// The namespace's EUI-64 is zeros: udev names it by its NGUID.
const EUI_LINK = '/dev/disk/by-id/nvme-eui.55731efc946e9642bf4255f15f1344d0';
const on = (link: string): string => idNs.replace('nvme id-ns /dev/nvme0n1', `nvme id-ns ${link}`);

async function replay(files: Record<string, string>): Promise<{ devices: string[]; size: string[]; refused: string[] }> {
  const { db } = await replayTree(files);
  try {
    return {
      devices: (db.prepare(`SELECT device_key || ' ' || class || ' ' || coalesce(parent_key, '-') || ' ' || coalesce(serial, '-') AS d FROM devices WHERE class IN ('nvme', 'block') ORDER BY d`).all() as { d: string }[]).map((r) => r.d),
      size: (db.prepare(`SELECT device_key || ' ' || value AS s FROM settings WHERE namespace = 'nvme.id-ns' AND key = 'size_blocks'`).all() as { s: string }[]).map((r) => r.s),
      refused: (db.prepare(`SELECT code FROM collection_issues WHERE code IN ('NVME-NAMESPACE', 'PARSE')`).all() as { code: string }[]).map((r) => r.code),
    };
  } finally {
    db.close();
  }
}

describe('nvme id-ns on a /dev/disk/by-id link', () => {
  it('beside the id-ctrl of /dev/nvme0 printing the serial the link names (either link form): block:nvme0n1 of nvme:nvme0', async () => {
    for (const link of [LINK, NSID_LINK]) {
      expect(on(link)).toContain(`$ sudo nvme id-ns ${link}\nNVME Identify Namespace 1:`);
      const r = await replay({ 'cmd/nvme/id-ctrl_nvme0.txt': idCtrl, 'notes.txt': on(link) });
      expect(r.refused).toEqual([]);
      expect(r.devices).toEqual(['block:nvme0n1 block nvme:nvme0 -', `nvme:nvme0 nvme - ${SERIAL}`]);
      expect(r.size).toEqual(['block:nvme0n1 20971520']);
    }
  });

  it('alone: the namespace of the drive the link names, nvme:nvme-<serial>', async () => {
    const r = await replay({ 'notes.txt': on(LINK) });
    expect(r.refused).toEqual([]);
    expect(r.devices).toEqual([`block:nvme-${SERIAL}n1 block nvme:nvme-${SERIAL} -`, `nvme:nvme-${SERIAL} nvme - ${SERIAL}`]);
    expect(r.size).toEqual([`block:nvme-${SERIAL}n1 20971520`]);
  });

  it('a link naming no serial: the namespace keyed by the link, under the bundle\'s one controller', async () => {
    const r = await replay({ 'cmd/nvme/id-ctrl_nvme0.txt': idCtrl, 'notes.txt': on(EUI_LINK) });
    expect(r.refused).toEqual([]);
    expect(r.devices).toEqual(['block:disk-by-id-nvme-eui.55731efc946e9642bf4255f15f1344d0 block nvme:nvme0 -', `nvme:nvme0 nvme - ${SERIAL}`]);
  });
});
