import { ParseError } from '../../parsers/errors.js';
import { groupedDigits } from './grouped-number.js';
import { nvmeJsonDocument } from './nvme-json-dump.js';
import { cleanText, isElision, type LineIssue } from '../../parsers/text-input.js';
import { ownSubcommandLines } from './other-commands.js';

/** One LBA Format descriptor of Identify Namespace (NVM Command Set): LBADS is the data size as a power of two. */
export interface NvmeLbaFormat {
  index: number;
  metadataBytes: number;
  lbads: number;
  /** 2^LBADS; 0 when LBADS is 0 (a format the namespace does not support). */
  dataBytes: number;
  /** RP: 0 best, 1 better, 2 good, 3 degraded. */
  relativePerformance: number;
  /** nvme-cli marked it `(in use)`, or FLBAS selects it. */
  inUse: boolean;
}

/**
 * What an `nvme id-ns` output (text, -H, -v or JSON) says of one namespace. Block counts and NVMCAP can exceed
 * 2^53: such a value is its decimal string. A field the output did not print is absent.
 */
export interface NvmeIdNs {
  /** From the heading `NVME Identify Namespace N:` (JSON prints none). */
  nsid?: number;
  /** Every `field : value` line by nvme-cli's short name, value as printed (text forms only). */
  fields: Record<string, string>;
  nsze?: number | string;
  ncap?: number | string;
  nuse?: number | string;
  nvmcap?: number | string;
  nsfeat?: number;
  nlbaf?: number;
  flbas?: number;
  mc?: number;
  dpc?: number;
  dps?: number;
  nmic?: number;
  rescap?: number;
  fpi?: number;
  dlfeat?: number;
  nsattr?: number;
  anagrpid?: number;
  nvmsetid?: number;
  endgid?: number;
  nawun?: number;
  nawupf?: number;
  npwg?: number;
  npwa?: number;
  npdg?: number;
  npda?: number;
  nows?: number;
  mssrl?: number;
  mcl?: number;
  msrc?: number;
  nguid?: string;
  eui64?: string;
  lbaFormats: NvmeLbaFormat[];
  /** The format in use: FLBAS bits 3:0 (and 6:5 above 16 formats), else the one printed `(in use)`. */
  inUseFormat?: number;
  issues: LineIssue[];
}

const NUMBERS = ['nsfeat', 'nlbaf', 'flbas', 'mc', 'dpc', 'dps', 'nmic', 'rescap', 'fpi', 'dlfeat', 'nsattr', 'anagrpid', 'nvmsetid', 'endgid',
  'nawun', 'nawupf', 'npwg', 'npwa', 'npdg', 'npda', 'nows', 'mssrl', 'mcl', 'msrc'] as const;
const COUNTS = ['nsze', 'ncap', 'nuse', 'nvmcap'] as const;

