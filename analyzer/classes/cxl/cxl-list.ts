import { ParseError } from '../../parsers/errors.js';
import { jsonValueEnd } from '../../parsers/json-extent.js';
import type { LineIssue } from '../../parsers/text-input.js';

/** One memory device as `cxl list` (ndctl) prints it; sizes in bytes whether or not -u printed them for humans. */
export interface CxlListMemdev {
  memdev: string;
  /** Decimal, as cxl list prints it (a 64-bit number kept exact). */
  serial?: string;
  host?: string;
  firmwareVersion?: string;
  ramSize?: number;
  pmemSize?: number;
  numaNode?: number;
  /** Get FW Info (-F). */
  firmware?: {
    numSlots?: number;
    activeSlot?: number;
    stagedSlot?: number;
    onlineActivateCapable?: boolean;
    updateInProgress?: boolean;
    /** slot number → the revision it holds. */
    slots: Map<number, string>;
  };
  /** Get Health Info (-H): every scalar of the health object, as printed. */
  health?: Map<string, string | number | boolean>;
}

export interface CxlList {
  memdevs: CxlListMemdev[];
  issues: LineIssue[];
}

/** `"1024.00 MiB (1073.74 MB)"` (-u) → bytes; plain numbers as they are. */
function bytes(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v !== 'string') return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  const m = /^([\d.]+)\s*([KMGTP])iB\b/.exec(v.trim());
  return m ? Math.round(Number(m[1]) * 1024 ** ('KMGTP'.indexOf(m[2]!) + 1)) : undefined;
}

const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function memdevOf(o: Record<string, unknown>): CxlListMemdev {
  const m: CxlListMemdev = { memdev: o.memdev as string };
  const serial = o.serial;
  if (typeof serial === 'string' && /^\d+$/.test(serial)) m.serial = serial;
  const host = str(o.host);
  if (host) m.host = host;
  const fw = str(o.firmware_version);
  if (fw !== undefined) m.firmwareVersion = fw;
  const ram = bytes(o.ram_size);
  if (ram !== undefined) m.ramSize = ram;
  const pmem = bytes(o.pmem_size);
  if (pmem !== undefined) m.pmemSize = pmem;
  const numa = int(o.numa_node);
  if (numa !== undefined) m.numaNode = numa;
  const f = o.firmware;
  if (f && typeof f === 'object' && !Array.isArray(f)) {
    const r = f as Record<string, unknown>;
    const slots = new Map<number, string>();
    for (const [k, v] of Object.entries(r)) {
      const s = /^slot_(\d+)_version$/.exec(k);
      if (s && typeof v === 'string') slots.set(Number(s[1]), v);
    }
    m.firmware = { slots };
    const set = <K extends keyof NonNullable<CxlListMemdev['firmware']>>(k: K, v: NonNullable<CxlListMemdev['firmware']>[K] | undefined): void => {
      if (v !== undefined) m.firmware![k] = v;
    };
    set('numSlots', int(r.num_slots));
    set('activeSlot', int(r.active_slot));
    set('stagedSlot', int(r.staged_slot));
    set('onlineActivateCapable', bool(r.online_activate_capable));
    set('updateInProgress', bool(r.fw_update_in_progress));
  }
  const h = o.health;
  if (h && typeof h === 'object' && !Array.isArray(h)) {
    m.health = new Map(Object.entries(h as Record<string, unknown>).filter((e): e is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof e[1])));
  }
  return m;
}

/** Every object with a `memdev` name, wherever -v nests it (buses → ports → endpoints → memdev). */
function walk(v: unknown, out: CxlListMemdev[]): void {
  if (Array.isArray(v)) {
    for (const x of v) walk(x, out);
    return;
  }
  if (!v || typeof v !== 'object') return;
  const o = v as Record<string, unknown>;
  if (typeof o.memdev === 'string') out.push(memdevOf(o));
  for (const [k, x] of Object.entries(o)) if (k !== 'firmware' && k !== 'health') walk(x, out);
}

/**
 * `cxl list` JSON (ndctl). Tolerant of what surrounds it in a paste: kernel-log lines, the command line, several
 * listings one after the other (each line outside a listing is an issue with its line number). A listing cut off
 * before its end is an error.
 */
export function parseCxlList(text: string): CxlList {
  const memdevs: CxlListMemdev[] = [];
  const issues: LineIssue[] = [];
  const lineAt = (i: number): number => text.slice(0, i).split('\n').length;
  let i = 0;
  let listings = 0;
  while (i < text.length) {
    const eol = text.indexOf('\n', i);
    const end = eol < 0 ? text.length : eol;
    const line = text.slice(i, end).replace(/\r$/, '');
    // cxl list opens a listing on a line of its own (`[`, `{`), compact JSON with `[{`/`{"`; a kernel-log `[   14.4]` is no listing.
    const open = /^\s*(?:[[{]\s*$|\[\s*[{\]]|\{\s*")/.test(line) ? text.indexOf(line.trim()[0]!, i) : -1;
    if (open >= 0) {
      const close = jsonValueEnd(text, open);
      if (close < 0) throw new ParseError('cxl-list', 'the JSON listing ends before it closes', lineAt(open));
      // Large serials exceed a double: keep them as the digits cxl list printed.
      const body = text.slice(open, close + 1).replace(/("serial"\s*:\s*)(\d+)/g, '$1"$2"');
      try {
        walk(JSON.parse(body), memdevs);
        listings++;
      } catch (e) {
        throw new ParseError('cxl-list', `not valid JSON: ${(e as Error).message}`, lineAt(open));
      }
      const next = text.indexOf('\n', close);
      i = next < 0 ? text.length : next + 1;
      continue;
    }
    if (line.trim() !== '') issues.push({ line: lineAt(i), text: line, message: 'not part of a cxl list JSON listing' });
    i = end + 1;
  }
  if (listings === 0) throw new ParseError('cxl-list', 'no JSON listing in the output');
  return { memdevs, issues };
}
