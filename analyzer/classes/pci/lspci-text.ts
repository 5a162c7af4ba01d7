/**
 * lspci's text output (`lspci`, `-v`, `-vv`, `-vvv`, with or without `-nn`, `-n`, `-D`, `-k`) read back into
 * what it shows of each function: address, class, ids and names, revision, subsystem, driver and modules,
 * NUMA node and IOMMU group, capabilities with the fields the config space decoder names, and VPD.
 * Tolerant: a line it does not know is an issue with its line number; the rest is still read.
 */
import { cleanText, couldWrapBefore, indentOf, looksLikeProse, type LineIssue, type TextLine } from '../../parsers/text-input.js';
import { capabilityFieldsFromText, type RegisterText, type ShownFields } from './lspci-text-caps.js';
import { CAP, capabilityId } from './pci-config-names.js';
import { outputFilter } from '../../../collector/output-filter.js';

export interface LspciSubsystem {
  vendorId: number | null;
  deviceId: number | null;
  /** Names as printed (`Mellanox Technologies Device 0007`), without the ids. */
  name: string | null;
}

export interface LspciCapability {
  offset: number;
  extended: boolean;
  /** Extended capability version (`[100 v2]`); Power Management and Express versions are in their fields. */
  version: number | null;
  /** The capability id lspci's name stands for; null for a name fwsnap does not know. */
  id: number | null;
  /** What lspci printed after the offset, up to the end of the line. */
  title: string;
  /** Decoded fields, only those the text shows, for the kinds the config decoder decodes. */
  fields: ShownFields | null;
  line: number;
}

export interface LspciVpd {
  productName: string | null;
  /** Keyword fields by their two-letter keyword (PN, EC, SN, V0…), values as printed. */
  fields: Record<string, string>;
}

export interface LspciFunction {
  /** domain:bus:dev.fn; lspci leaves the domain out only when every function is in domain 0000. */
  bdf: string;
  line: number;
  className: string | null;
  /** Base class and subclass (`[0200]`, `-n`'s `0200:`, `Class 0d80`); null when the text shows only a name. */
  classId: number | null;
  /** `(prog-if 02 [NVM Express])`; lspci -v leaves out a programming interface of 0, without -v it never prints one. */
  progIf: number | null;
  /** Base class, subclass and programming interface as sysfs `class` (24 bits): known from verbose text with class numbers. */
  classCode: number | null;
  /** The block shows what only -v prints (Flags or Control/Status lines, capabilities). */
  verbose: boolean;
  /** Vendor and device names as printed, with the device's bracketed marketing name. */
  description: string | null;
  vendorId: number | null;
  deviceId: number | null;
  /** lspci prints `(rev xx)` only when it is not 0. */
  revision: number;
  subsystem: LspciSubsystem | null;
  driver: string | null;
  modules: string[];
  numaNode: number | null;
  iommuGroup: string | null;
  physicalSlot: string | null;
  /** A bridge's secondary bus (`Bus: primary=00, secondary=01, …`): the functions on that bus sit below it. */
  secondaryBus: number | null;
  /** Undefined when lspci printed no capabilities (not verbose); empty with `capabilitiesDenied` when it could not read them (not root). */
  capabilities: LspciCapability[] | undefined;
  capabilitiesDenied: boolean;
  vpd: LspciVpd | null;
  /** Config space from `lspci -x`/`-xxx`/`-xxxx` hex rows, when they run from offset 0 without a gap. */
  configBytes: Uint8Array | null;
  /**
   * The link registers of an excerpt that kept them without their Express capability (`lspci -vvv -s 3b:00.0 | grep -i
   * lnk`): what they show, the capability's offset and its other registers unknown.
   */
  excerptLink?: ExpressLink;
  /** lspci's own warnings about the function (`!!! Unknown header type 7f`: config space reads as all ones). */
  notes: string[];
}

export interface LspciText {
  functions: LspciFunction[];
  issues: LineIssue[];
}

/**
 * pci.ids' names of the display classes (03xx), which lspci prints without -nn: a GPU is known as one without its
 * class code (its link's speed follows its load, pci.link-degraded).
 */
const DISPLAY_CLASSES: ReadonlyMap<string, number> = new Map([['VGA compatible controller', 0x0300], ['XGA compatible controller', 0x0301], ['3D controller', 0x0302], ['Display controller', 0x0380]]);

