import { jsonValueEnd } from '../../parsers/json-extent.js';
import { readJsonOutput } from '../../parsers/json-output.js';
import { cleanText, excerptOf, jsonDocument, type LineIssue } from '../../parsers/text-input.js';
import { looksLikeProse } from '../../parsers/prose.js';
import { ownSubcommandLines } from './other-commands.js';
import { controllerOf as nodeController } from '../../../collector/classes/nvme/nodes.js';

/** One namespace line of `nvme list` (nvme-cli 1.x and 2.x, text or `-o json`). */
export interface NvmeListEntry {
  /** /dev/nvme0n1 as printed; for a controller line of `list -v` or nested JSON, the controller (nvme0). */
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

/**
 * SPDK's CUSE nodes, which nvme-cli lists where they exist (nvme-print.c from 2.0, src/nvme-print-stdout.c in 3.0:
 * `/dev/spdk/nvme0n1`, its generic node `/dev/spdk/ng0n1`, misspelt `/dev/spkd/ng0n1` in 2.0 – 2.3).
 */
const SPDK = String.raw`\/dev\/sp(?:dk|kd)\/`;

/**
 * A listed node's controller (nvme-cli 2.0 printed nodes without /dev/); a FreeBSD disk names none. SPDK's controller
 * is not the kernel's of the same number: `spdk-nvme0`.
 */
const controllerOf = (node: string): string | undefined => {
  const spdk = new RegExp(`^${SPDK}(.+)$`).exec(node)?.[1];
  const c = nodeController(spdk ?? node);
  return c?.startsWith('nvme') ? `${spdk !== undefined ? 'spdk-' : ''}${c}` : undefined;
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

const records = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : []);

/**
 * The controllers of the nested form: `nvme list -o json -v` (nvme-cli 1.x: Devices[].Controllers[]; 2.x), and plain
 * `nvme list -o json` from nvme-cli 2.11 on: Devices[].Subsystems[].Controllers[] with Controller, SerialNumber, ModelNumber, Firmware;
 * for a multipath subsystem from 2.15 on, the same keys on each path of Subsystems[].Namespaces[].Paths[] (each
 * controller given once).
 */
function nestedControllers(devices: Record<string, unknown>[]): NvmeListEntry[] {
  const out: NvmeListEntry[] = [];
  const seen = new Set<string>();
  for (const d of devices) {
    // nvme-cli 1.x -v: each Devices[] entry is itself a subsystem (Subsystem, SubsystemNQN, Controllers, Namespaces).
    for (const sub of [...records(d.Subsystems), ...(Array.isArray(d.Controllers) ? [d] : [])]) {
      const paths = records(sub.Namespaces).flatMap((ns) => records(ns.Paths));
      for (const c of [...records(sub.Controllers), ...paths]) {
        const name = str(c.Controller);
        if (!name || seen.has(name)) continue;
        seen.add(name);
        out.push({ node: name, controller: controllerOf(name), serial: str(c.SerialNumber), model: str(c.ModelNumber), firmware: str(c.Firmware) });
      }
    }
  }
  return out;
}

/**
 * The values jq printed one after another when its filter iterates (`jq '.Devices[]'`, `jq '.Devices[] | {DevicePath,
 * Firmware}'`): two or more whole JSON values, each opened by a brace or bracket, nothing else between or after them.
 */
function jsonValues(json: string): unknown[] | undefined {
  const values: unknown[] = [];
  const nonBlank = /\S/g;
  for (let m = nonBlank.exec(json); m !== null; m = nonBlank.exec(json)) {
    const end = m[0] === '{' || m[0] === '[' ? jsonValueEnd(json, m.index) : -1;
    if (end < 0) return undefined;
    try {
      values.push(JSON.parse(json.slice(m.index, end + 1)) as unknown);
    } catch {
      return undefined;
    }
    nonBlank.lastIndex = end + 1;
  }
  return values.length >= 2 ? values : undefined;
}

function fromJson(text: string, json: string): NvmeList {
  const out: NvmeList = { entries: [], issues: [] };
  const filtered = excerptOf(cleanText(text)) !== undefined;
  let doc: unknown = filtered ? jsonValues(json) : undefined;
  if (doc === undefined) {
    try {
      const read = readJsonOutput('nvme-list', text);
      doc = read.doc;
      if (read.cut) out.issues.push(read.cut);
    } catch (e) {
      out.issues.push({ line: 1, text: json.slice(0, 80), message: `not JSON: ${(e as Error).message}` });
      return out;
    }
  }
  // A filter's excerpt (`nvme list -o json | jq '.Devices[0]'`, `jq '[.Devices[] | {DevicePath, ModelNumber}]'`): the
  // device entries jq took out of "Devices", read as theirs: a namespace's (DevicePath), a host's of the nested form
  // (its Subsystems, 2.11 on), a subsystem's of 1.x -v (its Controllers).
  const own = (v: unknown): boolean => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const d = v as Record<string, unknown>;
    return typeof d.DevicePath === 'string' || Array.isArray(d.Subsystems) || Array.isArray(d.Controllers);
  };
  const taken = own(doc) ? [doc] : Array.isArray(doc) && doc.length > 0 && doc.every(own) ? doc : undefined;
  const devices = taken ?? (doc as { Devices?: unknown } | null)?.Devices;
  if (!Array.isArray(devices)) {
    // `{}`: nvme-cli's list of no device. A filter's excerpt that kept no entry's place (`jq '.Devices[] | {ModelNumber,
    // Firmware}'`) is stored as it is, nothing read from it (the load names its filter).
    if (!filtered && (doc === null || typeof doc !== 'object' || Object.keys(doc).length > 0)) out.issues.push({ line: 1, text: text.slice(0, 80), message: 'no "Devices" array' });
    return out;
  }
  for (const d of devices as Record<string, unknown>[]) {
    const node = str(d.DevicePath);
    if (!node) continue;
    out.entries.push({ node, controller: controllerOf(node), serial: str(d.SerialNumber), model: str(d.ModelNumber), firmware: str(d.Firmware) });
  }
  out.entries.push(...nestedControllers(devices as Record<string, unknown>[]));
  if (devices.length > 0 && out.entries.length === 0 && !subsystemNamespaces(devices as Record<string, unknown>[])) out.issues.push({ line: 1, text: text.slice(0, 80), message: 'no device path or controller in "Devices"' });
  return out;
}

