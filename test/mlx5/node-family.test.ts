/**
 * An mst node names its card's family by the device ID in its name (mt41686: BlueField-2); the firmware read for it
 * names one by its major (32: BlueField-3). When they disagree (a person's notes joining two cards, a node typed from a
 * how-to) the device is named by the firmware the card printed, and an issue names both.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaySaved } from '../helpers/replay-tree.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');

async function read(saveAs: string, text: string): Promise<{ model: unknown; conflicts: string[] }> {
  const { db } = await replaySaved(saveAs, text);
  try {
    const conflicts = (db.prepare(`SELECT message FROM collection_issues WHERE code = 'FAMILY-CONFLICT'`).all() as { message: string }[]).map((r) => r.message);
    return { model: (db.prepare(`SELECT model FROM devices WHERE device_key LIKE 'mst:%'`).get() as { model: unknown } | undefined)?.model, conflicts };
  } finally {
    db.close();
  }
}

describe('an mst node of another family than its firmware', () => {
  it('a BlueField-2 node (mt41686) showing BlueField-3 firmware (32.43.3608): named BlueField-3, the conflict said', async () => {
    const got = await read('cmd/mstflint/-d_dev_mst_mt41686_pciconf0_q.out', real('mstflint/bf3-grep-fw-dpu-notes.txt'));
    expect(got.model).toBe('BlueField-3');
    expect(got.conflicts).toEqual([expect.stringMatching(/mt41686_pciconf0 is a BlueField-2's.*32\.43\.3608, is a BlueField-3's/)]);
  });

  it('a node of the firmware\'s family (mt41692, 32.x) and a ConnectX-3 Pro node with the ConnectX-3 major: no conflict, named by the node', async () => {
    const bf3 = await read('cmd/mstflint/-d_dev_mst_mt41692_pciconf0_q.out', real('mstflint/bf3-grep-fw-dpu-notes.txt').replace('mt41686', 'mt41692'));
    expect(bf3).toEqual({ model: 'BlueField-3', conflicts: [] });
    const cx3pro = await read('cmd/mstflint/-d_dev_mst_mt4103_pci_cr0_q.out', '$ mstflint -d /dev/mst/mt4103_pci_cr0 q | grep FW\nFW Version:            2.42.5000\n');
    expect(cx3pro).toEqual({ model: 'ConnectX-3 Pro', conflicts: [] });
  });
});
