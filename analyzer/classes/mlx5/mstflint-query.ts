import { ParseError } from '../../parsers/errors.js';

export interface FlintRom {
  /** `PXE`, `UEFI`, `UEFI Virtio net`, … */
  type: string;
  version: string;
  /** Further `key=value` words of the line (cpu, devid, proto). */
  attrs: Record<string, string>;
}

export interface FlintQuery {
  imageType?: string;
  /** The image in flash: what runs after the next firmware reset. */
  fwVersion?: string;
  /** Printed only when the running firmware differs from the flash image (activation pending). */
  fwVersionRunning?: string;
  fwReleaseDate?: string;
  productVersion?: string;
  psid?: string;
  partNumber?: string;
  securityAttributes?: string;
  baseGuid?: { value: string; count?: number };
  baseMac?: { value: string; count?: number };
  roms: FlintRom[];
  /** Every `key: value` line as printed (continuation lines joined with "\n"). */
  fields: Record<string, string>;
}

const PARSER = 'mstflint-query';
const LINE = /^([A-Za-z][A-Za-z0-9 ()./_-]*?):\s+(.*)$/;

function parseRom(s: string, line: number): FlintRom {
  const m = /^type=(.+?)\s+version=(\S+)(.*)$/.exec(s.trim());
  if (!m) throw new ParseError(PARSER, `unreadable Rom Info entry "${s.trim()}"`, line);
  const attrs: Record<string, string> = {};
  for (const w of m[3]!.trim().split(/\s+/).filter(Boolean)) {
    const eq = w.indexOf('=');
    if (eq > 0) attrs[w.slice(0, eq)] = w.slice(eq + 1);
  }
  return { type: m[1]!, version: m[2]!, attrs };
}

const guid = (v: string): { value: string; count?: number } => {
  const [value, count] = v.trim().split(/\s+/);
  return count !== undefined && /^\d+$/.test(count) ? { value: value!, count: Number(count) } : { value: value! };
};

/** `mstflint -d <dev> query` / `flint -d <dev> q` output. */
export function parseMstflintQuery(text: string): FlintQuery {
  const fields: Record<string, string> = {};
  const roms: FlintRom[] = [];
  let last: string | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    if (/^\s/.test(raw) && last !== undefined) {
      fields[last] += `\n${raw.trim()}`;
      if (last === 'Rom Info') roms.push(parseRom(raw, line));
      return;
    }
    const m = LINE.exec(raw.trimEnd());
    if (!m) {
      if (/^-[EW]-/.test(raw)) return;
      throw new ParseError(PARSER, `unexpected line "${raw.trim()}"`, line);
    }
    last = m[1]!;
    fields[last] = m[2]!;
    if (last === 'Rom Info') roms.push(parseRom(m[2]!, line));
  });
  if (fields['FW Version'] === undefined && fields.PSID === undefined) {
    throw new ParseError(PARSER, 'neither FW Version nor PSID in the output');
  }
  const q: FlintQuery = { roms, fields };
  const set = <K extends keyof FlintQuery>(k: K, name: string): void => {
    const v = fields[name];
    if (v !== undefined && v !== 'N/A') q[k] = v as FlintQuery[K];
  };
  set('imageType', 'Image type');
  set('fwVersion', 'FW Version');
  set('fwVersionRunning', 'FW Version(Running)');
  set('fwReleaseDate', 'FW Release Date');
  set('productVersion', 'Product Version');
  set('psid', 'PSID');
  set('partNumber', 'Part Number');
  set('securityAttributes', 'Security Attributes');
  if (fields['Base GUID'] && fields['Base GUID'] !== 'N/A') q.baseGuid = guid(fields['Base GUID']);
  if (fields['Base MAC'] && fields['Base MAC'] !== 'N/A') q.baseMac = guid(fields['Base MAC']);
  return q;
}