/**
 * A subsystem listed by its namespaces alone (nvme-cli 2.x: Devices[].Subsystems[].Namespaces[], no Controllers), as a
 * multipath subsystem's shared namespaces are: nvme-cli's output, naming no controller to read.
 */
const subsystemNamespaces = (devices: Record<string, unknown>[]): boolean =>
  devices.some((d) => Array.isArray(d.Subsystems) && (d.Subsystems as Record<string, unknown>[]).some((s) => Array.isArray(s.Namespaces) && s.Namespaces.length > 0));

/** Column headings nvme-cli prints, for a list whose dashes line was lost (the headings start their columns). */
const HEADINGS = ['Node', 'Generic', 'SN', 'Model', 'Namespace', 'Usage', 'Format', 'FW Rev'];
const SECTION_TITLE = /^NVM Express (?:Subsystems|Controllers|Namespaces)$/;
/** A line `nvme list-ns` prints: an index and a namespace id (`[   0]:0x1`). */
const LIST_NS_LINE = /^\s*\[\s*\d+\]:0x[0-9a-f]+\s*$/i;
const DASHES = /^-+(?: +-+)+$/;

interface Column {
  start: number;
  name: string;
}

/**
 * Whether a line right above a table's dashes is a person's sentence, not the heading: it reads as prose, and it is not
 * set out as nvme-cli sets its headings, a column's name (one or two words: `FW Rev`) starting where each run of dashes does.
 */
function personsLineOver(line: string, dashes: string): boolean {
  if (!DASHES.test(dashes) || !looksLikeProse(line.trim())) return false;
  const runs = [...dashes.matchAll(/-+/g)].filter((m) => m.index < line.trimEnd().length);
  return !runs.every(({ index: at, 0: run }) => line[at] !== ' ' && (at === 0 || line[at - 1] === ' ') && line.slice(at, at + run.length).trim().split(/\s+/).length <= 2);
}