const HEADER = /^(?:([0-9a-f]{4,8}):)?([0-9a-f]{2}):([0-9a-f]{2})\.([0-7]) (\S.*)$/i;
/** Top-level lines lspci prints under a function that carry nothing fwsnap stores. */
const KNOWN_TOP = /^(?:(?:Control|Status|Latency|Interrupts?|Region \d+|Bus|I\/O behind bridge|Memory behind bridge|Prefetchable memory behind bridge|Secondary status|BridgeCtl|Flags|BIST result|DeviceName|Device tree node|Physical Slot|NUMA node|IOMMU group|Subsystem|Kernel driver in use|Driver in use|Kernel modules|Capabilities|(?:I\/O|Memory) window \d+):|(?:\[virtual\] )?Expansion ROM at |Memory at |I\/O ports at |16-bit legacy interface ports at |<access denied to the rest>|BIST is running|!!! )/;
/**
 * What lspci and its library write to stderr (`pcilib: sysfs_read_vpd: read failed: Input/output error`, `lspci: Unable
 * to load libkmod resources: error -2`), in a paste of `2>&1` or a terminal's: the tool's words, no line of a function.
 */
const TOOL_MESSAGE = /^(?:pcilib|lspci): \S/;
/** A row of `lspci -x`'s hex dump of config space (`00: 86 80 57 0d …`), printed after the verbose lines. */
const HEX_ROW = /^[0-9a-f]{2,3}: (?:[0-9a-f]{2} ?){1,16}$/i;
/** The command line pasted above an output (`sudo lspci -vvv -s 45:00.0`) when no prompt marks it. */
const LSPCI_COMMAND = /^(?:sudo\s+)?(?:\S*\/)?lspci(?:\s|$)/;
/** Lines only -v (or more) prints; -k alone prints Subsystem and the kernel lines. */
const VERBOSE_ONLY = /^(?:Flags|Control|Status|Capabilities|Latency|Interrupts?):/;
/** Register lines inside a capability that continue the register before them, not a new one. */
const CONTINUES: Record<string, string> = { AtomicOpsCap: 'DevCap2', AtomicOpsCtl: 'DevCtl2' };
const REGISTER = /^([A-Za-z][A-Za-z0-9 /]*?):(?:\s+|$)(.*)$/;

/** `Mellanox Technologies MT28908 Family [ConnectX-6] [15b3:101b]` → description and ids. */
function namesAndIds(text: string): { name: string | null; vendorId: number | null; deviceId: number | null } {
  const nn = /^(.*?)\s*\[([0-9a-f]{4}):([0-9a-f]{4})\]$/i.exec(text);
  if (nn) return { name: nn[1] || null, vendorId: parseInt(nn[2]!, 16), deviceId: parseInt(nn[3]!, 16) };
  const n = /^([0-9a-f]{4}):([0-9a-f]{4})$/i.exec(text);
  if (n) return { name: null, vendorId: parseInt(n[1]!, 16), deviceId: parseInt(n[2]!, 16) };
  return { name: text || null, vendorId: null, deviceId: null };
}

