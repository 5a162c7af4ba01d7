import type { LineIssue } from '../../parsers/text-input.js';

/** One namespace line of `nvme list` (nvme-cli 1.x and 2.x, text or `-o json`). */
export interface NvmeListEntry {
  /** /dev/nvme0n1 */
  node: string;
  /** The controller the namespace node belongs to (nvme0), from the node's name. */
  controller?: string;
  serial?: string;
  model?: string;
  firmware?: string;
}

export interface NvmeList {
  entries: NvmeListEntry[];
  issues: LineIssue[];
}

/** /dev/nvme0n1, /dev/nvme0c1n1 (a multipath path), /dev/nvme0 → nvme0. */
function controllerOf(node: string): string | undefined {
  return /^\/dev\/(nvme\d+)(?:c\d+)?(?:n\d+)?$/.exec(node)?.[1];
}

function fromJson(text: string): NvmeList {
  const out: NvmeList = { entries: [], issues: [] };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    out.issues.push({ line: 1, text: text.slice(0, 80), message: `not JSON: ${(e as Error).message}` });
    return out;
  }
  const devices = (doc as { Devices?: unknown }).Devices;
  if (!Array.isArray(devices)) {
    out.issues.push({ line: 1, text: text.slice(0, 80), message: 'no "Devices" array' });
    return out;
  }
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  for (const d of devices as Record<string, unknown>[]) {
    const node = str(d.DevicePath);
    if (!node) continue;
    out.entries.push({ node, controller: controllerOf(node), serial: str(d.SerialNumber), model: str(d.ModelNumber), firmware: str(d.Firmware) });
  }
  return out;
}

/**
 * `nvme list`: a header, a line of dashes whose runs give each column's place, then one line per namespace.
 * Columns are found by their heading (Node, SN, Model, FW Rev), so nvme-cli 2.x's added Generic column and
 * wider fields change nothing; JSON (`nvme list -o json`) is read by its keys. A line that does not start with
 * a device node is an issue.
 */
export function parseNvmeList(text: string): NvmeList {
  if (/^\s*\{/.test(text)) return fromJson(text);
  const out: NvmeList = { entries: [], issues: [] };
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const dashes = lines.findIndex((l) => /^-+(?: +-+)+\s*$/.test(l));
  if (dashes < 1) {
    if (lines.some((l) => l.trim() !== '')) out.issues.push({ line: 1, text: lines[0] ?? '', message: 'no column heading and dashes line' });
    return out;
  }
  const header = lines[dashes - 1]!;
  const columns = [...lines[dashes]!.matchAll(/-+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, name: header.slice(m.index, m.index + m[0].length).trim() }));
  const cell = (line: string, name: string): string | undefined => {
    const i = columns.findIndex((c) => c.name === name);
    if (i < 0) return undefined;
    const end = i + 1 < columns.length ? columns[i + 1]!.start : line.length;
    return line.slice(columns[i]!.start, end).trim() || undefined;
  };
  for (let i = dashes + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const node = cell(line, 'Node');
    if (!node || !/^\/dev\/\S+$/.test(node)) {
      out.issues.push({ line: i + 1, text: line, message: 'not a namespace line (no /dev node in the Node column)' });
      continue;
    }
    out.entries.push({ node, controller: controllerOf(node), serial: cell(line, 'SN'), model: cell(line, 'Model'), firmware: cell(line, 'FW Rev') });
  }
  return out;
}