/** Columns from a heading and the dashes under it, or from the headings' own places when there are no dashes. */
function columnsOf(heading: string, dashes: string | undefined): Column[] {
  if (dashes !== undefined) {
    const runs = [...dashes.matchAll(/-+/g)];
    // A dashes line one group short (a paste lost its end, the heading widened by hand): the headings name the
    // runs in order, and the last one starts a column after the last run.
    const named = headingsIn(heading);
    if (runs.length > 0 && named.length === runs.length + 1) {
      const last = runs.at(-1)!;
      return [...runs.map((m, i) => ({ start: m.index, name: named[i]!.name })), { start: last.index + last[0].length + 1, name: named.at(-1)!.name }];
    }
    return runs.map((m) => ({ start: m.index, name: heading.slice(m.index, m.index + m[0].length).trim() }));
  }
  return headingsIn(heading);
}

/** The headings nvme-cli prints that a heading line holds, at their places, in order. */
function headingsIn(heading: string): Column[] {
  return HEADINGS.map((name) => ({ start: new RegExp(`(?:^|\\s)${name}(?:\\s|$)`).exec(heading), name }))
    .filter((c): c is { start: RegExpExecArray; name: string } => c.start !== null)
    .map((c) => ({ start: c.start.index + (c.start[0].startsWith(c.name) ? 0 : 1), name: c.name }))
    .sort((a, b) => a.start - b.start);
}

/**
 * A column's start in a row whose values were shifted (a pasted serial longer than its column, a value lost in a
 * paste): a word the start cuts belongs to the side holding more of it.
 */
function snap(line: string, start: number): number {
  if (start <= 0 || start >= line.length || line[start - 1] === ' ' || line[start] === ' ') return start;
  let left = start;
  while (left > 0 && line[left - 1] !== ' ') left--;
  let right = start;
  while (right < line.length && line[right] !== ' ') right++;
  return start - left < right - start ? left : right;
}

/**
 * A row's cells, by the columns' places. nvme-cli 2.x prints `-v`'s Device column narrower than its dashes (%-8s under
 * 16 dashes) and every later column at its dashes' width: such a row is read with the later columns moved left by as
 * much as its second cell starts before the second column. Only when the first cell is still not one word is the row
 * split on runs of two or more spaces, in the headings' order.
 */
function cellsOf(line: string, columns: Column[]): Map<string, string> {
  let cells = cellsAt(line, columns, 0);
  if (!/^\S+$/.test(cells[0] ?? '') && columns.length > 1) {
    const second = /^\s*\S+ +/.exec(line)?.[0].length;
    const shift = second === undefined ? 0 : columns[1]!.start - second;
    cells = shift > 0 ? cellsAt(line, columns, shift) : cells;
    if (!/^\S+$/.test(cells[0] ?? '')) cells = line.trim().split(/ {2,}/);
  }
  return new Map(columns.map((c, i) => [c.name, cells[i] ?? ''] as const).filter(([, v]) => v !== ''));
}

/** The cells at the columns' places, every column after the first moved `shift` to the left. */
function cellsAt(line: string, columns: Column[], shift: number): string[] {
  const starts = columns.map((c, i) => snap(line, i === 0 ? c.start : c.start - shift));
  return columns.map((_, i) => line.slice(starts[i], i + 1 < columns.length ? starts[i + 1] : line.length).trim());
}

const NODE = new RegExp(String.raw`^(?:\/dev\/|${SPDK})?nvme\d+(?:c\d+)?(?:n\d+)?$`);

/**
 * `512.11  GB / 512.11  GB    512   B +  0 B`: a namespace's Usage and Format cells; from nvme-cli 2.15 `list -v` adds the
 * sizes in binary units after the usage (`512.11 GB / 2000.40 GB ( 476.94 GiB / 1863.02 GiB)`).
 */
