/**
 * `nvme list` rows of SPDK's CUSE nodes, as nvme-cli prints them where they exist (nvme-print.c nvme_dev_full_path and
 * nvme_generic_full_path from v2.0, `/dev/spdk/<name>`; the generic node misspelt `/dev/spkd/ng<c>n<n>` until the fix in
 * v2.4; src/nvme-print-stdout.c stdout_dev_full_path at v3.0-rc1, the name itself): rows `%-21s %-21s %-20s %-40s
 * %-10s %-26s %-16s %-8s` (2.4 on, the NSID `%#-10x`). They were lost (no /dev/nvmeX node); they are read, each SPDK
 * controller its own, `nvme:spdk-nvme0`, never the kernel's nvme0.
 */
import { describe, expect, it } from 'vitest';
import { parseNvmeList } from '../../analyzer/classes/nvme/nvme-list.js';
import { replayTree } from '../helpers/replay-tree.js';

const l = (w: number, s: string): string => s.padEnd(w);
const d = (w: number): string => '-'.repeat(w);
const ROWS = [
  { node: '/dev/nvme0n1', gen: '/dev/ng0n1', sn: 'S4EWNX0R123456K', mn: 'Samsung SSD 970 EVO Plus 1TB', fr: '2B2QEXM7' },
  { node: '/dev/spdk/nvme0n1', gen: '/dev/spdk/ng0n1', sn: 'PHLJ9123004F8P0DGN', mn: 'INTEL SSDPE2KX080T8', fr: 'VDV10131' },
];
const list = (generic: (g: string) => string): string => [
  `${l(21, 'Node')} ${l(21, 'Generic')} ${l(20, 'SN')} ${l(40, 'Model')} ${l(10, 'Namespace')} ${l(26, 'Usage')} ${l(16, 'Format')} ${l(8, 'FW Rev')}`,
  `${d(21)} ${d(21)} ${d(20)} ${d(40)} ${d(10)} ${d(26)} ${d(16)} ${d(8)}`,
  ...ROWS.map((r) => `${l(21, r.node)} ${l(21, generic(r.gen))} ${l(20, r.sn)} ${l(40, r.mn)} ${l(10, '0x1')} ${l(26, '512.11  GB /   1.00  TB')} ${l(16, '512   B +  0 B')} ${l(8, r.fr)}`),
].join('\n');
const WANT = [
  { node: '/dev/nvme0n1', controller: 'nvme0', serial: 'S4EWNX0R123456K', model: 'Samsung SSD 970 EVO Plus 1TB', firmware: '2B2QEXM7' },
  { node: '/dev/spdk/nvme0n1', controller: 'spdk-nvme0', serial: 'PHLJ9123004F8P0DGN', model: 'INTEL SSDPE2KX080T8', firmware: 'VDV10131' },
];
const typo = (g: string): string => g.replace('/dev/spdk/', '/dev/spkd/');

describe('nvme list: SPDK nodes', () => {
  it.each([['2.4 on', (g: string) => g], ['2.0 – 2.3 (/dev/spkd/)', typo]])('%s: the SPDK row read, its controller its own', (_, generic) => {
    expect(parseNvmeList(list(generic))).toEqual({ entries: WANT, issues: [] });
  });

  it('without the headings (a paste of the rows): each row by its shape', () => {
    expect(parseNvmeList(list(typo).split('\n').slice(2).join('\n'))).toEqual({ entries: WANT, issues: [] });
  });

  it('saved: the kernel\'s nvme0 and SPDK\'s, two controllers', async () => {
    const { db } = await replayTree({ 'cmd/nvme/list.out': list((g) => g) });
    try {
      expect(db.prepare(`SELECT device_key, serial FROM devices WHERE class = 'nvme' ORDER BY device_key`).all()).toEqual([
        { device_key: 'nvme:nvme0', serial: 'S4EWNX0R123456K' }, { device_key: 'nvme:spdk-nvme0', serial: 'PHLJ9123004F8P0DGN' },
      ]);
    } finally {
      db.close();
    }
  });
});
