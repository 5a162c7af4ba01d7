import { type LineIssue } from '../../parsers/text-input.js';
import { type ToolLine } from './tool-lines.js';

/** An mst device node `mst status` lists, with the PCI function it reaches when the output says which. */
export interface MstNode {
  /** As printed: `/dev/mst/mt4115_pciconf0`, or the bare name ESXi and Windows print (`mt4099_pci_cr0`). */
  node: string;
  /** The PCI function, in full (`0000:06:00.0`): `-v`'s PCI column, or the plain listing's `domain:bus:dev.fn=`. */
  bdf?: string;
  /** `-v`'s DEVICE_TYPE column: `ConnectX4(rev:0)`. */
  deviceType?: string;
  rdma?: string;
  net?: string;
  /** `-v`'s NUMA column (on its own line when the row was wrapped); -1 where the platform has none. */
  numa?: number;
}

export interface MstStatus {
  nodes: MstNode[];
  issues: LineIssue[];
}


const PCI = String.raw`(?:[0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]`;
/** A node of the plain listing, and what it is: `/dev/mst/mt4115_pciconf0   - PCI configuration cycles access.`; ESXi prints the name alone. */
const NODE_LINE = /^((?:\/dev\/mst\/)?[A-Za-z][\w.:-]*?)(?:\s+-\s+(.*))?$/;
/** The plain listing's line under a node: `domain:bus:dev.fn=0000:06:00.0 addr.reg=88 data.reg=92 …`. */
const ADDRESS_LINE = new RegExp(String.raw`^domain:bus:dev\.fn=(${PCI})(?:\s|$)`);
/** A `-v` row: `ConnectX4(rev:0)  /dev/mst/mt4115_pciconf0.1  0004:01:00.1  mlx5_1  net-ib1  1`; RDMA, NET and NUMA may be blank. */
const ROW = new RegExp(String.raw`^(\S+\(rev:[0-9a-fA-F]+\))\s+(\S+)(?:\s+(${PCI}))?(?:\s+(.*))?$`);
const HEADER = /^DEVICE_TYPE\s+MST\b/;
/** Headings, their underlines, the module states, `mst`'s own advice and a row's wrapped NUMA column or `.` separator. */
const KNOWN = [
  /^(?:MST modules|MST devices|PCI devices|Inband devices|Cable devices|Cables|USB devices|NVLink devices|Gearbox devices|Chassis devices|PCIe devices):$/i,
  /^-{3,}$/,
  /^MST PCI (?:configuration )?module (?:is not )?loaded$/i,
  /^Chip revision is:\s*\S+$/i,
  /^No MST devices were found/i,
  /^You may need to run ['"]?mst start/i,
  /^MST (?:devices|modules) (?:are|is) not/i,
  /^-[EWI]-\s/,
  /^(?:-?\d+|NA|\.|NUMA)$/,
];

const full = (bdf: string): string => (bdf.split(':').length === 2 ? `0000:${bdf}` : bdf).toLowerCase();

/**
 * `mst status` (MFT's listing of its device nodes: each with `domain:bus:dev.fn=` on the next line) and `mst status -v`
 * (a DEVICE_TYPE / MST / PCI / RDMA / NET / NUMA table): which PCI function each node reaches. Lines of the output only;
 * a line it cannot read is an issue.
 */
export function parseMstStatus(lines: readonly ToolLine[]): MstStatus {
  const nodes: MstNode[] = [];
  const issues: LineIssue[] = [];
  let table = false;
  let listing = false;
  for (const l of lines) {
    const s = l.s;
    if (s === '') continue;
    if (HEADER.test(s)) {
      table = true;
      continue;
    }
    if (/^MST devices:$/i.test(s)) listing = true;
    else if (/^[A-Za-z][\w ]*devices:$/i.test(s)) listing = false;
    const address = ADDRESS_LINE.exec(s);
    if (address) {
      const last = nodes.at(-1);
      if (last && last.bdf === undefined) last.bdf = full(address[1]!);
      continue;
    }
    const above = nodes.at(-1);
    // A row wrapped before its NUMA column: the number alone on the next line.
    if (table && /^-?\d+$/.test(s) && above !== undefined && above.deviceType !== undefined && above.numa === undefined) {
      above.numa = Number(s);
      continue;
    }
    if (KNOWN.some((k) => k.test(s))) continue;
    const row = ROW.exec(s);
    if (row && (table || row[3] !== undefined)) {
      const rest = (row[4] ?? '').split(/\s+/).filter((w) => w !== '');
      const rdma = rest.find((w) => /^(?:mlx\d+_\d+|mlx5_bond_\d+|ibp\S+)$/.test(w));
      const netAt = rest.findIndex((w) => w.startsWith('net-'));
      // A column wider than its heading pushed the interface's name past `net-` (`net-   redwest`).
      const net = netAt < 0 ? undefined : rest[netAt]!.slice(4) || (rest[netAt + 1] !== undefined && !/^-?\d+$/.test(rest[netAt + 1]!) ? rest[netAt + 1] : undefined);
      const numa = rest.length > 0 && /^-?\d+$/.test(rest.at(-1)!) && rest.at(-1) !== net ? Number(rest.at(-1)) : undefined;
      nodes.push({ node: row[2]!, deviceType: row[1]!, ...(row[3] ? { bdf: full(row[3]) } : {}), ...(rdma ? { rdma } : {}), ...(net ? { net } : {}), ...(numa !== undefined ? { numa } : {}) });
      continue;
    }
    const node = listing ? NODE_LINE.exec(s) : null;
    if (node && /^(?:\/dev\/mst\/)?(?:mt\d+_|[A-Za-z]+_MT\d+|CA_|SW_)/.test(node[1]!)) {
      nodes.push({ node: node[1]! });
      continue;
    }
    issues.push({ line: l.no, text: l.text, message: 'not an mst status line' });
  }
  return { nodes, issues };
}
