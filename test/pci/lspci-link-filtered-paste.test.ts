/**
 * A ticket's `lspci -vvv -s b1:00.1 | grep -i lnk`, followed by the LnkCap/LnkCtl/LnkSta lines grep kept: an excerpt of
 * the output (collector/output-filter.ts). Before, each line was reported unread and no link was stored. The output is
 * the corpus sample real-lspci/connectx7-pf-gen4-slot-and-vf-vvv-kvm-list (a ConnectX-7 PF, x16 32GT/s capable, trained
 * at x8 16GT/s) filtered as a person would.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const OUTPUT = readFileSync(new URL('./fixtures/real-lspci/connectx7-pf-gen4-slot-and-vf-vvv-kvm-list.txt', import.meta.url), 'utf8').split(/\r?\n/);
/** The PF's block, up to the VF's header. */
const PF = OUTPUT.slice(0, OUTPUT.findIndex((l, i) => i > 0 && /^b1:00\.2 /.test(l)));

async function read(ticket: string) {
  const { db } = await replayTree({ 'ticket.txt': ticket });
  try {
    const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
    return {
      links: all<Record<string, unknown>>(`SELECT device_key, max_speed_gts, max_width, speed_gts, width FROM pci_links`),
      issues: all<{ m: string }>(`SELECT code || ' ' || message AS m FROM collection_issues WHERE code NOT IN ('NOT_READ', 'PASTE-AROUND')`).map((i) => i.m),
    };
  } finally {
    db.close();
  }
}

describe('lspci -vvv -s <function> filtered to its link lines', () => {
  it("grep -i lnk: the function's link, capable and current, is stored; no line is reported unread", async () => {
    const r = await read(`The card trains at x8:\n\n$ sudo lspci -vvv -s b1:00.1 | grep -i lnk\n${PF.filter((l) => /lnk/i.test(l)).join('\n')}\n`);
    expect(r.links).toEqual([{ device_key: '0000:b1:00.1', max_speed_gts: 32, max_width: 16, speed_gts: 16, width: 8 }]);
    expect(r.issues).toEqual(['PASTE-FILTERED line 3: the output was filtered by `grep -i lnk`: only the lines it kept were pasted, read as far as they go; what it left out is unknown, not absent']);
  });

  it('grep LnkSta: the current speed and width only; nothing capable is taken from the absent LnkCap', async () => {
    const r = await read(`# lspci -vvv -s b1:00.1 | grep LnkSta:\n${PF.filter((l) => /LnkSta:/.test(l)).join('\n')}\n`);
    expect(r.links).toEqual([{ device_key: '0000:b1:00.1', max_speed_gts: null, max_width: null, speed_gts: 16, width: 8 }]);
    expect(r.issues).toEqual(['PASTE-FILTERED line 1: the output was filtered by `grep LnkSta:`: only the lines it kept were pasted, read as far as they go; what it left out is unknown, not absent']);
  });
});