function parseHeader(line: TextLine, m: RegExpExecArray): LspciFunction {
  const domain = (m[1] ?? '0000').toLowerCase().padStart(4, '0');
  let rest = m[5]!;
  let progIf: number | null = null;
  const prog = /\s*\(prog-if ([0-9a-f]{2})(?: \[[^\]]*\])?\)$/i.exec(rest);
  if (prog) {
    progIf = parseInt(prog[1]!, 16);
    rest = rest.slice(0, prog.index);
  }
  let revision = 0;
  const rev = /\s*\(rev ([0-9a-f]{2})\)$/i.exec(rest);
  if (rev) {
    revision = parseInt(rev[1]!, 16);
    rest = rest.slice(0, rev.index);
  }
  let className: string | null = null;
  let classId: number | null = null;
  let device = rest;
  const nn = /^(.*?) \[([0-9a-f]{4})\]: (.*)$/i.exec(rest);
  const numeric = /^([0-9a-f]{4}): (.*)$/i.exec(rest);
  const named = /^(.*?): (.*)$/.exec(rest);
  if (nn) [className, classId, device] = [nn[1]!, parseInt(nn[2]!, 16), nn[3]!];
  else if (numeric) [classId, device] = [parseInt(numeric[1]!, 16), numeric[2]!];
  else if (named) {
    className = named[1]!;
    device = named[2]!;
    const unnamed = /^Class ([0-9a-f]{4})$/i.exec(className);
    if (unnamed) classId = parseInt(unnamed[1]!, 16);
    else classId = DISPLAY_CLASSES.get(className) ?? null;
  }
  const ids = namesAndIds(device.trim());
  return {
    bdf: `${domain}:${m[2]!.toLowerCase()}:${m[3]!.toLowerCase()}.${m[4]}`,
    line: line.no,
    className,
    classId,
    progIf,
    classCode: null,
    verbose: false,
    description: ids.name,
    vendorId: ids.vendorId,
    deviceId: ids.deviceId,
    revision,
    subsystem: null,
    driver: null,
    modules: [],
    numaNode: null,
    iommuGroup: null,
    physicalSlot: null,
    secondaryBus: null,
    capabilities: undefined,
    capabilitiesDenied: false,
    vpd: null,
    configBytes: null,
    notes: [],
  };
}

/** Appends one `00: 86 80 …` row to the function's config bytes; false when it does not continue them. */
function addHexRow(fn: LspciFunction, text: string): boolean {
  const m = /^([0-9a-f]{2,3}): ((?:[0-9a-f]{2} ?){1,16})$/i.exec(text);
  if (!m) return false;
  const have = fn.configBytes ?? new Uint8Array(0);
  if (parseInt(m[1]!, 16) !== have.length) return false;
  const row = m[2]!.trim().split(' ').map((h) => parseInt(h, 16));
  const next = new Uint8Array(have.length + row.length);
  next.set(have);
  next.set(row, have.length);
  fn.configBytes = next;
  return true;
}

interface OpenCapability {
  cap: LspciCapability;
  rest: string;
  indent: number;
  contentIndent: number | undefined;
  lines: TextLine[];
}

const CAP_LINE = /^Capabilities: \[([0-9a-f]{1,3})(?: v(\d+))?\] (.*)$/i;

function closeCapability(open: OpenCapability, fn: LspciFunction): void {
  const regs: RegisterText[] = [];
  const indents: number[] = [];
  const vpdLines: string[] = [];
  for (const l of open.lines) {
    const text = l.text.trim();
    if (open.cap.id === 0x03 && !open.cap.extended) {
      vpdLines.push(text);
      continue;
    }
    const r = REGISTER.exec(text);
    const continued = r ? CONTINUES[r[1]!] : undefined;
    const indent = indentOf(l);
    // A line continues the register above it that is less indented (`AtomicOpsCap:` the DevCap2 above it), so a line
    // lspci never prints, indented as a continuation, costs the register nothing.
    const opened = [...regs.keys()].reverse().find((i) => (continued !== undefined ? regs[i]!.name === continued : indents[i]! < indent));
    const last = regs[opened ?? regs.length - 1];
    if (r && continued === undefined) {
      regs.push({ name: r[1]!, text: r[2]!, line: l.no });
      indents.push(indent);
    } else if (last) last.text += ` ${text}`;
    else {
      regs.push({ name: '', text, line: l.no });
      indents.push(indent);
    }
  }
  if (open.cap.id !== null) open.cap.fields = capabilityFieldsFromText(open.cap.id, open.cap.extended, open.rest, regs) ?? null;
  if (open.cap.id === 0x03 && !open.cap.extended) fn.vpd = parseVpd(vpdLines);
}

/**
 * One byte of a keyword as ls-vpd.c prints it: from pciutils 3.6.4 a byte below 0x20 or 0x7f as `\xNN` and a backslash
 * as `\\`; before, every byte raw (`%c`), a backslash too.
 */
const KEYWORD_BYTE = String.raw`\\\\|\\x[0-9a-fA-F]{2}|[^\\\n]|\\`;
const VPD_FIELD = new RegExp(String.raw`^\[((?:${KEYWORD_BYTE}){2})\] ([^:]+):(?: (.*))?$`);