const USAGE_FORMAT = String.raw`[\d.]+ +[kMGTPE]?B +\/ +[\d.]+ +[kMGTPE]?B +(?:\( *[\d.]+ +[KMGTPE]?i?B +\/ +[\d.]+ +[KMGTPE]?i?B\) +)?\d+ +(?:B|KiB|MiB) +\+ +\d+ +B`;
/** The nvme-cli 2015 pre-release line: `/dev/nvme0n1  : NVM Express - 0x144d - <model, 40 columns><fr> - 0`. */
const PRERELEASE = /^(\/dev\/nvme\d+n\d+(p\d+)?)\s*: NVM Express - 0x[0-9a-f]{4} - (.*?)\s*- \d+$/i;
/** A controller row of `list -v` (1.x and 2.x, with or without Cntlid and Slot): read from its end, TxPort and Subsystem. */
const CONTROLLER_ROW = /^(nvme\d+) +(\S.*?) +(\S+) +(pcie|tcp|rdma|fc|loop|apple-nvme) +\S+ +(?:\S+ +)?nvme-subsys\d+(?: +nvme\d+(?:c\d+)?n\d+(?:, *nvme\d+(?:c\d+)?n\d+)*,?)?$/;
const SUBSYSTEM_ROW = /^nvme-subsys\d+ +\S.* (?:nvme\d+(?:, *nvme\d+)*)$/;
// The NSID `%-8x` (2.0 – 2.3: hex without 0x), `%#-10x` from 2.4.
const NAMESPACE_ROW = new RegExp(String.raw`^(?:\/dev\/|${SPDK})?nvme\d+(?:c\d+)?n\d+ +(?:(?:\/dev\/|${SPDK})?ng\d+n\d+ +)?(?:0x[0-9a-f]+|[0-9a-f]+) +${USAGE_FORMAT} +nvme\d+(?:, *nvme\d+)*$`);
// FW Rev blank (a controller's 8 spaces, libnvme's empty string): the row ends at its Format.
const LIST_ROW = new RegExp(String.raw`^((?:\/dev\/|${SPDK})?nvme\d+(?:c\d+)?n\d+) +(?:(?:\/dev\/|${SPDK})?ng\d+n\d+ +)?(\S.*?) +(?:(?:0x[0-9a-f]+|\d+) +)?${USAGE_FORMAT}(?: +(\S+))?$`);

/** A controller's Cntlid in `list -v` (2.9 on): a number, `(null)` where 2.9 – 2.16 read none. */
const CNTLID = /^(?:\d{1,5}|\(null\))$/;
/** Where nvme-cli 3.0-rc1's controller row puts the Orchestrator and the serial: after `%-16s %-12s %-6s `. */
const RC1_OWNER_AT = 17;
const RC1_SERIAL_AT = 37;
/** nvme-cli 3.0's Orchestrator of a controller row: `kernel` for PCIe, `-` for a fabrics controller no registry owns. */
const ORCHESTRATOR = /^(?:kernel|-)$/;

/**
 * Serial and model from the text between a row's node and its later cells (two or more spaces apart; a Cntlid first).
 * A row whose runs of spaces a web page collapsed to one keeps no boundary between them: the serial is read as its
 * first word (nvme-cli's serials are one word but for a few virtual controllers'), and the model as the rest; a
 * virtual controller's serial that starts with its vendor's name (`VMware NVME_0002`, model `VMware Virtual NVMe
 * Disk`) runs up to where that name starts the model again.
 */
