import { readNvmeJson } from './nvme-json-dump.js';
import { ParseError } from '../../parsers/errors.js';
import { cleanText, type LineIssue } from '../../parsers/text-input.js';
import { ownSubcommandLines } from './other-commands.js';

/**
 * One Error Information log entry as `nvme error-log` prints it. `status` is the Status Field without its phase tag
 * (nvme-cli 1.14 on prints it so, and the phase tag apart; older releases print the whole 16 bits, which are shifted
 * here), decoded into its status code type, status code, More and Do Not Retry bits; `statusText` is nvme-cli's name.
 */
export interface NvmeErrorLogEntry {
  index: number;
  errorCount: number | string;
  sqid?: number;
  cmdid?: number;
  status?: number;
  statusText?: string;
  sct?: number;
  sc?: number;
  more?: boolean;
  dnr?: boolean;
  parmErrLoc?: number;
  lba?: number | string;
  nsid?: number;
  opcode?: number;
}

export interface NvmeErrorLog {
  /** The entries nvme-cli read (`entries:64` of its heading, or the JSON array's length). */
  entries: number | null;
  /** The entries printed, in order (the newest first). */
  list: NvmeErrorLogEntry[];
  issues: LineIssue[];
}

/** A number as nvme-cli prints one (`0x1a`, `4698`, `0xffffffffffffffff`): above 2^53 its decimal string. */
function number(v: string | number): number | string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const m = /^(0x[0-9a-f]+|\d+)\b/i.exec(v.trim());
  if (!m) return undefined;
  const big = BigInt(m[1]!);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big.toString();
}

const small = (v: string | number): number | undefined => {
  const n = number(v);
  return typeof n === 'number' ? n : undefined;
};

/** The Status Field's parts, bits of the field without its phase tag. */
function decodeStatus(e: NvmeErrorLogEntry, status: number): void {
  e.status = status;
  e.sc = status & 0xff;
  e.sct = (status >> 8) & 0x7;
  e.more = ((status >> 13) & 1) === 1;
  e.dnr = ((status >> 14) & 1) === 1;
}

/** Fields each entry prints that fwsnap keeps nothing of (vendor-specific byte, transport, command-specific info…). */
const UNSTORED = new Set(['vs', 'trtype', 'csi', 'cs', 'trtype_spec_info', 'log_page_version', 'phase_tag']);

const HEADING = /^\s*Error Log Entries for device:\s*\S+\s+entries:\s*(\d+)\s*$/i;
const RULE = /^\s*\.{5,}\s*$/;
const ENTRY = /^\s*Entry\s*\[\s*(\d+)\s*\]\s*:?\s*$/i;
const FIELD = /^\s*([a-z_]+)\s*:\s*(.*?)\s*$/i;

/**
 * `nvme error-log` text (nvme-cli 1.x to 2.x): the heading, each `Entry[ N]` between dotted rules and its fields. A grep
 * of the fields without their entries (`error_count : 158` lines) is read as entries in order. Unknown lines are issues.
 */
export function parseErrorLogText(text: string): NvmeErrorLog {
  const out: NvmeErrorLog = { entries: null, list: [], issues: [] };
  const lines = ownSubcommandLines(cleanText(text), 'error-log', out.issues);
  const phaseShown = lines.some((l) => /^\s*phase_tag\s*:/i.test(l.text));
  let entry: NvmeErrorLogEntry | undefined;
  let seen = new Set<string>();
  let fields = 0;
  const open = (index: number): NvmeErrorLogEntry => {
    entry = { index, errorCount: 0 };
    seen = new Set();
    out.list.push(entry);
    return entry;
  };
  for (const { no, text: line } of lines) {
    const heading = HEADING.exec(line);
    if (heading) {
      out.entries = Number(heading[1]);
      continue;
    }
    if (RULE.test(line)) continue;
    const index = ENTRY.exec(line)?.[1];
    if (index !== undefined) {
      open(Number(index));
      continue;
    }
    const kv = FIELD.exec(line);
    const key = kv?.[1]!.toLowerCase();
    if (!kv || key === undefined || !(key in SETTERS) && !UNSTORED.has(key)) {
      out.issues.push({ line: no, text: line.trim(), message: 'not an Error Information log field' });
      continue;
    }
    fields++;
    if (UNSTORED.has(key)) continue;
    // A grep of the fields alone: a field the entry has already starts the next one.
    const e = entry === undefined || seen.has(key) ? open(out.list.length) : entry;
    seen.add(key);
    if (!SETTERS[key]!(e, kv[2]!, phaseShown)) out.issues.push({ line: no, text: line.trim(), message: `no number in ${key}` });
  }
  if (fields === 0) throw new ParseError('nvme-error-log-text', 'no Error Information log field; not nvme error-log output');
  return out;
}

type Setter = (e: NvmeErrorLogEntry, value: string | number, phaseShown: boolean) => boolean;

const set = <K extends keyof NvmeErrorLogEntry>(k: K, read: (v: string | number) => NvmeErrorLogEntry[K] | undefined): Setter => (e, v) => {
  const n = read(v);
  if (n === undefined) return false;
  e[k] = n;
  return true;
};

