/**
 * Plain `nvme list` text (no -v) as each nvme-cli release prints it, built from its printing code (linux-nvme/nvme-cli):
 *   v1.9     nvme-print.c show_list_items / show_list_item: `%-16s %-*.*s %-*.*s %-9d %-26s %-16s %-.*s` (serial 20 and model
 *            40 bytes as the controller gives them, space padded; FR its 8 bytes)
 *   v1.16    nvme-print.c nvme_show_simple_list / nvme_show_list_item: Node `%-21s`, the rest as 1.9
 *   v2.0     nvme-print.c nvme_show_simple_list / nvme_show_list_item: `%-21s %-21s %-20s %-40s %-9d %-26s %-16s %-8s`
 *            (a Generic column; the node without /dev/ where /dev/<name> is not found)
 *   v2.4     nvme-print.c nvme_show_simple_list / nvme_show_list_item: Namespace `%#-10x`
 *   v2.8, v2.11  nvme-print-stdout.c stdout_simple_list / stdout_list_item: as 2.4
 *   v2.16    nvme-print-stdout.c stdout_simple_list / list_item, util/table.c table_print: every cell padded to its
 *            column (21 21 20 40 10 26 16 8), one space apart, the NSID `0x%x`
 *   v3.0-rc1 src/nvme-print-stdout.c stdout_simple_list / list_item (shr_table): as 2.16
 * Usage `%6.2f %2sB / %6.2f %2sB` (SI: k M G T), Format `%3.0f %2sB + %2d B` (binary: Ki Mi) in every release.
 */
import { describe, expect, it } from 'vitest';
import { parseNvmeList } from '../../analyzer/classes/nvme/nvme-list.js';

const l = (w: number, s: string): string => s.padEnd(w);
const d = (w: number): string => '-'.repeat(w);
/** `%6.2f %2sB / %6.2f %2sB` */
const usage = (u: number, us: string, s: number, ss: string): string => `${u.toFixed(2).padStart(6)} ${us.padStart(2)}B / ${s.toFixed(2).padStart(6)} ${ss.padStart(2)}B`;
/** `%3.0f %2sB + %2d B` */
const format = (lba: number, ls: string, ms: number): string => `${String(lba).padStart(3)} ${ls.padStart(2)}B + ${String(ms).padStart(2)} B`;

interface Ns { node: string; sn: string; mn: string; fr: string; nsid: number; usage: string; format: string }

const NAMESPACES: Ns[] = [
  { node: 'nvme0n1', sn: 'S4EWNX0R123456K', mn: 'Samsung SSD 970 EVO Plus 1TB', fr: '2B2QEXM7', nsid: 1, usage: usage(512.11, 'G', 1.0, 'T'), format: format(512, '', 0) },
  // A model filling its 40 bytes, a serial filling its 20.
  { node: 'nvme1n1', sn: 'PHLJ9123004F8P0DGN01', mn: 'INTEL SSDPE2KX080T8 WITH A MODEL 40 LONG', fr: 'VDV10131', nsid: 1, usage: usage(0, '', 8.0, 'T'), format: format(4, 'Ki', 8) },
  // No firmware revision (all spaces in Identify Controller, empty from libnvme).
  { node: 'nvme10n2', sn: 'QEMU0001', mn: 'QEMU NVMe Ctrl', fr: '', nsid: 2, usage: usage(107.37, 'G', 107.37, 'G'), format: format(512, '', 0) },
];

const expected = (dev: (n: string) => string) =>
  NAMESPACES.map((n) => ({ node: dev(n.node), controller: n.node.replace(/n\d+$/, ''), serial: n.sn, model: n.mn, ...(n.fr ? { firmware: n.fr } : {}) }));

