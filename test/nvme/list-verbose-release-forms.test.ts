/**
 * `nvme list -v` text as each nvme-cli release prints it, built from its printing code (linux-nvme/nvme-cli):
 * nvme-print.c nvme_show_detailed_list / nvme_show_ns_details at v2.0 – v2.4, nvme-print-stdout.c stdout_detailed_list /
 * stdout_detailed_subsys / stdout_detailed_ctrl / stdout_detailed_ns / stdout_ns_details at v2.5 – v2.16 and the 3.0
 * line (v3.0-a.1 – v3.0-a.5, v3.0-b.1 – b.5, src/nvme-print-stdout.c at v3.0-rc1). Controller table:
 *   v2.0 – v2.4    `%-8s %-20s %-40s %-8s %-6s %-14s %-12s ` Device SN MN FR TxPort Address Subsystem, then Namespaces
 *   v2.5 – v2.8    … Address `%-6s` Slot Subsystem
 *   v2.9 – v2.15   heading `%-16s %-5s …` (Device Cntlid, 16 dashes), rows `%-8s %-6s %-20s …`
 *   v2.16 – 3.0-a  rows `%-16s %-6s %-20s …`
 *   3.0-b, 3.0-rc1 `%-16s %-12s %-6s %-20s …`: an Orchestrator column (`kernel` for PCIe, the registry owner or `-` for fabrics)
 * Namespace table: `%-12s %-12s %-8x` (v2.0 – v2.3), `%#-10x` NSID (v2.4 on), heading `%-17s %-17s` over rows still
 * `%-12s %-12s` (v2.9 – v2.14), Usage `%-21s %-25s` with the binary size in parentheses (v2.15 on), Generic `%-20s` (v3.0-rc1).
 */
import { describe, expect, it } from 'vitest';
import { parseNvmeList } from '../../analyzer/classes/nvme/nvme-list.js';

/** printf's `%-Ns`, and `%-.Ns` of nvme-cli's dash string. */
const l = (w: number, s: string): string => s.padEnd(w);
const d = (w: number): string => '-'.repeat(w);

interface Ctrl {
  name: string;
  owner: string;
  cntlid: string;
  sn: string;
  mn: string;
  fr: string;
  tr: string;
  addr: string;
  slot: string;
  ns: string;
}
const CTRLS: Ctrl[] = [
  { name: 'nvme0', owner: 'kernel', cntlid: '1', sn: 'S6S1NS0T512345K', mn: 'Samsung SSD 990 PRO 2TB', fr: '4B2QJXD7', tr: 'pcie', addr: '0000:01:00.0', slot: '3', ns: 'nvme0n1' },
  { name: 'nvme1', owner: '-', cntlid: '4', sn: '85JZX23', mn: 'dellemc-powerstore', fr: '2.1.0.0', tr: 'tcp', addr: 'traddr=10.162.198.45,trsvcid=4420,src_addr=10.162.198.10', slot: '', ns: 'nvme1c1n1' },
];

type Release = 'v2.0' | 'v2.4' | 'v2.5' | 'v2.9' | 'v2.15' | 'v2.16' | 'v3.0-b.1' | 'v3.0-rc1';
const RELEASES: Release[] = ['v2.0', 'v2.4', 'v2.5', 'v2.9', 'v2.15', 'v2.16', 'v3.0-b.1', 'v3.0-rc1'];
const at = (r: Release, from: Release): boolean => RELEASES.indexOf(r) >= RELEASES.indexOf(from);