function serialModel(middle: string, at?: number, fabric?: boolean): { serial?: string; model?: string } {
  // A Cntlid read as none fills its 6 columns (`(null)`), one space before the serial.
  const parts = middle.replace(/^((?:\S+ {2,})?)\(null\) (?=\S)/, '$1(null)  ').split(/ {2,}/);
  // nvme-cli 3.0-rc1 prints a fabrics controller's registry owner (`%-12s`) and an empty Cntlid (`%-6s`) after the
  // Device (`%-16s`): the serial starts at column 37 of the row, one run of spaces after the owner at column 17.
  if (at === RC1_OWNER_AT && parts.length === 3 && !CNTLID.test(parts[0]!) && middle.indexOf(parts[1]!, parts[0]!.length) + at === RC1_SERIAL_AT) parts.shift();
  // nvme-cli 3.0's Orchestrator column before the Cntlid (`kernel  1  <SN>  <MN>`, a registry's owner, an empty Cntlid in rc1).
  if ((parts.length >= 3 && ORCHESTRATOR.test(parts[0]!)) || (parts.length === 4 && CNTLID.test(parts[1]!) && !/ /.test(parts[0]!))) parts.shift();
  if (parts.length === 3 && CNTLID.test(parts[0]!)) parts.shift();
  if (parts.length === 1 && / /.test(parts[0]!)) {
    const all = parts[0]!.split(' ');
    const words = [...all];
    // nvme-cli 3.0's Orchestrator: `kernel` for PCIe; for a fabrics controller `-` or its registry's owner, a name
    // told from a serial when a Cntlid follows it (the serial then comes after the number).
    const owner = (words.length >= 4 && ORCHESTRATOR.test(words[0]!)) || (words.length >= 3 && words[0] === '-')
      || (fabric === true && words.length >= 4 && !CNTLID.test(words[0]!) && /^\d{1,5}$/.test(words[1]!));
    if (owner) words.shift();
    if (words.length >= 3 && CNTLID.test(words[0]!)) words.shift();
    const split = splitCollapsed(words);
    collapsedWords.set(split, words);
    if (fabric !== undefined) collapsedRows.set(split, { all, fabric, owner });
    return split;
  }
  return parts.length === 1 ? { serial: parts[0] } : { serial: parts[0], model: parts.slice(1).join('  ') };
}

/** A collapsed row's serial and model from its words: the first word, or up to where the vendor's name starts the model again. */
function splitCollapsed(words: string[]): { serial: string; model: string } {
  const again = words.indexOf(words[0]!, 1);
  const cut = again >= 2 && again <= 3 && again < words.length ? again : 1;
  return { serial: words.slice(0, cut).join(' '), model: words.slice(cut).join(' ') };
}

/** The words of a row whose spaces were collapsed, by the serial and model first read from it. */
const collapsedWords = new WeakMap<object, string[]>();

/**
 * A collapsed controller row of `list -v`: all the words between its Device and its FR, whether its transport is a
 * fabric, and whether an Orchestrator was read off it.
 */
interface CollapsedRow { all: string[]; fabric: boolean; owner: boolean }
const collapsedRows = new WeakMap<object, CollapsedRow>();

/**
 * A collapsed fabrics controller row of nvme-cli 3.0-b on, whose owner is a registry's name and whose Cntlid is empty
 * (rc1): its first word is the owner, not the serial, when the list is known to print the Orchestrator column, by its
 * collapsed heading or by another row's `kernel` or `-`. Without either, the first word stays the serial, as in
 * nvme-cli 2.0 – 2.8's rows of the same shape.
 */
function ownerFirst(entries: NvmeListEntry[], orchestrated: boolean): void {
  const rows = entries.map((e) => ({ e, r: collapsedRows.get(e) })).filter((x): x is { e: NvmeListEntry; r: CollapsedRow } => x.r !== undefined);
  if (!orchestrated && !rows.some((x) => x.r.owner && ORCHESTRATOR.test(x.r.all[0]!))) return;
  for (const { e, r } of rows) {
    if (r.owner || !r.fabric || r.all.length < 3) continue;
    const words = r.all.slice(1);
    if (words.length >= 3 && CNTLID.test(words[0]!)) words.shift();
    Object.assign(e, splitCollapsed(words));
    collapsedWords.set(e, words);
  }
}

/**
 * Collapsed rows of one list whose serials are two or three words (`QEMU NVMe 0001`, `Vendor SN_0002` over one model):
 * the model is the run of words every row ends with, the serial what comes before, when that leaves each row a serial
 * of two or three words starting with the same word, which one-word serials never do (they differ from row to row).
 * A lone row keeps its first word as its serial.
 */
function shareSerialPrefix(entries: NvmeListEntry[]): void {
  const rows = entries.map((e) => ({ e, words: collapsedWords.get(e) })).filter((r): r is { e: NvmeListEntry; words: string[] } => r.words !== undefined);
  if (rows.length < 2 || rows.some((r) => r.e.serial!.includes(' '))) return;
  let common = 0;
  while (rows.every((r) => common < r.words.length - 1 && r.words[r.words.length - 1 - common] === rows[0]!.words[rows[0]!.words.length - 1 - common])) common++;
  if (common === 0) return;
  const serials = rows.map((r) => r.words.slice(0, r.words.length - common));
  if (!serials.every((w) => w.length >= 2 && w.length <= 3 && w[0] === serials[0]![0])) return;
  rows.forEach((r, i) => Object.assign(r.e, { serial: serials[i]!.join(' '), model: r.words.slice(r.words.length - common).join(' ') }));
}