/** A keyword as pciutils 3.6.4+ prints it, whichever release printed it: a raw control byte `\xNN`, a raw backslash `\\`. */
const vpdKeyword = (printed: string): string =>
  printed.replace(/\\\\|\\x[0-9a-fA-F]{2}|\\|[\x00-\x1f\x7f]/g, (t) =>
    t === '\\' ? '\\\\' : t.length === 1 ? `\\x${t.charCodeAt(0).toString(16).padStart(2, '0')}` : t.toLowerCase(),
  );

function parseVpd(lines: string[]): LspciVpd | null {
  const vpd: LspciVpd = { productName: null, fields: {} };
  for (const l of lines) {
    const product = /^Product Name: (.*)$/.exec(l);
    const field = VPD_FIELD.exec(l);
    if (product) vpd.productName = product[1]!.trim();
    else if (field) vpd.fields[vpdKeyword(field[1]!)] = (field[3] ?? '').trim();
  }
  return vpd.productName === null && Object.keys(vpd.fields).length === 0 ? null : vpd;
}

/** Does this line end the open capability? */
function endsCapability(open: OpenCapability, line: TextLine): boolean {
  const text = line.text.trim();
  if (/^(?:Capabilities:|Kernel driver in use:|Kernel modules:)/.test(text) || HEX_ROW.test(text)) return true;
  const indent = indentOf(line);
  if (open.contentIndent !== undefined) return indent < open.contentIndent;
  // First line after the capability line: deeper means it belongs to the capability.
  if (indent > open.indent) {
    open.contentIndent = indent;
    return false;
  }
  // A paste that lost its indentation: only a line lspci prints at the top level ends the capability.
  return KNOWN_TOP.test(text) && !/^(?:Flags|Status|Region \d+|Control):/.test(text);
}

function topLevel(fn: LspciFunction, line: TextLine, issues: LineIssue[]): OpenCapability | undefined {
  const text = line.text.trim();
  if (VERBOSE_ONLY.test(text)) fn.verbose = true;
  if (text.startsWith('!!! ')) {
    fn.notes.push(text.slice(4));
    return undefined;
  }
  const kv = /^([^:]+):\s*(.*)$/.exec(text);
  const key = kv?.[1];
  const value = kv?.[2]?.trim() ?? '';
  if (text.startsWith('Capabilities:')) {
    fn.capabilities ??= [];
    const m = CAP_LINE.exec(text);
    if (!m) {
      if (/<access denied>|<not available>|<unreadable>/i.test(text)) fn.capabilitiesDenied = true;
      else issues.push({ line: line.no, text: line.text, message: 'capability line not understood' });
      return undefined;
    }
    const offset = parseInt(m[1]!, 16);
    const extended = offset >= 0x100;
    const title = m[3]!;
    const cap: LspciCapability = { offset, extended, version: m[2] ? Number(m[2]) : null, id: capabilityId(title, extended), title, fields: null, line: line.no };
    fn.capabilities.push(cap);
    return { cap, rest: title, indent: indentOf(line), contentIndent: undefined, lines: [] };
  }
  switch (key) {
    case 'Kernel driver in use':
    // pciutils 3.9+ built for a system without Linux kernel modules (ls-kernel.c).
    case 'Driver in use':
      fn.driver = value || null;
      break;
    case 'Kernel modules':
      fn.modules = value.split(/\s*,\s*/).filter((v) => v !== '');
      break;
    case 'Subsystem': {
      const ids = namesAndIds(value);
      fn.subsystem = { vendorId: ids.vendorId, deviceId: ids.deviceId, name: ids.name };
      break;
    }
    case 'NUMA node':
      fn.numaNode = /^-?\d+$/.test(value) ? Number(value) : null;
      break;
    case 'IOMMU group':
      fn.iommuGroup = value || null;
      break;
    case 'Physical Slot':
      fn.physicalSlot = value || null;
      break;
    case 'Bus': {
      const secondary = /secondary=([0-9a-f]{2})/i.exec(value);
      fn.secondaryBus = secondary ? parseInt(secondary[1]!, 16) : null;
      break;
    }
    case 'Flags': {
      const numa = /NUMA node (-?\d+)/.exec(value);
      const group = /IOMMU group (\S+)/.exec(value);
      if (numa) fn.numaNode = Number(numa[1]);
      if (group) fn.iommuGroup = group[1]!;
      break;
    }
    default:
      if (HEX_ROW.test(text)) {
        if (!addHexRow(fn, text)) issues.push({ line: line.no, text: line.text, message: 'hex dump row does not continue the rows before it' });
      } else if (!KNOWN_TOP.test(text)) issues.push({ line: line.no, text: line.text, message: 'line not understood' });
  }
  return undefined;
}