function verboseList(r: Release, ctrls: Ctrl[] = CTRLS): string {
  const out: string[] = [];
  out.push(`${l(16, 'Subsystem')} ${l(96, 'Subsystem-NQN')} Controllers`, `${d(16)} ${d(96)} ${d(16)}`);
  out.push(`${l(16, 'nvme-subsys0')} ${l(96, 'nqn.1994-11.com.samsung:nvme:990PRO:M.2:S6S1NS0T512345K')} nvme0`);
  out.push(`${l(16, 'nvme-subsys1')} ${l(96, 'nqn.1988-11.com.dell:powerstore:00:2f8b4f5d1a2b3c4d5e6f')} nvme1`, '');
  // Controller table.
  const orch = at(r, 'v3.0-b.1');
  const cntlid = at(r, 'v2.9');
  const slot = at(r, 'v2.5');
  const heads: [number, string][] = [
    [cntlid ? 16 : 8, 'Device'], ...(orch ? [[12, 'Orchestrator'] as [number, string]] : []), ...(cntlid ? [[orch ? 6 : 5, 'Cntlid'] as [number, string]] : []),
    [20, 'SN'], [40, 'MN'], [8, 'FR'], [6, 'TxPort'], [14, 'Address'], ...(slot ? [[6, 'Slot'] as [number, string]] : []), [12, 'Subsystem'], [16, 'Namespaces'],
  ];
  out.push(heads.map(([w, h]) => l(w, h)).join(' '));
  out.push(heads.map(([w], i) => d(cntlid && i === 1 && !orch ? 6 : w)).join(' '));
  for (const c of ctrls) {
    const cells = [
      l(at(r, 'v2.16') ? 16 : 8, c.name), ...(orch ? [l(12, c.owner)] : []), ...(cntlid ? [l(6, c.cntlid)] : []),
      l(20, c.sn), l(40, c.mn), l(8, c.fr), l(6, c.tr), l(14, c.addr), ...(slot ? [l(6, c.slot)] : []), l(12, `nvme-subsys${c.name.slice(4)}`),
    ];
    out.push(`${cells.join(' ')} ${c.ns}`);
  }
  out.push('');
  // Namespace table.
  const wide = at(r, 'v2.9');
  const binary = at(r, 'v2.15');
  const gen = at(r, 'v3.0-rc1') ? 20 : wide ? 17 : 12;
  const nsid = at(r, 'v2.4') ? 10 : 8;
  out.push(`${l(wide ? 17 : 12, 'Device')} ${l(gen, 'Generic')} ${l(nsid, 'NSID')} ${l(binary ? 49 : 26, 'Usage')} ${l(16, 'Format')} ${l(16, 'Controllers')}`);
  out.push(`${d(wide ? 17 : 12)} ${d(gen)} ${d(nsid)} ${d(binary ? 49 : 26)} ${d(16)} ${d(16)}`);
  const rowDev = binary ? 17 : 12;
  const rowGen = at(r, 'v3.0-rc1') ? 20 : binary ? 17 : 12;
  const id = (n: number): string => (at(r, 'v2.4') ? l(10, `0x${n.toString(16)}`) : l(8, n.toString(16)));
  const usage = (u: string, s: string, ub: string, sb: string): string => (binary ? `${l(21, `${u} GB / ${s} GB`)} ${l(25, `(${ub} GiB / ${sb} GiB)`)}` : l(26, `${u}  GB / ${s}  GB`));
  out.push(`${l(rowDev, '/dev/nvme0n1')} ${l(rowGen, '/dev/ng0n1')} ${id(1)} ${usage('512.11', '2000.40', ' 476.94', '1863.02')} ${l(16, '512   B +  0 B')} nvme0`);
  out.push(`${l(rowDev, '/dev/nvme1n1')} ${l(rowGen, '/dev/ng1n1')} ${id(10)} ${usage('  1.10', '  4.40', '   1.02', '   4.10')} ${l(16, '  4 KiB +  0 B')} nvme1`);
  return `${out.join('\n')}\n`;
}

const WANT = CTRLS.map((c) => ({ node: c.name, controller: c.name, serial: c.sn, model: c.mn, firmware: c.fr }));

describe('nvme list -v of every nvme-cli 2.x and 3.0 release', () => {
  it.each(RELEASES)('%s: each controller with serial, model and firmware; no unread line', (r) => {
    expect(parseNvmeList(verboseList(r))).toEqual({ entries: WANT, issues: [] });
  });

  it.each(RELEASES)('%s without its headings and dashes (a paste of the rows): each controller by its row\'s shape', (r) => {
    const rows = verboseList(r).split('\n').filter((x) => !/^(?:Subsystem|Device)\s|^-+ /.test(x)).join('\n');
    expect(parseNvmeList(rows)).toEqual({ entries: WANT, issues: [] });
  });

  it.each(RELEASES)('%s with runs of spaces collapsed (a web page): each controller by its row\'s shape', (r) => {
    expect(parseNvmeList(verboseList(r).replace(/ {2,}/g, ' '))).toEqual({ entries: WANT, issues: [] });
  });

  it.each(['v2.9', 'v2.16', 'v3.0-b.1', 'v3.0-rc1'] as Release[])('%s: a Cntlid and Slot read as none (`(null)` up to 2.16, empty in 3.0-rc1), another orchestrator', (r) => {
    const none = at(r, 'v3.0-rc1') ? '' : '(null)';
    const ctrls = CTRLS.map((c, i) => ({ ...c, cntlid: none, slot: none, owner: i === 1 ? 'nvme-stas' : c.owner }));
    const text = verboseList(r, ctrls);
    expect(parseNvmeList(text)).toEqual({ entries: WANT, issues: [] });
    const rows = text.split('\n').filter((x) => !/^(?:Subsystem|Device)\s|^-+ /.test(x)).join('\n');
    // A registry's owner with no Cntlid (3.0-rc1) is told from a serial by the columns rc1 prints the row at.
    const shaped = parseNvmeList(rows).entries;
    expect(shaped[0]).toEqual(WANT[0]);
    expect(shaped[1]).toEqual(WANT[1]);
  });
});