/** A number as nvme-cli prints it: `0x1d1c11fb0`, `0x773bd2b0(2000409264₁₀)` (2.x -H), `1024209543168`, `7,681,501,126,656` (any locale's grouping). */
function bigNumber(v: string | undefined): number | string | undefined {
  if (v === undefined) return undefined;
  const t = v.trim();
  const hex = /^0x([0-9a-f]+)\b/i.exec(t);
  const dec = groupedDigits(t) ?? /^(\d+)(?=$|[\s(])/.exec(t)?.[1];
  let n: bigint;
  if (hex) n = BigInt(`0x${hex[1]}`);
  else if (dec !== undefined) n = BigInt(dec);
  else return undefined;
  return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
}

function smallNumber(v: string | undefined): number | undefined {
  const n = bigNumber(v);
  return typeof n === 'number' ? n : undefined;
}

/** `lbaf  0 : ms:0   lbads:9  rp:0x1 (in use)` (text) */
const LBAF = /^lbaf\s+(\d+)\s*:\s*ms:(\d+)\s+lbads:(\d+)\s+rp:(0x[0-9a-f]+|\d+)(.*)$/i;
/** `LBA Format  0 : Metadata Size: 0   bytes - Data Size: 512 bytes - Relative Performance: 0x2 Good (in use)` (-H) */
const LBAF_H = /^LBA Format\s+(\d+)\s*:\s*Metadata Size:\s*(\d+)\s*bytes\s*-\s*Data Size:\s*(\d+)\s*bytes\s*-\s*Relative Performance:\s*(0x[0-9a-f]+|\d+)(.*)$/i;

/** Lines that carry nothing to store: -H decoded bits and their descriptions, the -v vendor-specific dump. */
const NOISE = [
  /^\s*\[\s*\d+:\d+\]\s*:/, // -H: "  [4:4] : 0\tNPWG, NPWA, NPDG, NPDA, and NOWS are Not Supported"
  /^\s*vs\[\]:\s*$/,
  /^\s*[0-9a-f]{4}:\s+(?:[0-9a-f]{2}\s+)+/i,
  /^\s*0\s+1\s+2\s+3\s+4\s+5\s+6\s+7\s+8\s+9\s+a\s+b\s+c\s+d\s+e\s+f\s*$/i, // the dump's column heading
];

function format(index: number, ms: number, lbads: number, rp: number, rest: string, dataBytes?: number): NvmeLbaFormat {
  return { index, metadataBytes: ms, lbads, dataBytes: dataBytes ?? (lbads > 0 && lbads < 64 ? 2 ** lbads : 0), relativePerformance: rp & 3, inUse: /\(in use\)/i.test(rest) };
}

/** `nvme id-ns` text of any nvme-cli version, with or without -H or -v: keyed on field names, not columns. */
export function parseIdNsText(text: string): NvmeIdNs {
  const fields: Record<string, string> = {};
  const lbaFormats: NvmeLbaFormat[] = [];
  const issues: LineIssue[] = [];
  let nsid: number | undefined;
  let decoding = false;
  for (const { no, text: raw } of ownSubcommandLines(cleanText(text), 'id-ns', issues)) {
    const line = raw.trim();
    if (line === '') {
      decoding = false;
      continue;
    }
    const heading = /^NVME Identify Namespace\s+(\d+|0x[0-9a-f]+)\s*:?$/i.exec(line);
    if (heading) {
      nsid = smallNumber(heading[1]!);
      continue;
    }
    const l = LBAF.exec(line);
    if (l) {
      lbaFormats.push(format(Number(l[1]), Number(l[2]), Number(l[3]), smallNumber(l[4]!) ?? 0, l[5]!));
      continue;
    }
    const h = LBAF_H.exec(line);
    if (h) {
      const data = Number(h[3]);
      lbaFormats.push(format(Number(h[1]), Number(h[2]), data > 0 ? Math.round(Math.log2(data)) : 0, smallNumber(h[4]!) ?? 0, h[5]!, data));
      continue;
    }
    if (NOISE.some((re) => re.test(raw))) {
      decoding = /\[\s*\d+:\d+\]/.test(raw);
      continue;
    }
    const field = /^([a-z][a-z0-9_]*)\s*:(.*)$/.exec(line);
    if (field) {
      decoding = false;
      const value = field[2]!.trim();
      if (!isElision(value)) fields[field[1]!] = value;
      continue;
    }
    if (decoding && /^\s/.test(raw)) continue; // -H: a decoded value's description on a line of its own
    issues.push({ line: no, text: raw, message: 'not an id-ns field' });
  }
  if (fields.nsze === undefined && fields.flbas === undefined && lbaFormats.length === 0) {
    throw new ParseError('nvme-id-ns-text', 'no nsze, flbas or lbaf line; not nvme id-ns output');
  }
  const out: NvmeIdNs = { fields, lbaFormats, issues };
  if (nsid !== undefined) out.nsid = nsid;
  for (const k of COUNTS) {
    const v = bigNumber(fields[k]);
    if (v !== undefined) out[k] = v;
  }
  for (const k of NUMBERS) {
    const v = smallNumber(fields[k]);
    if (v !== undefined) out[k] = v;
  }
  if (fields.nguid !== undefined) out.nguid = fields.nguid;
  if (fields.eui64 !== undefined) out.eui64 = fields.eui64;
  return withInUse(out);
}

/** FLBAS selects the format (bits 3:0, and bits 6:5 as the high bits when NLBAF is above 16); nvme-cli's marker otherwise. */
function withInUse(ns: NvmeIdNs): NvmeIdNs {
  const marked = ns.lbaFormats.find((f) => f.inUse)?.index;
  let selected: number | undefined;
  if (ns.flbas !== undefined) selected = (ns.flbas & 0xf) | ((ns.nlbaf ?? 0) >= 16 ? ((ns.flbas >> 5) & 3) << 4 : 0);
  const inUse = selected ?? marked;
  if (inUse !== undefined) {
    ns.inUseFormat = inUse;
    for (const f of ns.lbaFormats) f.inUse = f.index === inUse;
  }
  return ns;
}

const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined);

/** A count JSON may print as a number, a float (nvme-cli 1.x's long double NVMCAP) or a decimal string (2.x's 128-bit values). */
function jsonCount(v: unknown): number | string | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return Number.isSafeInteger(v) ? v : BigInt(Math.round(v)).toString();
  if (typeof v === 'string') return bigNumber(v);
  return undefined;
}

/** `nvme id-ns -o json`: nvme-cli's field names, numbers in decimal, `lbafs` as `{ms, ds, rp}` (2.x and later may add `lbaf`, `in_use`). */
export function parseIdNsJson(text: string): NvmeIdNs {
  const doc = nvmeJsonDocument('nvme-id-ns-json', text);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new ParseError('nvme-id-ns-json', 'top level is not an object');
  const f = doc as Record<string, unknown>;
  if (f.nsze === undefined && !Array.isArray(f.lbafs)) throw new ParseError('nvme-id-ns-json', 'no "nsze" or "lbafs" member; not nvme id-ns JSON');
  const out: NvmeIdNs = { fields: {}, lbaFormats: [], issues: [] };
  for (const k of COUNTS) {
    const v = jsonCount(f[k]);
    if (v !== undefined) out[k] = v;
  }
  for (const k of NUMBERS) {
    const v = int(f[k]);
    if (v !== undefined) out[k] = v;
  }
  if (typeof f.nguid === 'string') out.nguid = f.nguid.trim();
  if (typeof f.eui64 === 'string') out.eui64 = f.eui64.trim();
  const lbafs = Array.isArray(f.lbafs) ? f.lbafs : [];
  lbafs.forEach((e, i) => {
    const d = (e ?? {}) as Record<string, unknown>;
    const ds = int(d.ds) ?? 0;
    out.lbaFormats.push(format(int(d.lbaf) ?? i, int(d.ms) ?? 0, ds, int(d.rp) ?? 0, d.in_use === 1 || d.in_use === true ? '(in use)' : ''));
  });
  return withInUse(out);
}
