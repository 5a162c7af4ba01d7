import { ParseError } from '../../parsers/errors.js';
import { groupedDigits } from './grouped-number.js';
import { cleanText, excerptOf, indentOf, isElision, type LineIssue, type TextLine } from '../../parsers/text-input.js';
import { ownSubcommandLines } from './other-commands.js';
import { specVersion, type NvmeFwLog, type NvmeIdCtrl, type NvmePowerState } from './nvme.js';

/** What a text or JSON id-ctrl gives of the binary structure's fields; absent where it did not print them. */
export type NvmeIdCtrlFacts = Partial<NvmeIdCtrl>;

export interface NvmeIdCtrlText {
  /** Every `field : value` line by nvme-cli's short field name, value as printed (trimmed). */
  fields: Record<string, string>;
  /** `ps N : …` descriptors, continuation lines joined: key → value (mp, enlat, exlat, rrt…). */
  powerStates: Record<string, string>[];
  vid?: number;
  ssvid?: number;
  serial?: string;
  model?: string;
  firmware?: string;
  /** `ver` is printed in hex, with or without 0x depending on the nvme-cli version. */
  versionRaw?: number;
  frmw?: number;
  firmwareSlots?: number;
  slot1ReadOnly?: boolean;
  activationWithoutReset?: boolean;
  npss?: number;
  apsta?: number;
  /** The same facts in the shape the binary structure's parser gives, so both are stored alike. */
  idCtrl: NvmeIdCtrlFacts;
  /** Lines that were neither a field, a power state, a decoded-bits line nor the vendor-specific dump. */
  issues: LineIssue[];
}