/** A whole sentence of a person's (`The values below were read after the reboot.`): lspci ends no line with a full stop after a word. */
const SENTENCE = /^[A-Z][^.!?]*[a-z][.!?]$/;

/**
 * A person's sentence at the margin between a function's lines. Where the function's own lines sit at the margin (a
 * paste dedented to them, or a `grep -A` cut whose first line is a capability's), a sentence there is still no line of
 * the tool's when it reads as prose, is none of the top-level lines lspci prints and sits above the indented lines of an
 * open capability: it ends neither that capability nor the function.
 */
function personsWords(line: TextLine, topIndent: number | undefined, open: OpenCapability | undefined): boolean {
  if (indentOf(line) !== 0 || !looksLikeProse(line.text)) return false;
  if ((topIndent ?? 1) > 0) return true;
  const text = line.text.trim();
  return open?.contentIndent !== undefined && open.contentIndent > 0 && !KNOWN_TOP.test(text) && !HEX_ROW.test(text);
}

/**
 * Lines a mail client wrapped: a piece at column 0 between indented lines of a function is the end of the
 * line before it (`DevCap: MaxPayload 128 bytes, PhantFunc 0, Latency L0s <64ns,` / `L1 <1us`). An output
 * pasted with no indentation at all has no indented lines, so nothing is joined there.
 */
function unwrap(lines: TextLine[]): TextLine[] {
  const out: TextLine[] = [];
  lines.forEach((line, i) => {
    const prev = out.at(-1);
    const next = lines[i + 1];
    // After a blank line, a sentence (words below the output) is no wrap; nor is one a mail client could not have
    // broken off the line above (a person's note at the margin between two lines of the function).
    const wrapped = prev && (lines[i - 1]!.no + 1 === line.no || !looksLikeProse(line.text)) && indentOf(line) === 0 && !HEADER.test(line.text) && !HEX_ROW.test(line.text.trim()) && !TOOL_MESSAGE.test(line.text.trim()) &&
      (!looksLikeProse(line.text) || (couldWrapBefore(lines[i - 1]!.text, line.text) && !SENTENCE.test(line.text.trim()))) &&
      (indentOf(prev) > 0 || (next !== undefined && indentOf(next) > 0 && !HEADER.test(next.text.trim())));
    if (wrapped) out[out.length - 1] = { ...prev, text: `${prev.text} ${line.text.trim()}` };
    else out.push(line);
  });
  return out;
}

/**
 * The one function an lspci selector names (`-s 1b:00.0`, `-s 0000:1b:00.0`): domain 0000 when left out; undefined for
 * a selector that leaves the bus, device or function out (`-s 1b:`, `-s .1`), which may name several.
 */
export function selectedFunction(selector: string | undefined): string | undefined {
  const m = /^(?:([0-9a-f]{1,8}):)?([0-9a-f]{1,2}):([0-9a-f]{1,2})\.([0-7])$/i.exec(selector ?? '');
  if (!m) return undefined;
  return `${(m[1] ?? '0').toLowerCase().padStart(4, '0')}:${m[2]!.toLowerCase().padStart(2, '0')}:${m[3]!.toLowerCase().padStart(2, '0')}.${m[4]}`;
}

