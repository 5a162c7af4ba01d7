/**
 * A ticket's excerpt of an output (`nvme id-ctrl /dev/nvme0 | grep -E "^(mn|fr) "`) beside the whole output of the same
 * command saved in its own file (cmd/nvme/id-ctrl_nvme0.out): the whole one is read, wherever in the tree each is. Before,
 * the excerpt's name sorted first and it was read: the controller's firmware slots, MDTS and power states were lost and
 * the whole output was set aside as "another output of the same command". The output is the corpus sample
 * nvme/…/id-ctrl/kingston-snv2s250g-fog (a Kingston NV2, its provenance file says where it was published).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const WHOLE = readFileSync(new URL('./fixtures/real/id-ctrl/kingston-snv2s250g-fog.txt', import.meta.url), 'utf8');
const EXCERPT = ['The firmware:', '', '$ sudo nvme id-ctrl /dev/nvme0 | grep -E "^(mn|fr) "', ...WHOLE.split('\n').filter((l) => /^(mn|fr) /.test(l)), ''].join('\n');

async function read(files: Record<string, string>) {
  const { db } = await replayTree(files);
  try {
    const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
    return {
      from: all<{ r: string }>(`SELECT saved_as AS r FROM artifacts WHERE name = 'cmd/nvme/id-ctrl_%2fdev%2fnvme0.out'`).map((a) => a.r),
      keys: all<{ k: string }>(`SELECT DISTINCT key AS k FROM settings WHERE device_key = 'nvme:nvme0'`).map((s) => s.k),
      firmware: all<{ v: string }>(`SELECT version AS v FROM firmware WHERE device_key = 'nvme:nvme0'`).map((f) => f.v),
    };
  } finally {
    db.close();
  }
}

describe("an excerpt in a ticket beside the same command's whole output", () => {
  it('the whole output is read, the excerpt set aside', async () => {
    expect(EXCERPT.split('\n').length).toBe(6);
    const alone = await read({ 'cmd/nvme/id-ctrl_nvme0.out': WHOLE });
    const r = await read({ 'ticket.txt': EXCERPT, 'cmd/nvme/id-ctrl_nvme0.out': WHOLE });
    expect(r.from).toEqual(['cmd/nvme/id-ctrl_nvme0.out']);
    expect(r.firmware).toEqual(['ELFK0S.4']);
    expect(r.keys.sort()).toEqual(alone.keys.sort());
    expect(r.keys.length).toBeGreaterThan(5);
  });
});
