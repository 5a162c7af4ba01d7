/**
 * nvme-cli 3.0-rc1's `nvme list -v` controller rows (src/nvme-print-stdout.c stdout_detailed_ctrl: `%-16s %-12s %-6s %-20s
 * %-40s %-8s %-6s %-14s %-6s %-12s `, Device, Orchestrator, Cntlid, SN, MN, FR, TxPort, Address, Slot, Subsystem, then the
 * Namespaces) as a web page shows them, every run of spaces collapsed to one. The Orchestrator is `kernel` for PCIe and,
 * for a fabrics controller, its registry's owner (`--owner NAME` of connect) or `-`; rc1 prints an empty Cntlid where it
 * reads none. With the columns' places lost, the owner is no serial.
 */
import { describe, expect, it } from 'vitest';
import { parseNvmeList } from '../../analyzer/classes/nvme/nvme-list.js';

const l = (w: number, s: string): string => s.padEnd(w);
const d = (w: number): string => '-'.repeat(w);
const collapse = (s: string): string => s.replace(/ {2,}/g, ' ');

const PCIE = { node: 'nvme0', sn: 'S6S1NS0T512345K', mn: 'Samsung SSD 990 PRO 2TB', fr: '4B2QJXD7', tr: 'pcie', addr: '0000:01:00.0', ns: 'nvme0n1' };
const FABRIC = { node: 'nvme1', sn: '85JZX23', mn: 'dellemc-powerstore', fr: '2.1.0.0', tr: 'tcp', addr: 'traddr=10.162.198.45,trsvcid=4420,src_addr=10.162.198.10', ns: 'nvme1c1n1' };
type C = typeof PCIE;

const rc1 = (c: C, owner: string, cntlid: string): string =>
  `${l(16, c.node)} ${l(12, owner)} ${l(6, cntlid)} ${l(20, c.sn)} ${l(40, c.mn)} ${l(8, c.fr)} ${l(6, c.tr)} ${l(14, c.addr)} ${l(6, '')} ${l(12, `nvme-subsys${c.node.slice(4)}`)} ${c.ns}`;
/** nvme-cli 2.5 – 2.8: no Orchestrator, no Cntlid. */
const v25 = (c: C): string =>
  `${l(8, c.node)} ${l(20, c.sn)} ${l(40, c.mn)} ${l(8, c.fr)} ${l(6, c.tr)} ${l(14, c.addr)} ${l(6, '')} ${l(12, `nvme-subsys${c.node.slice(4)}`)} ${c.ns}`;
const HEADING = [
  `${l(16, 'Device')} ${l(12, 'Orchestrator')} ${l(6, 'Cntlid')} ${l(20, 'SN')} ${l(40, 'MN')} ${l(8, 'FR')} ${l(6, 'TxPort')} ${l(14, 'Address')} ${l(6, 'Slot')} ${l(12, 'Subsystem')} ${l(16, 'Namespaces')}`,
  [16, 12, 6, 20, 40, 8, 6, 14, 6, 12, 16].map(d).join(' '),
];
const want = (c: C) => ({ node: c.node, controller: c.node, serial: c.sn, model: c.mn, firmware: c.fr });

describe('nvme-cli 3.0-rc1 list -v controller rows, spaces collapsed', () => {
  it.each([['-', ''], ['-', '4'], ['nvme-stas', '4']])('a fabrics row alone, owner %s, Cntlid "%s": the owner is no serial', (owner, cntlid) => {
    expect(parseNvmeList(collapse(rc1(FABRIC, owner, cntlid)))).toEqual({ entries: [want(FABRIC)], issues: [] });
  });

  it.each(['', '1'])('a registry owner with an empty Cntlid under a PCIe row printing `kernel` (Cntlid "%s")', (cntlid) => {
    const text = collapse([rc1(PCIE, 'kernel', cntlid), rc1(FABRIC, 'nvme-stas', '')].join('\n'));
    expect(parseNvmeList(text)).toEqual({ entries: [want(PCIE), want(FABRIC)], issues: [] });
  });

  it('a registry owner with an empty Cntlid under its collapsed heading', () => {
    const text = collapse([...HEADING, rc1(FABRIC, 'nvme-stas', '')].join('\n'));
    expect(parseNvmeList(text)).toEqual({ entries: [want(FABRIC)], issues: [] });
    const dashless = collapse([HEADING[0]!, rc1(FABRIC, 'nvme-stas', '')].join('\n'));
    expect(parseNvmeList(dashless)).toEqual({ entries: [want(FABRIC)], issues: [] });
  });

  it('nvme-cli 2.5 – 2.8 rows of the same shape (no Orchestrator) keep their first word as the serial', () => {
    expect(parseNvmeList(collapse(v25(FABRIC)))).toEqual({ entries: [want(FABRIC)], issues: [] });
    expect(parseNvmeList(collapse([v25(PCIE), v25(FABRIC)].join('\n')))).toEqual({ entries: [want(PCIE), want(FABRIC)], issues: [] });
  });
});