const generic = (n: string): string => n.replace(/^nvme(\d+)n(\d+)$/, 'ng$1n$2');
/** 1.x prints serial, model and FR as the controller's bytes: ASCII padded with spaces to 20, 40 and 8. */
const v1 = (node: number): string =>
  [`${l(node, 'Node')} ${l(20, 'SN')} ${l(40, 'Model')} ${l(9, 'Namespace')} ${l(26, 'Usage')} ${l(16, 'Format')} ${l(8, 'FW Rev')}`,
    `${l(node, d(node))} ${d(20)} ${d(40)} ${d(9)} ${d(26)} ${d(16)} ${d(8)}`,
    ...NAMESPACES.map((n) => `${l(node, `/dev/${n.node}`)} ${l(20, n.sn)} ${l(40, n.mn)} ${l(9, String(n.nsid))} ${l(26, n.usage)} ${l(16, n.format)} ${l(8, n.fr)}`)].join('\n');
const v2 = (nsid: (n: number) => string, dev: (n: string) => string, table: boolean): string =>
  [`${l(21, 'Node')} ${l(21, 'Generic')} ${l(20, 'SN')} ${l(40, 'Model')} ${l(table ? 10 : 10, 'Namespace')} ${l(26, 'Usage')} ${l(16, 'Format')} ${l(8, 'FW Rev')}`,
    `${d(21)} ${d(21)} ${d(20)} ${d(40)} ${d(10)} ${d(26)} ${d(16)} ${d(8)}`,
    ...NAMESPACES.map((n) => `${l(21, dev(n.node))} ${l(21, dev(generic(n.node)))} ${l(20, n.sn)} ${l(40, n.mn)} ${l(table ? 10 : 0, nsid(n.nsid))} ${l(26, n.usage)} ${l(16, n.format)} ${l(8, n.fr)}`)].join('\n');
/** 2.0's heading: Namespace `%-9s`, rows `%-9d`. */
const v20 = (dev: (n: string) => string): string =>
  [`${l(21, 'Node')} ${l(21, 'Generic')} ${l(20, 'SN')} ${l(40, 'Model')} ${l(9, 'Namespace')} ${l(26, 'Usage')} ${l(16, 'Format')} ${l(8, 'FW Rev')}`,
    `${d(21)} ${d(21)} ${d(20)} ${d(40)} ${d(9)} ${d(26)} ${d(16)} ${d(8)}`,
    ...NAMESPACES.map((n) => `${l(21, dev(n.node))} ${l(21, dev(generic(n.node)))} ${l(20, n.sn)} ${l(40, n.mn)} ${l(9, String(n.nsid))} ${l(26, n.usage)} ${l(16, n.format)} ${l(8, n.fr)}`)].join('\n');

const withDev = (n: string): string => `/dev/${n}`;
const bare = (n: string): string => n;
/** `%#-10x` */
const hex10 = (n: number): string => l(10, `0x${n.toString(16)}`);

const FORMS: [string, string, (n: string) => string][] = [
  ['v1.9', v1(16), withDev],
  ['v1.16', v1(21), withDev],
  ['v2.0', v20(withDev), withDev],
  ['v2.0, nodes without /dev/', v20(bare), bare],
  ['v2.4 – v2.11', v2(hex10, withDev, false), withDev],
  ['v2.16, v3.0-rc1 (table)', v2((n) => `0x${n.toString(16)}`, withDev, true), withDev],
];

describe('plain nvme list text of each nvme-cli release', () => {
  it.each(FORMS)('%s: every namespace with its serial, model (spaces kept) and FW Rev; none where it is blank', (_, text, dev) => {
    const p = parseNvmeList(text);
    expect(p.issues).toEqual([]);
    expect(p.entries).toEqual(expected(dev));
  });

  it.each(FORMS)('%s: trailing spaces cut from every line (a paste) read the same', (_, text, dev) => {
    const p = parseNvmeList(text.split('\n').map((x) => x.trimEnd()).join('\n'));
    expect(p.issues).toEqual([]);
    expect(p.entries).toEqual(expected(dev));
  });
});

describe('plain nvme list rows of each nvme-cli release without their heading (a paste that kept the rows alone)', () => {
  it.each(FORMS)('%s: read by their shape', (_, text, dev) => {
    const p = parseNvmeList(text.split('\n').slice(2).join('\n'));
    expect(p.issues).toEqual([]);
    expect(p.entries).toEqual(expected(dev));
  });
});