/** A heading whose runs of spaces a web page collapsed (`Node SN Model Namespace Usage Format FW Rev`): its columns' places are lost, and its rows' too. */
const collapsedHeading = (line: string): boolean => !/\S {2,}\S/.test(line.trim()) && /^\s*(?:Node|Device)\s+(?:\S+\s+)*SN\s/.test(line);

/** A row's entry, remembering the words of its collapsed middle. */
function withWords(split: { serial?: string; model?: string }, rest: NvmeListEntry): NvmeListEntry {
  const entry = { ...rest, ...split };
  const words = collapsedWords.get(split);
  if (words) collapsedWords.set(entry, words);
  const row = collapsedRows.get(split);
  if (row) collapsedRows.set(entry, row);
  return entry;
}

/**
 * A line read by its own shape, without a heading (a paste that lost it, or a row after another table): the 2015
 * pre-release line, a controller row of `list -v`, a row of plain `list`; subsystem, namespace and partition rows
 * are known and give nothing. undefined: not a line of nvme list.
 */
function byShape(line: string): NvmeListEntry | 'known' | undefined {
  const old = PRERELEASE.exec(line);
  if (old) {
    if (old[2]) return 'known';
    const parts = old[3]!.split(/ {2,}/);
    // The model fills 40 columns; the 8-byte firmware was printed unterminated right after it.
    const [model, fr] = parts.length > 1 ? [parts[0]!, parts.slice(1).join(' ')] : old[3]!.length > 40 ? [old[3]!.slice(0, 40).trim(), old[3]!.slice(40)] : [old[3]!, ''];
    return { node: old[1]!, controller: controllerOf(old[1]!), model: model || undefined, firmware: fr.slice(0, 8).trim() || undefined };
  }
  if (SUBSYSTEM_ROW.test(line) || NAMESPACE_ROW.test(line)) return 'known';
  const c = CONTROLLER_ROW.exec(line);
  if (c) return withWords(serialModel(c[2]!, line.indexOf(c[2]!, c[1]!.length), !/^(?:pcie|apple-nvme)$/.test(c[4]!)), { node: c[1]!, controller: c[1]!, firmware: c[3]! });
  const r = LIST_ROW.exec(line);
  if (r) return withWords(serialModel(r[2]!), { node: r[1]!, controller: controllerOf(r[1]!), ...(r[3] ? { firmware: r[3] } : {}) });
  return undefined;
}

/**
 * `nvme list`: a heading, a line of dashes whose runs give each column's place, then one line per namespace.
 * Columns are found by their heading (Node, SN, Model, FW Rev), so nvme-cli 2.x's added Generic column and
 * wider fields change nothing; a paste that lost the dashes line is read by the headings' places. `nvme list -v`
 * prints a subsystem, a controller (Device, SN, MN, FR) and a namespace table: the controllers are read. JSON
 * (`-o json`, flat or nested) is read by its keys. A row without its heading, and the 2015 pre-release form, are read by
 * their shape. A line of none of these forms is an issue.
 */