/** The fields read, by nvme-cli's names in text and JSON (`parm_err_loc`, JSON's `parm_error_location`). */
const SETTERS: Readonly<Record<string, Setter>> = {
  error_count: set('errorCount', number),
  sqid: set('sqid', small),
  cmdid: set('cmdid', small),
  status_field: (e, v, phaseShown) => {
    const n = small(v);
    if (n === undefined) return false;
    decodeStatus(e, phaseShown ? n : n >> 1);
    const name = typeof v === 'string' ? /\(\s*(.*?)\s*\)\s*$/.exec(v)?.[1] : undefined;
    if (name) e.statusText = name;
    return true;
  },
  parm_err_loc: set('parmErrLoc', small),
  parm_error_location: set('parmErrLoc', small),
  lba: set('lba', number),
  nsid: set('nsid', small),
  opcode: set('opcode', small),
};

/** One Error Information log entry's size (NVMe base specification, Get Log Page 01h). */
const ENTRY_BYTES = 64;

/**
 * The Error Information log as the controller returned it (Get Log Page 01h, as fwsnap reads it live): 64-byte entries,
 * the newest first. Error Count (bytes 7:0), SQID, CID, the Status Field (bits 15:1 of bytes 13:12, the phase tag in
 * bit 0 left out), Parameter Error Location, LBA, Namespace; the Opcode (byte 31) where the entry's Log Page Version
 * (byte 63) is 1 or more, as NVMe 2.0 defines it.
 */
export function parseErrorLog(buf: Buffer): NvmeErrorLog {
  if (buf.length < ENTRY_BYTES) throw new ParseError('nvme-error-log', `${buf.length} bytes; an Error Information log entry is ${ENTRY_BYTES}`);
  const out: NvmeErrorLog = { entries: Math.floor(buf.length / ENTRY_BYTES), list: [], issues: [] };
  for (let index = 0; index < out.entries!; index++) {
    const e = buf.subarray(index * ENTRY_BYTES, (index + 1) * ENTRY_BYTES);
    const count = e.readBigUInt64LE(0);
    const lba = e.readBigUInt64LE(16);
    const entry: NvmeErrorLogEntry = {
      index, errorCount: count <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(count) : count.toString(),
      sqid: e.readUInt16LE(8), cmdid: e.readUInt16LE(10), parmErrLoc: e.readUInt16LE(14),
      lba: lba <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(lba) : lba.toString(), nsid: e.readUInt32LE(24),
      ...(e[63]! >= 1 ? { opcode: e[31]! } : {}),
    };
    decodeStatus(entry, e.readUInt16LE(12) >> 1);
    out.list.push(entry);
  }
  return out;
}

/** `nvme error-log -o json`: `{"errors": [ … ]}`, each entry's members as the text's fields. */
export function parseErrorLogJson(text: string): NvmeErrorLog {
  const { doc, cut } = readNvmeJson('nvme-error-log-json', text);
  const errors = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>).errors : undefined;
  if (!Array.isArray(errors)) throw new ParseError('nvme-error-log-json', 'no "errors" array; not nvme error-log -o json output');
  const out: NvmeErrorLog = { entries: errors.length, list: [], issues: cut ? [cut] : [] };
  errors.forEach((raw, index) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return;
    const members = raw as Record<string, unknown>;
    const phaseShown = 'phase_tag' in members;
    const e: NvmeErrorLogEntry = { index, errorCount: 0 };
    for (const [k, v] of Object.entries(members)) if ((typeof v === 'number' || typeof v === 'string') && SETTERS[k]) SETTERS[k]!(e, v, phaseShown);
    out.list.push(e);
  });
  return out;
}

/** What a person reads off one entry: `error_count 283 sqid 0 cmdid 0x14 status 0x2002 (Invalid Field in Command) sct 0 sc 0x2 more lba 0 nsid 0`. */
export function entryLine(e: NvmeErrorLogEntry): string {
  const hex = (n: number): string => `0x${n.toString(16)}`;
  const parts = [`error_count ${e.errorCount}`];
  if (e.sqid !== undefined) parts.push(`sqid ${e.sqid}`);
  if (e.cmdid !== undefined) parts.push(`cmdid ${hex(e.cmdid)}`);
  if (e.status !== undefined) {
    parts.push(`status ${hex(e.status)}${e.statusText ? ` (${e.statusText})` : ''} sct ${hex(e.sct!)} sc ${hex(e.sc!)}${e.more ? ' more' : ''}${e.dnr ? ' dnr' : ''}`);
  }
  if (e.parmErrLoc !== undefined) parts.push(`parm_err_loc ${hex(e.parmErrLoc)}`);
  if (e.lba !== undefined) parts.push(`lba ${e.lba}`);
  if (e.nsid !== undefined) parts.push(`nsid ${e.nsid}`);
  if (e.opcode !== undefined) parts.push(`opcode ${hex(e.opcode)}`);
  return parts.join(' ');
}
