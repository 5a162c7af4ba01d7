import { cleanText, type LineIssue } from '../../parsers/text-input.js';

/** What an sdparm output shows of a device: its INQUIRY line, VPD serial and names, and the mode page fields it listed. */
export interface Sdparm {
  /** The node of its first line (`    /dev/sda: ATA       ST3500418AS       CC38`). */
  node?: string;
  vendor?: string;
  product?: string;
  revision?: string;
  /** VPD page 0x80, or the serial an ATA drive gives in its T10 vendor identification designator behind a SAT layer. */
  serial?: string;
  /** The model an ATA drive gives there (INQUIRY's product is cut at 16 characters). */
  ataModel?: string;
  /** The logical unit's NAA designator as printed (`0x5000c500a1b2c3d4`). */
  naa?: string;
  /** Mode page fields by page acronym and field (`ca.WCE`): the current value, and the default and saved ones where printed. */
  fields: Record<string, { current: number; default?: number; saved?: number }>;
  issues: LineIssue[];
}

/** `Caching (SBC) [ca] mode page:`, `… mode page [PS=0]:`; `Direct access device specific parameters: WP=0  DPOFUA=0`. */
const MODE_PAGE = /^\S.*? \[([a-z0-9_]+)\] mode page(?: \[[^\]]*\])?:$/;
const DEVICE_PARAMETERS = /^\s*(?:Direct access|Sequential access|[A-Za-z ]+?) device specific parameters: (.*)$/;
/** `Device identification VPD page:`, `Unit serial number [0x80] VPD page:`. */
const VPD_PAGE = /^(\S.*?) (?:\[0x[0-9a-f]{2}\] )?VPD page:?$/i;
/** A field of a mode page: acronym, value, `[cha: y, def:  1, sav:  1]` with --long or by default, then its description. */
const FIELD = /^\s+([A-Z][A-Z0-9_]*)\s+(-?\d+|0x[0-9a-f]+)(?:\s+\[cha: [yn], def:\s*(-?\d+|0x[0-9a-f]+)(?:, sav:\s*(-?\d+|0x[0-9a-f]+))?\])?(?:\s+\S.*)?$/i;
/** sdparm's own warning about a page (`>>> warning: mode page seems malformed`) and its advice under it. */
const WARNING = /^(?:>>> .*|\s+The page number field should be .*|\s+try '--flexible'.*)$/;
/** What sdparm says of a page it was asked for and the device did not give. */
const NOT_GIVEN = /^(?:\S.*? mode page not supported|.*(?:failed|not supported|Illegal request|no such page).*)$/i;

const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : v.toLowerCase().startsWith('0x') ? Number.parseInt(v, 16) : Number(v));

/** The first line: the node, then INQUIRY vendor (8), product (16) and revision (4) two spaces apart, or any spaces where a page collapsed them. */
function identity(out: Sdparm, line: string): boolean {
  const m = /^\s*(\/dev\/\S+|[A-Za-z]:|PD\d+|\S+\/\S+):\s(.*)$/.exec(line);
  if (!m) return false;
  const rest = m[2]!.replace(/\s+$/, '');
  out.node = m[1]!;
  if (rest.length > 28 && rest.slice(8, 10) === '  ' && rest.slice(26, 28) === '  ') {
    out.vendor = rest.slice(0, 8).trim();
    out.product = rest.slice(10, 26).trim();
    out.revision = rest.slice(28).trim();
  } else {
    const words = rest.trim().split(/\s+/);
    if (words.length < 2) return false;
    out.vendor = words[0]!;
    out.revision = words.length > 2 ? words.at(-1)! : undefined;
    out.product = words.slice(1, words.length > 2 ? -1 : undefined).join(' ');
  }
  return true;
}

/**
 * `sdparm /dev/sdX` (the common mode pages' fields), `sdparm --long`/`-l`, `sdparm --inquiry` and `-p di`/`-p sn`
 * (VPD pages), as saved or pasted: prompts and fences off (cleanText). Each heading sdparm prints is known; the lines of
 * a page this parser does not read are skipped; any other line at the margin is an issue with its line number.
 */
export function parseSdparm(text: string): Sdparm {
  const out: Sdparm = { fields: {}, issues: [] };
  let page: { kind: 'mode'; acronym: string } | { kind: 'vpd'; name: string } | undefined;
  let association = '';
  let designator = '';
  for (const { no, text: raw } of cleanText(text).lines) {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '') continue;
    if (out.node === undefined && page === undefined && identity(out, line)) continue;
    const mode = MODE_PAGE.exec(line);
    if (mode) {
      page = { kind: 'mode', acronym: mode[1]! };
      continue;
    }
    const vpd = VPD_PAGE.exec(line);
    if (vpd) {
      page = { kind: 'vpd', name: vpd[1]!.toLowerCase() };
      association = '';
      designator = '';
      continue;
    }
    const params = DEVICE_PARAMETERS.exec(line);
    if (params) {
      for (const kv of params[1]!.matchAll(/([A-Z][A-Z0-9_]*)=(\d+)/g)) out.fields[`device.${kv[1]}`] = { current: Number(kv[2]) };
      continue;
    }
    if (WARNING.test(line)) continue;
    if (page?.kind === 'mode' && /^\s/.test(line)) {
      const f = FIELD.exec(line);
      if (f) {
        const def = num(f[3]);
        const sav = num(f[4]);
        out.fields[`${page.acronym}.${f[1]}`] = { current: num(f[2])!, ...(def !== undefined ? { default: def } : {}), ...(sav !== undefined ? { saved: sav } : {}) };
      }
      continue;
    }
    if (page?.kind === 'vpd' && /^\s/.test(line)) {
      const body = line.trim();
      if (page.name === 'unit serial number') {
        if (out.serial === undefined && body !== '<empty>') out.serial = body.replace(/^Unit serial number:\s*/i, '').trim() || undefined;
        continue;
      }
      if (page.name !== 'device identification') continue;
      if (/^[A-Za-z][A-Za-z ]*:$/.test(body) && !body.startsWith('designator type')) association = body.slice(0, -1).toLowerCase();
      const type = /^designator type: ([^,]+),/.exec(body);
      if (type) designator = type[1]!.trim().toLowerCase();
      const lu = association === 'addressed logical unit';
      if (lu && designator === 'naa' && /^0x[0-9a-f]{16,32}$/i.test(body)) out.naa ??= body.toLowerCase();
      // libata's T10 vendor identification designator: vendor ATA, then the drive's model (40 characters) and serial.
      const vs = /^\s*vendor specific: (.*)$/.exec(line);
      if (lu && designator.startsWith('t10 vendor') && vs && out.vendor === 'ATA') {
        const v = vs[1]!;
        out.ataModel ??= v.slice(0, 40).trim() || undefined;
        out.serial ??= v.slice(40).trim() || undefined;
      }
      continue;
    }
    if (page !== undefined && NOT_GIVEN.test(line)) continue;
    out.issues.push({ line: no, text: raw, message: 'not a line sdparm prints (its device line, a mode or VPD page heading, or a field under one)' });
  }
  return out;
}