export function parseNvmeList(text: string): NvmeList {
  // Other nvme-cli commands typed above it (`nvme list-ns` printing `[   0]:0x1`, a `delete-ns` error) are theirs: each
  // run of their lines is one issue, and none of them is read as the list (a `[   0]` is no JSON array).
  const clean = cleanText(text);
  const issues: LineIssue[] = [];
  const lines = ownSubcommandLines(clean, 'list', issues);
  const own = lines.length === clean.lines.length ? text : lines.map((l) => l.text).join('\n');
  const json = jsonDocument(own);
  if (json !== undefined) {
    const read = fromJson(own, json);
    return { ...read, issues: [...issues, ...read.issues] };
  }
  const out: NvmeList = { entries: [], issues };
  let columns: Column[] | undefined;
  let kind: 'namespaces' | 'controllers' | 'other' = 'other';
  let last = 0;
  let orchestrated = false;
  for (let i = 0; i < lines.length; i++) {
    const { no, text: line } = lines[i]!;
    const next = lines[i + 1];
    const gap = no - last > 1;
    last = no;
    if (DASHES.test(line)) continue;
    // A person's line written at the margin between a heading and its dashes (`Note: read after the reboot.`) is no
    // heading of theirs: the dashes are the heading's above it, the note one unread line.
    if (next !== undefined && personsLineOver(line, next.text)) {
      out.issues.push({ line: no, text: line, message: 'not a namespace or controller line of nvme list' });
      continue;
    }
    const noted = next !== undefined && lines[i + 2] !== undefined && lines[i + 2]!.no === next.no + 1 && personsLineOver(next.text, lines[i + 2]!.text) ? lines[i + 2] : undefined;
    const dashesOf = noted ?? next;
    const headed = dashesOf !== undefined && DASHES.test(dashesOf.text) && dashesOf.no === no + (noted ? 2 : 1);
    const dashless = !headed && /^Node\s/.test(line) && /\sSN\s/.test(line) && /\sModel(?:\s|$)/.test(line);
    if ((headed || dashless || /^\s*Device\s+Orchestrator\s/.test(line)) && collapsedHeading(line)) {
      // Rows under a collapsed heading are read by their shape, a row a web page wrapped joined with its end.
      if (/\sOrchestrator\s/.test(line)) orchestrated = true;
      columns = undefined;
      kind = 'other';
      continue;
    }
    if (headed || dashless) {
      columns = columnsOf(line, headed ? dashesOf.text : undefined);
      const names = new Set(columns.map((c) => c.name));
      kind = names.has('Node') ? 'namespaces' : names.has('Device') && names.has('SN') && names.has('MN') && names.has('FR') ? 'controllers' : 'other';
      continue;
    }
    if (SECTION_TITLE.test(line)) continue;
    if (columns && kind === 'other' && !gap) continue;
    const cells = columns && kind !== 'other' ? cellsOf(line, columns) : undefined;
    const node = cells?.get(kind === 'namespaces' ? 'Node' : 'Device');
    if (!cells || !node || !NODE.test(node)) {
      // `nvme list-ns` typed with it and printed under the table with no command line of its own (`[   0]:0x1`): its lines, said once.
      if (LIST_NS_LINE.test(line)) {
        let end = i;
        while (lines[end + 1] !== undefined && lines[end + 1]!.no === lines[end]!.no + 1 && LIST_NS_LINE.test(lines[end + 1]!.text)) end++;
        out.issues.push({ line: no, text: line.trim(), message: `${end - i + 1} line(s) of the output of "nvme list-ns" not read` });
        i = end;
        continue;
      }
      if (columns && kind === 'other') columns = undefined;
      let shaped = byShape(line.trim());
      // A row a web page wrapped: its end on the next line, which starts no row of its own.
      if (shaped === undefined && next !== undefined && next.no === no + 1 && !NODE.test(next.text.trim().split(' ')[0]!)) {
        shaped = byShape(`${line.trim()} ${next.text.trim()}`);
        if (shaped !== undefined) i++;
      }
      if (shaped === undefined) out.issues.push({ line: no, text: line, message: 'not a namespace or controller line of nvme list' });
      else if (shaped !== 'known') out.entries.push(shaped);
      continue;
    }
    // A serial masked by hand with fewer characters than it had (`xxxxx`) moves the rest of its row left: the serial's cell
    // then holds the model too, two runs of words apart, which no serial has. Such a row is read by its shape.
    const shaped = kind === 'namespaces' && /\S {2,}\S/.test(cells.get('SN') ?? '') ? byShape(line.trim()) : undefined;
    if (shaped !== undefined && shaped !== 'known') {
      out.entries.push(shaped);
      continue;
    }
    out.entries.push({
      node, controller: controllerOf(node), serial: cells.get('SN'), model: cells.get(kind === 'namespaces' ? 'Model' : 'MN'),
      firmware: cells.get(kind === 'namespaces' ? 'FW Rev' : 'FR'),
    });
  }
  ownerFirst(out.entries, orchestrated);
  shareSerialPrefix(out.entries);
  return out;
}