/** The `-s` selector of an lspci command line (`lspci -vvv -s 1b:00.0 | grep -A 19 "Vital Product Data"`). */
function commandSelector(command: string | undefined): string | undefined {
  if (command === undefined || !LSPCI_COMMAND.test(command.trim())) return undefined;
  return /(?:^|\s)-[a-zA-Z]*s\s*(["']?)([0-9a-f:.]+)\1(?=\s|$)/i.exec(command.split('|')[0]!)?.[2];
}

/**
 * lspci's lines of a function below its header, without the header: `lspci -vvv -s 1b:00.0 | grep -A 19 "Vital Product
 * Data"` keeps the capability and the lines after it. The function is the one the selector names.
 */
function headless(bdf: string, line: TextLine): LspciFunction {
  const fn = parseHeader(line, HEADER.exec(`${bdf} x`)!);
  return { ...fn, className: null, description: null };
}

type ExpressLink = NonNullable<Extract<ShownFields, { kind: 'express' }>['link']>;

/** The Express capability's link registers, as lspci prints them (`LnkCap:`, `LnkSta2:`). */
const LINK_REGISTER = /^Lnk(?:Cap|Ctl|Sta)2?:/;

export interface LspciTextOptions {
  /** The `-s` selector lspci was run with (from the saved name), when the text's own command line does not show it. */
  selector?: string;
}

/** Parses lspci's text output; never throws. */
export function parseLspciText(raw: string, o: LspciTextOptions = {}): LspciText {
  const lines = unwrap(cleanText(raw).lines);
  const functions: LspciFunction[] = [];
  const issues: LineIssue[] = [];
  let fn: LspciFunction | undefined;
  let open: OpenCapability | undefined;
  /** Indentation of the function's top-level lines; deeper lines outside a capability continue the line before (BridgeCtl). */
  let topIndent: number | undefined;
  const close = (): void => {
    if (open && fn) closeCapability(open, fn);
    open = undefined;
  };
  const finish = (f: LspciFunction | undefined): void => {
    // Without -v lspci does not print the programming interface: the class is then known to 16 bits only.
    if (f && f.classId !== null && (f.progIf !== null || f.verbose)) f.classCode = (f.classId << 8) | (f.progIf ?? 0);
    // Verbose output lists every capability: none listed means none (Status: Cap-).
    if (f?.verbose) f.capabilities ??= [];
  };
  /** The link registers of an excerpt that kept no capability line above them, of the function its selector names. */
  let linked: { fn: LspciFunction; regs: RegisterText[] } | undefined;
  for (const line of lines) {
    if (TOOL_MESSAGE.test(line.text.trim()) && indentOf(line) === 0) continue;
    const header = HEADER.exec(line.text.trim());
    if (header) {
      close();
      finish(fn);
      fn = parseHeader(line, header);
      functions.push(fn);
      topIndent = undefined;
      continue;
    }
    if (!fn) {
      if (LSPCI_COMMAND.test(line.text.trim())) continue;
      // A function's lines cut from their header (grep -A after a capability's name) belong to the function the selector names.
      const selected = selectedFunction(commandSelector(line.command) ?? o.selector);
      if (selected !== undefined && (KNOWN_TOP.test(line.text.trim()) || CAP_LINE.test(line.text.trim()))) {
        fn = headless(selected, line);
        functions.push(fn);
        topIndent = undefined;
      } else if (selected !== undefined && LINK_REGISTER.test(line.text.trim()) && line.command !== undefined && outputFilter(line.command) !== undefined) {
        fn = headless(selected, line);
        functions.push(fn);
        linked = { fn, regs: [] };
      }
    }
    if (linked !== undefined && fn === linked.fn && open === undefined && LINK_REGISTER.test(line.text.trim())) {
      const r = REGISTER.exec(line.text.trim())!;
      linked.regs.push({ name: r[1]!, text: r[2]!, line: line.no });
      continue;
    }
    if (!fn) {
      issues.push({ line: line.no, text: line.text, message: 'not an lspci function line (domain:bus:dev.fn first)' });
      continue;
    }
    // A person's sentence at the margin inside a function (`The values below were read after the reboot.`) is theirs:
    // lspci starts every line of a function with a register or field name, so it ends neither the function nor its capability.
    if (personsWords(line, topIndent, open)) {
      issues.push({ line: line.no, text: line.text, message: "a person's words inside the function's lines" });
      continue;
    }
    if (open && !endsCapability(open, line)) {
      open.lines.push(line);
      continue;
    }
    close();
    if (topIndent !== undefined && indentOf(line) > topIndent) continue;
    topIndent = indentOf(line);
    open = topLevel(fn, line, issues);
  }
  close();
  finish(fn);
  const link = linked?.regs.length ? capabilityFieldsFromText(CAP.EXPRESS, false, 'Express', linked.regs) : undefined;
  if (link?.kind === 'express' && link.link) linked!.fn.excerptLink = link.link;
  return { functions, issues };
}