function num(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = /^0x[0-9a-f]+$/i.test(v) ? Number.parseInt(v, 16) : /^\d+$/.test(v) ? Number(v) : Number.NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A field nvme-cli prints in hex whether or not it writes 0x (ver, rtd3r, rtd3e and cntlid in nvme-cli up to 1.8). */
function hex(v: string | undefined): number | undefined {
  if (v === undefined || !/^(?:0x)?[0-9a-f]+$/i.test(v)) return undefined;
  const n = Number.parseInt(v.replace(/^0x/i, ''), 16);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Known lines that carry nothing to store: the heading, -H decoded bits, the -v vendor-specific dump. */
const KNOWN_NOISE = [
  /^NVME Identify Controller:?\s*$/i,
  /^\s*\[\s*\d+:\d+\]\s*:/, // -H: "  [3:3] : 0\tANA not supported"
  /^\s*vs\[\]:\s*$/,
  /^\s*0 +1 +2 +3 +4 +5 +6 +7 +8 +9 +a +b +c +d +e +f\s*$/i, // -V: the column heading nvme-cli's hex dump (d()) prints above vs[]'s rows
  /^\s*[0-9a-f]{4}:\s+(?:[0-9a-f]{2}\s+)+/i, // hex dump row of vs[]
];

/**
 * An author's note after an id-ctrl value with one space before it (`mn : SAMSUNG MZWLJ7T6HALA-00AU3 # model number`,
 * `mn : KBG40ZNS256G # 型号`, or a run of spaces a web page collapsed): a `#`, a space and words with a lowercase letter
 * or a character beyond ASCII. nvme-cli prints the strings as the controller's bytes, and no model, serial or firmware
 * revision in the corpus holds ` # ` with words after it; a value with `#` in it (`SAMSUNG #1`) keeps it. After a
 * number (`vid : 0x144d # Samsung`) anything after ` #` is a note.
 */
const ONE_SPACE_NOTE = /\s#\s+\S.*$/u;
const NOTE_WORDS = /[a-z\u0080-\uffff]/u;
const NUMBER = /^(?:0x[0-9a-f]+|\d+)$/i;

function withoutNote(value: string): { value: string; note?: string } {
  const m = ONE_SPACE_NOTE.exec(value);
  if (!m) return { value };
  const before = value.slice(0, m.index).trim();
  if (before === '' || (!NUMBER.test(before) && !NOTE_WORDS.test(m[0]))) return { value };
  return { value: before, note: m[0].trim() };
}

/** nvme-cli 2.12+ prints a power state's NVMe 2.1 times under it, right-aligned: `            emergency power fail vault time: -`. */
const PS_TIME = /^\s+([a-z]+(?: [a-z]+)+):\s*(.*)$/;

/**
 * nvme-cli 3's -H prints the PCI product name above the heading (nvme-models.c from pci.ids: `<class>: <vendor> <device>`,
 * the class being NVMe's `Non-Volatile memory controller`, or `Unknown device`).
 */
const PRODUCT_NAME = /^(?:[A-Z][\w -]* controller: \S.*|Unknown device)$/;
const HEADING = /^NVME Identify Controller:?\s*$/i;

/** Where the product name line is: right above the heading, with only blank lines between; -1 if none. */
function productNameAt(lines: readonly { text: string }[]): number {
  const filled = lines.map((l, i) => ({ text: l.text.trim(), i })).filter((l) => l.text !== '');
  const heading = filled.findIndex((l) => HEADING.test(l.text));
  const above = heading > 0 ? filled[heading - 1]! : undefined;
  return above && PRODUCT_NAME.test(above.text) ? above.i : -1;
}

/** A field's line as nvme-cli prints it at the output's own margin: `vid       : 0x144d`, `ps    0 : mp:…`. */
const FIELD_SHAPE = /^\s*(?:[a-z][a-z0-9_]*|ps\s+\d+)\s*:/;

/**
 * The lines without the indentation the output's own fields share, when the text layer left one (an output indented as a
 * whole with a person's line at the margin between its lines, `Firmware: updated last week`): the most common
 * indentation of its field lines, taken off every line indented at least as much. A line indented less stays as it is.
 */
function atOwnIndent(lines: TextLine[]): TextLine[] {
  const counts = new Map<number, number>();
  for (const l of lines) if (FIELD_SHAPE.test(l.text)) counts.set(indentOf(l), (counts.get(indentOf(l)) ?? 0) + 1);
  const base = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  return base === 0 ? lines : lines.map((l) => (indentOf(l) >= base ? { ...l, text: l.text.slice(base) } : l));
}

/**
 * The fields nvme-cli's id-ctrl prints as `name : value` lines (nvme-print-stdout.c of 3.x, and 1.x's nvscc and ctrattr),
 * power states (`ps 0 :`) aside.
 */
const ID_CTRL_FIELDS = new Set(
  ('vid ssvid sn mn fr rab ieee cmic mdts cntlid ver rtd3r rtd3e oaes ctratt rrls bpcap nssl plsi cntrltype fguid crdt1 crdt2 ' +
    'crdt3 crcap nvmsr vwci mec oacs acl aerl frmw lpa elpe npss avscc apsta wctemp cctemp mtfa hmpre hmmin tnvmcap unvmcap ' +
    'rpmbs edstt dsto fwug kas hctma mntmt mxtmt sanicap hmminds hmmaxd nsetidmax endgidmax anatt anacap anagrpmax nanagrpid ' +
    'pels domainid kpioc mptfawr megcap tmpthha cqt cdpa mup ipmsr msmt sqes cqes maxcmd nn oncs fuses fna vwc awun awupf ' +
    'icsvscc nvscc nwpc acwu ocfs sgls mnan maxdna maxcna oaqd rhiri hirt cmmrtd nmmrtd minmrtg maxmrtg trattr mcudmq ' +
    'mnsudmq mcmr nmcmr mcdqpc subnqn ioccsz iorcsz icdoff fcatt msdbd ofcs dctype ccrl ctrattr').split(' '),
);

/** `nvme id-ctrl` output (any nvme-cli version, with or without -H): keyed on field names, not columns. */
export function parseIdCtrlText(text: string): NvmeIdCtrlText {
  const clean = cleanText(text);
  const fields: Record<string, string> = {};
  const powerStates: Record<string, string>[] = [];
  const issues: LineIssue[] = [];
  let ps: Record<string, string> | undefined;
  let decoding = false;
  /** The lines that are the output's own: fields and -H bit lines. */
  let own = 0;
  const lines = atOwnIndent(ownSubcommandLines(clean, 'id-ctrl', issues));
  const product = productNameAt(lines);
  for (const { no: n, text: line } of lines.filter((_, i) => i !== product)) {
    const psLine = /^ps\s+(\d+)\s*:\s*(.*)$/.exec(line);
    if (psLine) {
      ps = {};
      powerStates[Number(psLine[1])] = ps;
      addPairs(ps, psLine[2]!);
      continue;
    }
    // A descriptor's second line (`rwt:0 rwl:0 idle_power:…`) at the margin, its indentation lost in a paste: pairs, no field.
    if (ps && /^\s*[a-z_]+:\S+(?:\s+[a-z_]+:\S+)+\s*$/.test(line)) {
      addPairs(ps, line);
      continue;
    }
    const field = /^([a-z][a-z0-9_]*)\s*:(.*)$/.exec(line);
    if (field) {
      own++;
      ps = undefined;
      decoding = false;
      const noted = withoutNote(field[2]!.trim());
      // Said as the text layer says a note it takes off (PASTE-NOTE), not as an unread line.
      if (noted.note !== undefined) clean.noise.push({ no: n, text: line, kind: 'annotation', note: noted.note });
      const value = noted.value;
      // A value the person who pasted cut out (`sn : [...]`) is unknown, not a serial number.
      if (!isElision(value)) fields[field[1]!] = value;
    } else if (ps && PS_TIME.test(line)) {
      const [, name, value] = PS_TIME.exec(line)!;
      ps[name!] = value!.trim();
    } else if (ps && /^\s+\S+:/.test(line)) addPairs(ps, line);
    else if (KNOWN_NOISE.some((re) => re.test(line))) {
      decoding = /\[\s*\d+:\d+\]/.test(line);
      if (decoding) own++;
    } else if (decoding && /^\s/.test(line)) continue; // -H: a decoded value's description on a line of its own
    else issues.push({ line: n, text: line, message: 'not an id-ctrl field' });
  }
  // An excerpt (`nvme id-ctrl -H | grep -i fr`) gives the fields the filter kept: a vid or mn it left out is unknown. So
  // does a block a person cut out of the output with no filter named (`frmw : 0x16` and its -H bit lines), when every
  // field is one id-ctrl prints and its own lines (fields, -H bit lines) outnumber the lines not read (a person's margin
  // note between them).
  const cutBlock = own > issues.length && Object.keys(fields).length > 0 && Object.keys(fields).every((k) => ID_CTRL_FIELDS.has(k));
  if (fields.vid === undefined && fields.mn === undefined && excerptOf(clean) === undefined && !cutBlock) throw new ParseError('nvme-id-ctrl-text', 'no vid or mn field; not nvme id-ctrl output');
  const frmw = num(fields.frmw);
  const states = powerStates.filter((p) => p !== undefined);
  return {
    fields,
    powerStates: states,
    vid: num(fields.vid),
    ssvid: num(fields.ssvid),
    serial: fields.sn,
    model: fields.mn,
    firmware: fields.fr,
    versionRaw: hex(fields.ver),
    frmw,
    ...(frmw !== undefined ? { firmwareSlots: (frmw >> 1) & 7, slot1ReadOnly: (frmw & 1) === 1, activationWithoutReset: (frmw & 0x10) === 0x10 } : {}),
    npss: num(fields.npss),
    apsta: num(fields.apsta),
    idCtrl: idCtrlFacts(fields, states),
    issues,
  };
}

function addPairs(into: Record<string, string>, s: string): void {
  for (const token of s.trim().split(/\s+/)) {
    const i = token.indexOf(':');
    if (i > 0) into[token.slice(0, i)] = token.slice(i + 1);
    else if (token === 'operational' || token === 'non-operational') into.state = token;
  }
}

function watts(v: string | undefined): number | null {
  const m = /^([\d.]+)W$/.exec(v ?? '');
  return m ? Number(m[1]) : null;
}

function textPowerState(p: Record<string, string>, state: number): NvmePowerState {
  const int = (k: string): number => num(p[k]) ?? 0;
  return {
    state,
    maxPowerW: watts(p.mp) ?? 0,
    nonOperational: p.state === 'non-operational',
    entryLatencyUs: int('enlat'),
    exitLatencyUs: int('exlat'),
    relativeReadThroughput: int('rrt'),
    relativeReadLatency: int('rrl'),
    relativeWriteThroughput: int('rwt'),
    relativeWriteLatency: int('rwl'),
    idlePowerW: watts(p.idle_power),
    activePowerW: watts(p.active_power),
  };
}

/** The printed fields in the binary parser's shape; a field that is absent or unreadable stays absent. */
function idCtrlFacts(f: Record<string, string>, states: Record<string, string>[]): NvmeIdCtrlFacts {
  const out: NvmeIdCtrlFacts = {};
  const set = <K extends keyof NvmeIdCtrl>(k: K, v: NvmeIdCtrl[K] | undefined): void => {
    if (v !== undefined) out[k] = v;
  };
  set('vid', num(f.vid));
  set('ssvid', num(f.ssvid));
  set('serial', f.sn);
  set('model', f.mn);
  set('firmware', f.fr);
  set('ieee', f.ieee);
  set('cntlid', hex(f.cntlid));
  const ver = hex(f.ver);
  if (ver !== undefined) Object.assign(out, { versionRaw: ver, version: specVersion(ver) });
  set('mdts', num(f.mdts));
  const oacs = num(f.oacs);
  if (oacs !== undefined) Object.assign(out, { oacs, firmwareCommitSupported: (oacs & 4) === 4 });
  const frmw = num(f.frmw);
  if (frmw !== undefined) Object.assign(out, { frmw, firmwareSlots: (frmw >> 1) & 7, slot1ReadOnly: (frmw & 1) === 1, activationWithoutReset: (frmw & 0x10) === 0x10 });
  const mtfa = num(f.mtfa);
  set('mtfaMs', mtfa === undefined ? undefined : mtfa * 100);
  const npss = num(f.npss);
  set('powerStateCount', npss === undefined ? undefined : npss + 1);
  const apsta = num(f.apsta);
  set('apstSupported', apsta === undefined ? undefined : (apsta & 1) === 1);
  set('warningTempK', num(f.wctemp));
  set('criticalTempK', num(f.cctemp));
  set('oncs', num(f.oncs));
  set('lpa', num(f.lpa));
  const vwc = num(f.vwc);
  set('volatileWriteCache', vwc === undefined ? undefined : (vwc & 1) === 1);
  const cap = f.tnvmcap === undefined ? undefined : (groupedDigits(f.tnvmcap.trim()) ?? f.tnvmcap.replace(/,/g, ''));
  set('totalCapacityBytes', num(cap) ?? (/^\d+$/.test(cap ?? '') ? cap : undefined));
  set('subnqn', f.subnqn);
  if (states.length) out.powerStates = states.map((p, i) => textPowerState(p, i));
  return out;
}

/**
 * A slot's revision as printed: `0x<le64> (<ASCII>)`, a bare `0x<le64>`, or the revision itself. The hex value is
 * the field's 8 bytes and is decoded as the binary log is (NULs and spaces trimmed): nvme-cli prints the padding
 * spaces as `.` in the parenthesised text, so QEMU's `1.0` padded with five spaces shows as `(1.0.....)`. The
 * text is used when the hex is not a whole 8-byte value, or not one of printable characters: nvme-cli 1.14 printed the
 * field's address in memory there (`0x007ffff10a57a8 (D03N....)`); its trailing dots are then padding, and a text of
 * dots alone is an empty slot.
 */
function slotRevision(v: string): string | undefined {
  const m = /^0x([0-9a-f]+)(?:\s*\((.*)\))?$/i.exec(v);
  if (!m) return v || undefined;
  if (/^0+$/.test(m[1]!)) return undefined;
  if (m[1]!.length <= 16) {
    const bytes = Buffer.from(m[1]!.padStart(16, '0'), 'hex').reverse();
    const decoded = bytes.toString('latin1').replace(/\0+$/, '').trim();
    if (!/[^\x20-\x7e]/.test(decoded) || m[2] === undefined) return decoded || undefined;
    return m[2].trim().replace(/\.+$/, '') || undefined;
  }
  return m[2]?.trim() || undefined;
}

export interface NvmeFwLogText extends Omit<NvmeFwLog, 'activeSlot' | 'nextResetSlot'> {
  /** Of the afi line; absent from an excerpt that left it out (`nvme fw-log /dev/nvme0 | grep frs`). */
  activeSlot?: number;
  nextResetSlot?: number | null;
  issues: LineIssue[];
}

/** `nvme fw-log` output: `afi : 0x11` and `frsN : 0x<le64> (<ASCII>)` (or `frsN : <revision>`) lines. */
export function parseFwLogText(text: string): NvmeFwLogText {
  let afi: number | undefined;
  const slots: Record<number, string> = {};
  const issues: LineIssue[] = [];
  const clean = cleanText(text);
  for (const { no: n, text: line } of ownSubcommandLines(clean, 'fw-log', issues)) {
    const t = line.trim();
    if (t === '' || /^Firmware Log for device:/i.test(t)) continue;
    const a = /^afi\s*:\s*(0x[0-9a-f]+|\d+)\b/i.exec(t);
    if (a) {
      afi = num(a[1]!);
      continue;
    }
    const s = /^frs([1-7])\s*:\s*(.*)$/i.exec(t);
    if (s) {
      const rev = slotRevision(s[2]!.trim());
      if (rev !== undefined) slots[Number(s[1])] = rev;
      continue;
    }
    issues.push({ line: n, text: line, message: 'not a fw-log line' });
  }
  if (afi === undefined) {
    // An excerpt's slots are read; which one runs, and which is next, the afi line it left out would say.
    if (excerptOf(clean) !== undefined) return { slots, issues };
    throw new ParseError('nvme-fw-log-text', 'no "afi :" line; not nvme fw-log output');
  }
  const next = (afi >> 4) & 7;
  return { activeSlot: afi & 7, nextResetSlot: next === 0 ? null : next, slots, issues };
}
