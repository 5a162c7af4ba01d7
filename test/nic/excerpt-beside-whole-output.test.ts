/**
 * A ticket's `ethtool -i eth0 | grep firmware` beside the whole `ethtool -i eth0` saved in its own file: the whole one is
 * read (its driver, bus address and firmware), the excerpt set aside. Before, the ticket's part was looked for first by
 * the command's name, and the excerpt was read: the interface lost its driver and PCI address. The output is the corpus
 * sample nic/…/ethtool-i/mlx5-bluefield2-aarch64-zh-notes-cut-register-dump-settings-command-after (its provenance file
 * says where it was published).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const SAMPLE = readFileSync(new URL('./fixtures/real/ethtool-i/mlx5-bluefield2-aarch64-zh-notes-cut-register-dump-settings-command-after.txt', import.meta.url), 'utf8');
const WHOLE = SAMPLE.split('\n').slice(3, 13).join('\n');
const EXCERPT = ['$ ethtool -i enp1s0f0np0 | grep firmware', ...WHOLE.split('\n').filter((l) => /firmware/.test(l)), ''].join('\n');

async function read(files: Record<string, string>) {
  const { db } = await replayTree(files);
  try {
    const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
    return {
      from: all<{ r: string | null }>(`SELECT saved_as AS r FROM artifacts WHERE name LIKE 'cmd/ethtool/-i_enp1s0f0np0.out'`).map((a) => a.r),
      devices: all<{ d: string }>(`SELECT device_key || ' ' || coalesce(driver, '-') || ' ' || coalesce(pci_address, '-') AS d FROM devices`).map((d) => d.d),
    };
  } finally {
    db.close();
  }
}

describe("an ethtool -i excerpt in a ticket beside the same command's whole output", () => {
  it('the whole output is read', async () => {
    expect(EXCERPT.split('\n').length).toBe(3);
    const r = await read({ 'ticket.txt': EXCERPT, 'cmd/ethtool/-i_enp1s0f0np0.txt': WHOLE });
    expect(r.from).toEqual(['cmd/ethtool/-i_enp1s0f0np0.txt']);
    expect(r.devices).toEqual(['net:enp1s0f0np0 mlx5_core 0000:01:00.0']);
  });
});
