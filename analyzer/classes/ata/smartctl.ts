import { namedCommandLine } from '../../../collector/typed-commands.js';
import { placeholderWwn } from '../../db/one-drive.js';
import { ATTRIBUTE_HEADER } from '../../../collector/classes/ata/output-shape.js';
import { ParseError } from '../../parsers/errors.js';
import { readJsonOutput } from '../../parsers/json-output.js';
import { inquiryModel, satProduct, spreadAtaModel } from '../core/inquiry-model.js';
import { smartctlKey, smartctlKeyStart } from './smartctl-keys.js';
import { jsonNvmeHealth, readNvmeHealthLine, type NvmeHealth } from './smartctl-nvme-health.js';
import { jsonNvmeIdentify, textNvmeIdentify, type NvmeIdentify } from './smartctl-nvme-identify.js';
import { cleanText, couldWrapBefore, indentOf, isOutputRule, type LineIssue, type TextLine } from '../../parsers/text-input.js';
import { outputFilter } from '../../../collector/output-filter.js';

/** What smartctl reports of a drive in its information section (-i, -a, -x) and health line. */
export interface SmartctlInfo {
  protocol: 'ATA' | 'NVMe' | 'SCSI' | undefined;
  model?: string;
  family?: string;
  serial?: string;
  firmware?: string;
  /**
   * The SCSI INQUIRY vendor (`Vendor:`, -j `scsi_vendor`) of an output whose firmware is the INQUIRY revision
   * (`Revision:`): of vendor `ATA` that revision is 4 of the drive's firmware characters (core/inquiry-model.ts).
   */
  inquiryVendor?: string;
  /** The model is the INQUIRY product of vendor `ATA` (the SCSI form): the ATA model's first 16 characters, perhaps cut. */
  satModel?: true;
  capacityBytes?: number;
  sataVersion?: string;
  ataVersion?: string;
  nvmeVersion?: string;
  smartAvailable?: boolean;
  smartEnabled?: boolean;
  /** `SMART overall-health self-assessment test result: PASSED` / `SMART Health Status: OK`. */
  health?: string;
  /** NVMe SMART/Health log values (`Critical Warning: 0x04`, `Media and Data Integrity Errors: 342`), by their `nvme.smart` keys. */
  nvmeHealth?: NvmeHealth;
  /** NVMe `Firmware Updates (0x16): 3 Slots, no Reset required`: the FRMW byte. */
  frmw?: number;
  /** NVMe optional commands, log page attributes and composite temperature thresholds. */
  nvmeIdentify?: NvmeIdentify;
  /** NVMe Identify VID (`PCI Vendor ID:` or `PCI Vendor/Subsystem ID:`; -j `nvme_pci_vendor.id`). */
  pciVendorId?: number;
  /**
   * The drive's world wide name as lower-case hex: ATA `LU WWN Device Id: 5 000c50 0a1b2c3d4`, SCSI `Logical Unit id:
   * 0x5000cca2556d2514`, NVMe `Namespace 1 IEEE EUI-64: 002538 b571b6e0e4` (-j `wwn`, `logical_unit_id`, `eui64`);
   * absent when masked, elided or all zeros.
   */
  wwn?: string;
  /**
   * The ATA SMART attribute table's rows (smartctl -A/-a/-x, the brief form of -x, -j's `ata_smart_attributes.table`),
   * in the order printed; a row smartctl printed twice (two outputs pasted as one) is the later one's.
   */
  attributes?: SmartAttribute[];
  /** The output came through a pipe that may have left lines out (`smartctl -a /dev/sda | grep -i temp`): an excerpt. */
  excerpt?: true;
  /** NVMe `Supported Power States` rows. */
  powerStates: { state: number; maxPowerW: number; nonOperational: boolean; entryLatencyUs: number; exitLatencyUs: number }[];
  /** The drive database's warning (`==> WARNING: A firmware update for this drive may be available, …`), its lines joined. */
  warning?: string;
  /** Every `Key: value` line of the information section whose key smartctl prints there, as printed. */
  fields: Record<string, string>;
  /** The command line pasted above this output, of a text holding several (`# smartctl -H /dev/nvme0`). */
  command?: string;
  issues: LineIssue[];
  /** A person's sentences under the information section, after its blank line, where the output ends (`Any idea? Thanks.`). */
  around?: TextLine[];
}

/**
 * One row of the ATA SMART attribute table, the same whichever form printed it: `type` and `updated` as the long form
 * prints them (the brief form's P and O flags, -j's `prefailure` and `updated_online`), `whenFailed` as the long form
 * prints it (`FAILING_NOW`, `In_the_past`, `-`; the brief form's `NOW`, `Past`; -j's `now`, `past`, empty), a normalized
 * value, worst or threshold smartctl could not give (`---`) absent, `raw` the raw value as printed (`36 (Min/Max 18/45)`).
 */
export interface SmartAttribute {
  id: number;
  name: string;
  flags?: number;
  value?: number;
  worst?: number;
  thresh?: number;
  type?: 'Pre-fail' | 'Old_age';
  updated?: 'Always' | 'Offline';
  whenFailed: 'FAILING_NOW' | 'In_the_past' | '-';
  raw: string;
}

/** A row of the long attribute table (`194 Temperature_Celsius 0x0022 036 045 000 Old_age Always - 36 (Min/Max 18/45)`). */
const ATTRIBUTE_ROW = /^(\d{1,3})\s+(\S+)\s+0x([0-9a-fA-F]{4})\s+(\d{1,3}|---)\s+(\d{1,3}|---)\s+(\d{1,3}|---)\s+(Pre-fail|Old_age)\s+(Always|Offline)\s+(FAILING_NOW|In_the_past|-)\s+(\S.*)$/;
/** A row of the brief table smartctl -x prints (`  5 Reallocated_Sector_Ct   PO--CK   100   100   010    -    0`): flags P O S R C K, `+` for others. */
const BRIEF_ATTRIBUTE_ROW = /^(\d{1,3})\s+(\S+)\s+([P-])([O-])[S-][R-][C-][K-]\+?\s+(\d{1,3}|---)\s+(\d{1,3}|---)\s+(\d{1,3}|---)\s+(NOW|Past|-)\s+(\S.*)$/;
/**
 * The start of a long-form row a terminal, a page or a mail client wrapped, its rest on the next line: the row's fields
 * up to one of their ends (`  1 Raw_Read_Error_Rate     0x002f   200   200   051    Pre-fail` then `Always  -  0` of a
 * mail wrapped at 72 columns; `… Old_age   Always       -` then the raw value alone of a terminal of 80 columns).
 */
const ROW_START = /^\d{1,3}\s+\S+(?:\s+0x[0-9a-fA-F]{4}(?:\s+(?:\d{1,3}|---)(?:\s+(?:\d{1,3}|---)(?:\s+(?:\d{1,3}|---)(?:\s+(?:Pre-fail|Old_age)(?:\s+(?:Always|Offline)(?:\s+(?:FAILING_NOW|In_the_past|-))?)?)?)?)?)?)?$/;
/** The start of a brief-form row (`smartctl -x`) wrapped the same way (`  5 Reallocated_Sector_Ct   PO--CK   100` then `100   010    -    0`). */
const BRIEF_ROW_START = /^\d{1,3}\s+\S+\s+[P-][O-][S-][R-][C-][K-]\+?(?:\s+(?:\d{1,3}|---)(?:\s+(?:\d{1,3}|---)(?:\s+(?:\d{1,3}|---)(?:\s+(?:NOW|Past|-))?)?)?)?$/;
/** A line that starts a row of either form (its id, name and flags): never the rest of the row above it. */
const ROW_OPENING = /^\d{1,3}\s+\S+\s+(?:0x[0-9a-fA-F]{4}|[P-][O-][S-][R-][C-][K-]\+?)(?:\s|$)/;
/** The health line's start, its verdict wrapped onto the next line. */
const HEALTH_START = /^SMART (?:overall-health(?: self-assessment(?: test(?: result:)?)?)?|Health Status:)$/;
/** A line that is one bracketed group (`(Min/Max 20/52)`, `[3.00 TB]`): the rest of a value wrapped before its bracket. */
const BRACKETED = /^(?:\([^()]*\)|\[[^[\]]*\])$/;
/**
 * A key under which smartctl prints an NVMe controller's flags as one line of names (`Optional Admin Commands (0x005f):`,
 * `Log Page Attributes (0x0e):`, `Namespace 1 Features (0x1a):`), and a line that is only such names (`Self_Test
 * MI_Snd/Rec`, `Sav/Sel_Feat Timestmp`, `*Other*`): the list's rest when a mail client or a page wrapped it at a word.
 */
const FLAG_LIST_KEY = /\(0x[0-9a-fA-F]+\)$/;
const FLAG_NAMES = /^[A-Za-z0-9_/*+-]+(?: [A-Za-z0-9_/*+-]+)*$/;
/**
 * The names smartctl prints in those lists that are plain words (no `_`, `/` or `*`: nvmeprint.cpp's `Security`,
 * `Format`, `Directvs`, `Comp`, `Resv`, `Timestmp`, `Verify`, `Copy`, `Lockdown`, and `-` for none); every other name
 * it prints is an abbreviation joined by `_` or `/` (`Frmw_DL`, `Sav/Sel_Feat`, `*Other*`). A line under the list with a
 * plain word that is none of these (`Thanks`, `Cheers`, a name) is a person's words, not the list's rest.
 */
const FLAG_PLAIN_NAMES = new Set(['Security', 'Format', 'Directvs', 'Comp', 'Resv', 'Timestmp', 'Verify', 'Copy', 'Lockdown', '-']);
const flagRest = (line: string): boolean =>
  FLAG_NAMES.test(line) && line.split(' ').every((w) => /[_/*]/.test(w) || FLAG_PLAIN_NAMES.has(w));
/** Whether a value's brackets are all closed (`36 (Min/Max 20/52)`, not `36 (Min/Max`; `[3.00 TB]`, not `[3.00`). */
const closed = (v: string): boolean =>
  (v.match(/\(/g)?.length ?? 0) <= (v.match(/\)/g)?.length ?? 0) && (v.match(/\[/g)?.length ?? 0) <= (v.match(/\]/g)?.length ?? 0);

/**
 * A row wrapped in two, read whole: `first` a row's start (ROW_START), or a whole row whose raw value's bracket the wrap
 * left open (`… 36 (Min/Max` then `20/52)`) or that the wrap cut before its bracket (`… 36` then `(Min/Max 20/52)`);
 * `next` its rest, no row of its own. Joined at a space, where a page or a
 * mail client breaks a line (a terminal of 80 columns cuts the long table in the blanks before its raw value).
 * Undefined when the two lines do not make one row.
 */
export function wrappedAttributeRow(first: string, next: string): SmartAttribute | undefined {
  if (next === '' || ROW_OPENING.test(next)) return undefined;
  const whole = attributeRow(first);
  if (whole) {
    if (closed(whole.raw) && !BRACKETED.test(next)) return undefined;
    const joined = attributeRow(`${first} ${next}`);
    return joined && closed(joined.raw) ? joined : undefined;
  }
  return rowStart(first) ? attributeRow(`${first} ${next}`) : undefined;
}

/** Whether a line is a wrapped row's start, of either form. */
const rowStart = (line: string): boolean => ROW_START.test(line) || BRIEF_ROW_START.test(line);

/** A line's width in characters (the text as read: its tabs already turned into blanks). */
const columns = (line: string): number => [...line].length;

/**
 * The column a terminal or a page cut an output's long lines at: the widest line's width, where two lines or more
 * reach it and go on on the line right under them (a line that starts with no blank and nothing smartctl starts a
 * line with), and more than twice as many as end at any of the eight columns short of it; undefined for an output whose lines are whole or
 * were wrapped at words.
 */
function cutMargin(lines: readonly TextLine[]): number | undefined {
  const widths = lines.map((l) => columns(l.text.trimEnd()));
  const widest = Math.max(0, ...widths);
  if (widest < 40) return undefined;
  const goOn = lines.map((l, i) => lines[i + 1]?.no === l.no + 1 && cutRest(lines[i + 1]!.text));
  const cut = lines.filter((_, i) => widths[i] === widest && goOn[i]).length;
  // A page or a mail client that wrapped at words ends the lines it broke anywhere short of the margin; a cut ends
  // them all at it: far more lines end at the margin than at any column a little short of it.
  const short = Math.max(0, ...[1, 2, 3, 4, 5, 6, 7, 8].map((d) => widths.filter((w) => w === widest - d).length));
  return cut >= 2 && widths.filter((w) => w === widest).length > 2 * short ? widest : undefined;
}

/** A line that can be the rest of a line cut above it: no blank before it, and no line of smartctl's own start. */
function cutRest(text: string): boolean {
  const t = text.trim();
  return t !== '' && !/^\s/.test(text) && !SECTION.test(t) && !BANNER.test(t) && !ROW_OPENING.test(t) && !ATTRIBUTES_TITLE.test(t) && !ATTRIBUTE_HEADER.test(t) && !/^SMART (?:overall-health|Health Status)/.test(t) && !isInformationLine(t);
}

/**
 * An output a terminal or a page cut at one column (`Device Model:     KINGSTON SUV4` then `00S37240G`, `  1
 * Raw_Read_Err` then `or_Rate …`): each line that reaches that column glued back to its rest right under it, the
 * rest's number left out as noise. A rest that starts with a blank (the cut fell before one) is left to the readers
 * of wrapped values and rows.
 */
function uncut(lines: readonly TextLine[], noise: ReadonlySet<number>): { lines: readonly TextLine[]; noise: ReadonlySet<number> } {
  const margin = cutMargin(lines);
  if (margin === undefined) return { lines, noise };
  const out: TextLine[] = [];
  const gone = new Set(noise);
  let last: TextLine | undefined;
  for (const l of lines) {
    if (last && out.length && last.no === l.no - 1 && columns(last.text.trimEnd()) === margin && cutRest(l.text)) {
      out[out.length - 1] = { ...out.at(-1)!, text: `${out.at(-1)!.text.trimEnd()}${l.text}` };
      gone.add(l.no);
    } else out.push(l);
    last = l;
  }
  return { lines: out, noise: gone };
}
const normalized = (v: string): number | undefined => (v === '---' ? undefined : Number(v));

/** A line of the attribute table, long or brief form; undefined for any other line. */
export function attributeRow(line: string): SmartAttribute | undefined {
  const long = ATTRIBUTE_ROW.exec(line);
  if (long) {
    const [, id, name, flags, value, worst, thresh, type, updated, when, raw] = long as unknown as string[];
    return row(Number(id), name!, value!, worst!, thresh!, type as SmartAttribute['type'], updated as SmartAttribute['updated'], when as SmartAttribute['whenFailed'], raw!, Number.parseInt(flags!, 16));
  }
  const brief = BRIEF_ATTRIBUTE_ROW.exec(line);
  if (!brief) return undefined;
  const [, id, name, p, o, value, worst, thresh, fail, raw] = brief as unknown as string[];
  const when = fail === 'NOW' ? 'FAILING_NOW' : fail === 'Past' ? 'In_the_past' : '-';
  return row(Number(id), name!, value!, worst!, thresh!, p === 'P' ? 'Pre-fail' : 'Old_age', o === 'O' ? 'Always' : 'Offline', when, raw!);
}

function row(id: number, name: string, value: string, worst: string, thresh: string, type: SmartAttribute['type'], updated: SmartAttribute['updated'], whenFailed: SmartAttribute['whenFailed'], raw: string, flags?: number): SmartAttribute {
  const a: SmartAttribute = { id, name, whenFailed, raw: raw.trim() };
  if (flags !== undefined) a.flags = flags;
  const [v, w, t] = [normalized(value), normalized(worst), normalized(thresh)];
  if (v !== undefined) a.value = v;
  if (w !== undefined) a.worst = w;
  if (t !== undefined) a.thresh = t;
  if (type) a.type = type;
  if (updated) a.updated = updated;
  return a;
}

/** A section heading; a Markdown code span a person opened or closed on it (`` `=== START OF … === ``, glued) is no part of it. */
const SECTION = /^`*=== START OF (.*?) SECTION ===`*$/;
/** The first lines of smartctl -A's attribute table (ataprint.cpp). */
const ATTRIBUTES_TITLE = /^(?:SMART Attributes Data Structure revision number:|Vendor Specific SMART Attributes with Thresholds:$)/;
/** The heading of the NVMe SMART/Health log smartctl -A prints (`SMART/Health Information (NVMe Log 0x02)`, `…, NSID 0xffffffff)`). */
const NVME_HEALTH_LOG = /^SMART\/Health Information \(NVMe Log 0x02\b/;
/** A line of the NVMe SMART/Health log smartctl -A prints. */
const NVME_HEALTH_FIELD = /^(?:Critical Warning|Temperature|Available Spare(?: Threshold)?|Percentage Used|Data Units (?:Read|Written)|Host (?:Read|Write) Commands|Controller Busy Time|Power Cycles|Power On Hours|Unsafe Shutdowns|Media and Data Integrity Errors|Error Information Log Entries|(?:Warning|Critical) +Comp\. Temperature Time|Temperature Sensor \d+):/;
/** A person's sentence: a capital, words with single spaces, no field's colon, a full stop, question or exclamation mark. */
const SENTENCE = /^[A-Z][^:\t=|]*? [^:\t=|]*[.?!]$/;
/**
 * smartmontools 5.0 to 5.40 print a SCSI drive's INQUIRY strings on one line: `Device: SEAGATE  ST3146855LC      Version: 0003`,
 * the vendor padded to 8 characters and the product to 16.
 */
const ONE_LINE_SCSI_DEVICE = /^Device: (.*?)\s+Version:\s*(.*)$/;
/** The first line of an information block printed without its heading (smartmontools 5.x, SCSI devices). */
const IMPLICIT_INFORMATION = /^(?:(?:Vendor|Product|Device Model|Model Number|Model Family):\s|Device: \S.*\sVersion:)/;
/** SCSI statements smartctl prints without a colon in the information block (smartmontools 5.x and 6.x). */
const SCSI_STATEMENT = /^(?:Device supports SMART and is (?:Enabled|Disabled)|Device does not support SMART|Temperature Warning (?:Enabled|Disabled or Not ?Supported))$/;
/**
 * smartctl's banner: `smartctl 7.4 …` and `Copyright (C) …`, a development build's `smartctl pre-8.0-583-modified …`,
 * or smartmontools 5.x's `smartctl version 5.38 …` and `Home page is …`; a Markdown code span a person opened on it
 * (`` `smartctl 6.6 … ``, glued) is no part of it.
 */
const BANNER = /^`*(?:smartctl (?:version |pre-)?\d+\.\d+|Copyright \(C\)|Home page is https?:\/\/smartmontools\.)/;
/** The Windows build's command line pasted above its output without a prompt (`smartctl.exe -x /dev/sdd`). */
const WINDOWS_COMMAND = /^(?:\S*[\\/])?smartctl\.exe(?:\s+\S+)+$/i;
/** A line of `smartctl --scan` (`/dev/sda -d sat # /dev/sda [SAT], ATA device`): smartctl's list of devices, run before the output. */
const SCAN_LINE = /^\S+ -d [\w,+]+ # \S+.*, [\w/ -]+ device$/;
/**
 * smartctl's own diagnostics when an SCT command misbehaves (lib/atacmds.cpp), printed among the information
 * lines: known lines that state no fact of the device.
 */
const SCT_DIAGNOSTIC = /^(?:Unexpected SCT status 0x[0-9a-f]+ \(action_code=\d+, function_code=\d+\)|Another SCT command is executing, abort [A-Za-z ]+|\(SCT ext_status_code 0x[0-9a-f]+, action_code=\d+, function_code=\d+\)|Unknown SCT Status format version \d+, should be \d+ or \d+\.)$/i;

/**
 * smartctl's words on SMART switched on or off (ataprint.cpp), printed under the information lines where -a meets a
 * drive whose SMART is disabled, or in the ENABLE/DISABLE COMMANDS section: `SMART Disabled. Use option -s with argument
 * 'on' to enable it.`, `(override with '-T permissive' option)`, `SMART Enabled.`, `SMART Attribute Autosave Enabled.`.
 */
const SMART_SWITCH = /^(?:SMART (?:Enabled\.|Disabled\.(?: Use option -s with argument 'on' to enable it\.)?)|\(override with '-T permissive' option\)|SMART (?:Attribute Autosave|Automatic Offline Testing) (?:Enabled|Disabled)\.)$/;
/** `1,200,243,695,616`, `500.107.862.016`, `960 197 124 096` (the locale's separator) → a number. */
function bytes(v: string | undefined): number | undefined {
  // smartctl 5.x printed the bytes alone (`80,026,361,856 bytes`); later releases add the size in brackets (`[80.0 GB]`).
  const m = /^(\d[\d,. \u00a0']*?)(?:\s+bytes\s*(?:\[|$)|\s*\[)/.exec(v ?? '');
  if (!m) return undefined;
  const n = Number(m[1]!.replace(/[,. \u00a0']/g, ''));
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A name of 64 or 128 bits as printed (`5 000c50 0a1b2c3d4`, `0x5000cca2556d2514`); a mask, an elision or a placeholder names no drive. */
export function worldWideName(v: string | undefined): string | undefined {
  const hex = v?.trim().replace(/^0x/i, '').replace(/\s+/g, '').toLowerCase();
  return hex && /^(?:[0-9a-f]{16}|[0-9a-f]{32})$/.test(hex) && !placeholderWwn(hex) ? hex : undefined;
}

/** `0x14a4` → 0x14a4; anything else → undefined. */
const hexId = (v: string | undefined): number | undefined => (v !== undefined && /^0x[0-9a-f]{1,4}$/i.test(v) ? Number.parseInt(v, 16) : undefined);

function protocolOf(f: Record<string, string>): SmartctlInfo['protocol'] {
  if (f['Model Number'] !== undefined || f['NVMe Version'] !== undefined || Object.keys(f).some((k) => k.startsWith('Firmware Updates'))) return 'NVMe';
  if (f['Device Model'] !== undefined || f['ATA Version is'] !== undefined || f['SATA Version is'] !== undefined) return 'ATA';
  if (f['Transport protocol'] !== undefined || f.Product !== undefined || f.Vendor !== undefined) return 'SCSI';
  return undefined;
}

/** The vendor, product and revision of smartmontools 5.0-5.40's `Device: … Version: …` line, by position where its padding is kept. */
function oneLineScsiDevice(line: string): Record<string, string> {
  const [, body, revision] = ONE_LINE_SCSI_DEVICE.exec(line)!;
  const padded = body!.length > 9 && body![8] === ' ' && !/\s/.test(body!.slice(0, 8).trim());
  const [vendor, product] = padded ? [body!.slice(0, 8), body!.slice(9)] : [body!.replace(/\s.*$/, ''), body!.replace(/^\S+/, '')];
  return { Vendor: vendor.trim(), Product: product.trim(), Revision: revision!.trim() };
}

/** SCSI logical-unit provisioning, printed without a colon (`LU is fully provisioned`, `LU is thin provisioned, LBPRZ=0`). */
const PROVISIONING = /^(?:LU is \w+ provisioned|LU provisioning type|Logical block provisioning)\b/;
/** SCSI protection information, printed without a colon (`Formatted with type 1 protection`, `8 bytes of protection information per logical block`). */
const PROTECTION = /^(?:Formatted with type \d+ protection|\d+ bytes of protection information per logical block|\d+ protection information intervals per logical block)$/;

const POWER_ROW = /^(\d+)\s+([+-])\s+([\d.]+)W\s+\S+\s+\S+\s+(?:\d+\s+){4}(\d+)\s+(\d+)\s*$/;

/** smartctl text output: the information section is read line by line; later sections only for the health line. */
export function parseSmartctlText(text: string): SmartctlInfo {
  const clean = cleanText(text);
  const info = readLines(clean.lines, new Set(clean.noise.map((n) => n.no)));
  for (const l of info.around ?? []) clean.noise.push({ ...l, kind: 'prose' });
  return info;
}

/** The first line of smartctl's banner, where an output starts. */
const BANNER_START = /^`*smartctl (?:version |pre-)?\d+\.\d+/;

/**
 * Every smartctl text output of a paste, each read as it would be alone: several drives' outputs pasted one after the
 * other (a `---` or a blank line between, no command line) start again at smartctl's banner, or at a second information
 * section, once the output before has read a section. A rule a person put between two outputs is no line of either.
 * A text of one output gives one. `issues` are the lines of every output that were not read, in order.
 */
export function parseSmartctlOutputs(text: string): { outputs: SmartctlInfo[]; issues: LineIssue[] } {
  const outputs = readOutputs(text);
  return { outputs, issues: outputs.flatMap((o) => o.issues).sort((a, b) => a.line - b.line) };
}

function readOutputs(text: string): SmartctlInfo[] {
  const clean = cleanText(text);
  const noise = new Set(clean.noise.map((n) => n.no));
  const pieces: TextLine[][] = [[]];
  let read = false;
  let information = false;
  for (const l of clean.lines) {
    const line = l.text.trim();
    const sec = SECTION.exec(line)?.[1];
    if (read && (BANNER_START.test(line) || (sec === 'INFORMATION' && information))) {
      const piece = pieces.at(-1)!;
      while (piece.length && isOutputRule(piece.at(-1)!.text)) piece.pop();
      pieces.push([]);
      read = false;
      information = false;
    }
    read ||= sec !== undefined || IMPLICIT_INFORMATION.test(line);
    information ||= sec === 'INFORMATION';
    pieces.at(-1)!.push(l);
  }
  const aside = (infos: SmartctlInfo[]): SmartctlInfo[] => {
    for (const l of infos.flatMap((i) => i.around ?? [])) clean.noise.push({ ...l, kind: 'prose' });
    return infos;
  };
  if (pieces.length === 1) return aside([readLines(pieces[0]!, noise)]);
  // A piece that reads as no drive's (smartctl's error for one device) is an issue of the output before it, or after it.
  const results = pieces.map((p) => {
    try {
      const command = p.find((l) => l.command !== undefined)?.command;
      return { ...readLines(p, noise), ...(command !== undefined ? { command } : {}) };
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      return { line: p[0]!.no, text: p[0]!.text.trim(), message: `an output that gives no drive (${e.message})` } satisfies LineIssue;
    }
  });
  const infos = results.filter((r): r is SmartctlInfo => 'fields' in r);
  if (!infos.length) return aside([readLines(pieces[0]!, noise)]);
  results.forEach((r, i) => {
    if ('fields' in r) return;
    const owner = (results.slice(0, i).reverse().find((x) => 'fields' in x) ?? infos[0]!) as SmartctlInfo;
    owner.issues.push(r);
    owner.issues.sort((a, b) => a.line - b.line);
  });
  return aside(infos);
}

function readLines(given: readonly TextLine[], givenNoise: ReadonlySet<number>): SmartctlInfo {
  const { lines, noise } = uncut(given, givenNoise);
  /**
   * The widest line's width as given: a page or a mail client that wrapped the output wrapped it there, a terminal that
   * cut it cut it there. A line indented half its
   * width or more (smartctl's continued capability lines) is left out: no client breaks a line inside its indentation.
   */
  const textMargin = Math.max(0, ...given.filter((l) => indentOf(l) * 2 < columns(l.text.trimEnd())).map((l) => columns(l.text.trimEnd())));
  const fields: Record<string, string> = {};
  const issues: LineIssue[] = [];
  const powerStates: SmartctlInfo['powerStates'] = [];
  let health: string | undefined;
  const nvmeHealth: NvmeHealth = {};
  let section: string | undefined;
  let table: 'power' | 'other' | undefined;
  let seenBanner = false;
  let warning: string[] | undefined;
  let warningLine = -1;
  /** smartctl's first line after its banner outside any section (`Device is in STANDBY mode, exit(2)`). */
  let said: string | undefined;
  let bannerEnded = false;
  /** The SMART data smartctl -A prints with no information section: an ATA attribute table, or an NVMe SMART/Health log. */
  let dataOf: SmartctlInfo['protocol'];
  const attributes = new Map<number, SmartAttribute>();
  /** The start of a wrapped health line, waiting for its rest. */
  let healthStart: { no: number; text: string } | undefined;
  /** A row's start, or a row whose raw value's bracket is open, waiting for the next line (wrappedAttributeRow). */
  let wrappedRow: string | undefined;
  /** The information field read last, and the line it ends on: a bracket its value leaves open may close on the next line. */
  let openField: { key: string; no: number; raw: string } | undefined;
  /**
   * The output came through a filter (the command line typed above it pipes smartctl to grep, head, …): an excerpt,
   * smartctl's lines as far as the filter kept them, its banner and headings gone (collector/output-filter.ts).
   */
  // Or a person's words above it name that command line (`Output of smartctl -a /dev/sda | grep -i firmware:`).
  const words = lines.find((l) => l.text.trim() !== '');
  const named = words && /:\s*$/.test(words.text) ? namedCommandLine(words.text) : undefined;
  const typed = lines.find((l) => l.command !== undefined && /\bsmartctl\b/.test(l.command))?.command ?? (named !== undefined && /\bsmartctl\b/.test(named) ? named : undefined);
  const excerpt = typed !== undefined && outputFilter(typed) !== undefined;
  /** Sentences under the information section's closing blank line, and the last line read as smartctl's before them. */
  const sentences: TextLine[] = [];
  let blankAfterFields = false;
  let lastRead = 0;
  // A gap in the line numbers is a blank line unless every line in it is noise (an elision, a prompt) left out.
  let previous = (lines[0]?.no ?? 1) - 1;
  // SMART data pasted alone, without banner or section heading: its attribute table's heading tells it (an ATA drive's),
  // and the lines from its health verdict or the table's title on are that data.
  const tableAlone = !lines.some((l) => BANNER.test(l.text.trim()) || SECTION.test(l.text.trim())) && lines.some((l) => ATTRIBUTE_HEADER.test(l.text.trim()));
  for (const [index, { no, text: raw }] of lines.entries()) {
    // The health line a page or a mail client wrapped (`SMART overall-health self-assessment test result:` then
    // `PASSED`): its start waits for the line right under it.
    const line = healthStart !== undefined && healthStart.no === no - 1 ? `${healthStart.text} ${raw.trim()}` : raw.trim();
    healthStart = HEALTH_START.test(line) ? { no, text: line } : undefined;
    if (healthStart) {
      previous = no;
      continue;
    }
    let afterBlank = false;
    for (let n = previous + 1; n < no && !afterBlank; n++) afterBlank = !noise.has(n);
    const above = previous;
    previous = no;
    const readBefore = lastRead;
    lastRead = no;
    blankAfterFields ||= afterBlank && section === 'INFORMATION';
    const sec = SECTION.exec(line);
    if (sec) {
      section = sec[1];
      table = undefined;
      continue;
    }
    if (section === undefined && tableAlone && (ATTRIBUTES_TITLE.test(line) || ATTRIBUTE_HEADER.test(line) || /^SMART overall-health self-assessment test result:/.test(line))) section = 'READ SMART DATA (no heading)';
    // smartmontools 5.x prints a SCSI device's information without the section heading: the block that starts with
    // its Vendor/Product line after the banner is read as the information section, up to the next blank line.
    // A person's grep of the output (`smartctl -a /dev/nvme0n1 | grep -E 'Model|Capacity'`) keeps the lines with no banner.
    if (section === undefined && (seenBanner || excerpt) && IMPLICIT_INFORMATION.test(line)) section = 'INFORMATION (no heading)';
    // Any information line an excerpt kept (`Firmware Version:` alone) is one, wherever the filter put it.
    else if (excerpt && !seenBanner && !headed(section) && isInformationLine(line)) section = 'INFORMATION (no heading)';
    else if (section === 'INFORMATION (no heading)' && afterBlank) section = 'after the information';
    if (BANNER.test(line)) {
      seenBanner = true;
      // What smartctl says of the device follows its whole banner; below a version line cut short, a person's words.
      bannerEnded ||= !line.startsWith('smartctl ');
      continue;
    }
    const h = /^SMART (?:overall-health self-assessment test result|Health Status):\s*(.+)$/.exec(line);
    // smartctl prints a failed verdict as `FAILED!`; its JSON form says `passed: false`, stored as FAILED.
    if (h) health = h[1]!.trim().replace(/!+$/, '');
    // The health line follows the information smartmontools 5.x prints without a heading: what comes after is SMART data.
    if (h && section === 'INFORMATION (no heading)') {
      section = 'after the information';
      continue;
    }
    if (section !== 'INFORMATION' && NVME_HEALTH_LOG.test(line)) dataOf ??= 'NVMe';
    if (section !== 'INFORMATION' && (ATTRIBUTES_TITLE.test(line) || ATTRIBUTE_HEADER.test(line))) dataOf ??= 'ATA';
    if (section !== 'INFORMATION') readNvmeHealthLine(line, nvmeHealth);
    // The attribute table's rows, under its heading or kept alone by a filter (`| grep -i temp`): only ATA drives have one.
    const inData = section !== 'INFORMATION' && (seenBanner || tableAlone || excerpt || headed(section));
    const unwrapped = wrappedRow !== undefined ? wrappedAttributeRow(wrappedRow, line) : undefined;
    // A row a narrow page wrapped in three: the two lines joined, still a row's start, wait for the third.
    const longer = wrappedRow !== undefined && !unwrapped && line !== '' && !ROW_OPENING.test(line) && rowStart(`${wrappedRow} ${line}`) ? `${wrappedRow} ${line}` : undefined;
    const single = inData && !unwrapped && !longer ? attributeRow(line) : undefined;
    wrappedRow = longer ?? (inData && !unwrapped && (single !== undefined || rowStart(line)) ? line : undefined);
    if (longer) continue;
    const attribute = unwrapped ?? single;
    if (attribute) {
      attributes.delete(attribute.id);
      attributes.set(attribute.id, attribute);
      dataOf ??= 'ATA';
      continue;
    }
    // The attribute table printed right after the information, without its READ SMART DATA heading, ends the information.
    if (section === 'INFORMATION' && ATTRIBUTES_TITLE.test(line)) section = 'SMART ATTRIBUTES (no heading)';
    if (section === undefined && !seenBanner && SCAN_LINE.test(line)) continue;
    if (section !== 'INFORMATION' && section !== 'INFORMATION (no heading)') {
      // A caption naming the device alone above the banner (a web page's, a report's) says nothing the output does not.
      // The person's words naming the command above the output are theirs, set aside as the text around it.
      if (named !== undefined && no === words!.no) continue;
      // An excerpt's lines of sections not read (`Current Temperature:` of SCT status) are left as a whole output's are.
      if (section === undefined && !seenBanner && !excerpt && line !== '' && !/^\/dev\/[\w\/.:-]+$/.test(line) && !WINDOWS_COMMAND.test(line)) issues.push({ line: no, text: raw, message: 'before the smartctl output' });
      else if (section === undefined && (bannerEnded || !seenBanner)) said ??= line;
      continue;
    }
    const w = /^==> WARNING:\s*(.*)$/.exec(line);
    if (w) {
      warning = [...(warning ?? []), w[1]!];
      warningLine = no;
      continue;
    }
    // The warning's further lines (where to look for the update) run to the next blank line.
    if (no === warningLine + 1 && !/^[A-Za-z][^:]*:\s/.test(line)) {
      warning!.push(line);
      warningLine = no;
      continue;
    }
    if (SCT_DIAGNOSTIC.test(line) || SMART_SWITCH.test(line)) continue;
    if (PROVISIONING.test(line)) fields['LU provisioning'] = line;
    else if (PROTECTION.test(line)) fields[`Protection ${line.startsWith('Formatted') ? 'type' : line.includes('intervals') ? 'intervals' : 'bytes'}`] = line;
    else if (SCSI_STATEMENT.test(line)) fields[line.startsWith('Temperature') ? 'Temperature Warning' : 'SMART support'] = line;
    else if (ONE_LINE_SCSI_DEVICE.test(line)) Object.assign(fields, oneLineScsiDevice(line));
    else if (line === 'Supported Power States') table = 'power';
    else if (/^Supported LBA Sizes/.test(line)) table = 'other';
    else if (table === 'power' && /^St Op\s/.test(line)) continue;
    else if (table === 'power' && POWER_ROW.test(line)) {
      const m = POWER_ROW.exec(line)!;
      powerStates.push({ state: Number(m[1]), nonOperational: m[2] === '-', maxPowerW: Number(m[3]), entryLatencyUs: Number(m[4]), exitLatencyUs: Number(m[5]) });
    } else if (table === 'other') continue;
    else {
      // The rest of a value a page or a mail client wrapped (`Device is: Not in smartctl database [for details use: -P`
      // then `showall]`): the line right under a value whose bracket is open, that closes it; or under a closed value a
      // line that is one bracketed group (`3,000,592,982,016 bytes` then `[3.00 TB]`). Right under: a person's words
      // between them (`Regards,` then `Jane` below the output) part them.
      const open = openField !== undefined && openField.no === above && !afterBlank ? fields[openField.key]! : undefined;
      const flagList = open !== undefined && FLAG_LIST_KEY.test(openField!.key) && flagRest(line) && FLAG_NAMES.test(open);
      if (open !== undefined && line !== '' && (flagList || (closed(open) ? BRACKETED.test(line) : closed(`${open} ${line}`) && /[)\]]/.test(line)))) {
        fields[openField!.key] = `${open} ${line}`;
        openField!.no = no;
        openField!.raw = raw;
        continue;
      }
      // A value a page or a mail client wrapped at a word, no bracket open (`Device Model:     Samsung SSD 850` then
      // `EVO 500GB`): a few words right under it, no field of their own and no question, where the line above ends at
      // the margin (a mail client's, or the text's own: its first word would not have fitted), or, words of a value,
      // with a field smartctl prints right under them.
      if (open !== undefined && line !== '' && closed(open) && wrappedRest(line)) {
        const below = lines[index + 1];
        const atMargin = columns(openField!.raw.trimEnd()) + 1 + (line.split(/\s+/)[0]?.length ?? 0) > textMargin;
        // A plain word at the output's end (`Thanks`, `Regards`), nothing of smartctl's under it, is a person's.
        const continues = below?.no === no + 1 && below.text.trim() !== '';
        if (((couldWrapBefore(openField!.raw, raw) || atMargin) && (continues || valueWords(line))) || (below?.no === no + 1 && isInformationLine(below.text.trim()) && valueWords(line))) {
          fields[openField!.key] = `${open} ${line}`;
          openField!.no = no;
          openField!.raw = raw;
          continue;
        }
      }
      const kv = /^([A-Za-z][^:]*?):\s*(.*)$/.exec(line);
      if (!kv) {
        const words = SENTENCE.test(line) || isOutputRule(line);
        if ((blankAfterFields && words) || (sentences.length && (words || /^[A-Z][a-z]+[.!?,]?$/.test(line)))) {
          sentences.push({ no, text: raw });
          lastRead = readBefore;
        } else issues.push({ line: no, text: raw, message: 'not a "key: value" line of the information section' });
        continue;
      }
      blankAfterFields = false;
      const [, key, value] = kv as unknown as [string, string, string];
      // The SMART/Health log's lines a grep kept with the information's.
      if (!seenBanner && excerpt && NVME_HEALTH_FIELD.test(line)) continue;
      if (!smartctlKey(key)) {
        issues.push({ line: no, text: raw, message: 'a key smartctl does not print in its information section' });
        continue;
      }
      // `SMART support is:` comes twice (available, then enabled); keep both.
      const name = key in fields ? `${key} (2)` : key;
      fields[name] = value.trim();
      openField = { key: name, no, raw };
    }
  }
  // `smartctl -A` (or -l …) prints the drive's SMART data alone: the drive's protocol, no model, serial or firmware.
  // Sentences a smartctl line follows were inside the output: unread lines of it.
  for (const l of sentences.filter((x) => x.no < lastRead)) issues.push({ line: l.no, text: l.text, message: 'not a "key: value" line of the information section' });
  issues.sort((a, b) => a.line - b.line);
  const around = [...(named !== undefined ? [words!] : []), ...sentences.filter((x) => x.no > lastRead)];
  const readAny = Object.keys(fields).length > 0 || health !== undefined;
  // An excerpt's drive is the one its command names: an NVMe node is an NVMe drive's; another node tells no protocol.
  // Attribute rows are an ATA drive's, wherever they were read.
  const protocol = protocolOf(fields) ?? (seenBanner || tableAlone || attributes.size ? dataOf : undefined) ?? (excerpt && readAny ? nodeProtocol(typed) : undefined);
  // An excerpt whose filter kept nothing this reads (`smartctl -a /dev/sda | grep -i temp` of SCT status lines) is
  // stored as it is, nothing derived from it; only an output that is no smartctl output is refused.
  if (!protocol && health === undefined && !excerpt) {
    // smartctl ran but read nothing from the device (asleep under -n standby, an open that failed): its own words say why.
    if (seenBanner && said !== undefined) throw new ParseError('smartctl-text', `smartctl printed no device information: "${said}"`);
    throw new ParseError('smartctl-text', 'no information section and no health line; not smartctl output');
  }
  const support = [fields['SMART support is'], fields['SMART support is (2)']].filter((v): v is string => v !== undefined);
  const frmwKey = Object.keys(fields).find((k) => k.startsWith('Firmware Updates'));
  const frmw = frmwKey ? /\((0x[0-9a-f]+)\)/i.exec(frmwKey)?.[1] : undefined;
  // Of vendor ATA the product (`ST8000AS0022-1WL`), not vendor and product joined (`ATA ST8000AS0022-1WL`).
  const sat = fields['Device Model'] === undefined && fields['Model Number'] === undefined ? satProduct(fields.Vendor, fields.Product) : undefined;
  const model = fields['Device Model'] ?? fields['Model Number'] ?? sat ?? inquiryModel(fields.Vendor, fields.Product);
  return {
    protocol,
    model,
    ...(sat !== undefined ? { satModel: true as const } : {}),
    family: fields['Model Family'],
    serial: fields['Serial Number'] ?? fields['Serial number'],
    firmware: fields['Firmware Version'] ?? fields.Revision,
    ...(fields['Firmware Version'] === undefined && fields.Revision !== undefined && fields.Vendor !== undefined ? { inquiryVendor: fields.Vendor } : {}),
    // A thin-provisioned namespace's size and capacity are printed apart (`Namespace 1 Capacity:`): its capacity, as -j's user_capacity.
    capacityBytes: bytes(fields['User Capacity'] ?? fields['Total NVM Capacity'] ?? fields['Namespace 1 Size/Capacity'] ?? fields['Namespace 1 Capacity']),
    sataVersion: fields['SATA Version is'],
    ataVersion: fields['ATA Version is'],
    nvmeVersion: fields['NVMe Version'],
    ...(support.length ? { smartAvailable: support.some((s) => /^Available/.test(s)), smartEnabled: support.some((s) => /^Enabled/.test(s)) } : {}),
    health,
    ...(protocol === 'NVMe' && Object.keys(nvmeHealth).length ? { nvmeHealth } : {}),
    ...(warning ? { warning: warning.join(' ') } : {}),
    frmw: frmw === undefined ? undefined : Number.parseInt(frmw, 16),
    ...(protocol === 'NVMe' ? nvmeIdentifyOf(textNvmeIdentify(fields)) : {}),
    pciVendorId: hexId(fields['PCI Vendor ID'] ?? fields['PCI Vendor/Subsystem ID']),
    wwn: worldWideName(fields['LU WWN Device Id'] ?? fields['Logical Unit id'] ?? fields['Namespace 1 IEEE EUI-64']),
    powerStates,
    ...(attributes.size ? { attributes: [...attributes.values()] } : {}),
    ...(excerpt ? { excerpt: true as const } : {}),
    fields,
    issues,
    ...(around.length ? { around } : {}),
  };
}

/**
 * Whether a line can be the rest of a wrapped information value: a few words, brackets closed, no `Key:` of its own,
 * no question or exclamation (`EVO 500GB`, `revision 6`, `database [for details use: -P showall]`; not `Why is it
 * slow?`, not `Note: new drive`).
 */
function wrappedRest(line: string): boolean {
  const balanced = (line.match(/\(/g)?.length ?? 0) === (line.match(/\)/g)?.length ?? 0) && (line.match(/\[/g)?.length ?? 0) === (line.match(/\]/g)?.length ?? 0);
  const key = /^([A-Za-z][^:]*?):(?:\s|$)/.exec(line)?.[1];
  return line.split(/\s+/).length <= 6 && balanced && !/[<>#=|]/.test(line) && (key === undefined || (!smartctlKey(key) && /[[(]/.test(key))) && !/[?!]$/.test(line) && !isOutputRule(line) && !smartctlKeyStart(line);
}

/**
 * Whether a line under a value, with a field smartctl prints right under it, reads as the value's rest rather than a
 * person's words: no sentence, and a word of a model's, a version's or a time's (a digit, two capitals, a bracket:
 * `EVO 500GB`, `revision 4c`, `2016 CEST`, `SMART capability.`; not `wrapped words here`, not `Optional Admin`).
 */
function valueWords(line: string): boolean {
  return !SENTENCE.test(line) && line.split(/\s+/).some((w) => /\d|[A-Z].*[A-Z]|[[(]/.test(w));
}

/** Whether a line is a `Key: value` line smartctl prints in its information section. */
function isInformationLine(line: string): boolean {
  const kv = /^([A-Za-z][^:]*?):\s/.exec(line);
  return kv !== null && smartctlKey(kv[1]!) && !NVME_HEALTH_FIELD.test(line);
}

/** A section smartctl printed with its heading: an excerpt's lines under it are read as that section's. */
const headed = (section: string | undefined): boolean => section !== undefined && section !== 'after the information';

/** The protocol the device node of a typed smartctl command tells (`smartctl -a /dev/nvme0 | grep …`): NVMe of an nvme node. */
function nodeProtocol(command: string): SmartctlInfo['protocol'] {
  const node = [...command.split('|')[0]!.matchAll(/(?:^|\s)\/dev\/(\S+)/g)].at(-1)?.[1];
  return node !== undefined && /^nvme\d+(?:n\d+)?$/.test(node) ? 'NVMe' : undefined;
}

const nvmeIdentifyOf = (id: NvmeIdentify): { nvmeIdentify?: NvmeIdentify } => (Object.keys(id).length ? { nvmeIdentify: id } : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

const hexOf = (v: unknown, digits: number): string | undefined =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v < 16 ** digits ? v.toString(16).padStart(digits, '0') : undefined;

/** -j's `wwn` {naa, oui, id} (ATA), `logical_unit_id` (SCSI) or the first namespace's `eui64` {oui, ext_id} (NVMe). */
function jsonWwn(doc: Record<string, unknown>): string | undefined {
  const w = obj(doc.wwn);
  const ata = [hexOf(w.naa, 1), hexOf(w.oui, 6), hexOf(w.id, 9)];
  // A fake or redacted drive's id is typed in decimal (`"id": 1234567890`): a placeholder however it reads in hex.
  if (ata.every(Boolean)) return placeholderWwn(String(w.id)) ? undefined : worldWideName(ata.join(''));
  if (typeof doc.logical_unit_id === 'string') return worldWideName(doc.logical_unit_id);
  const ns = Array.isArray(doc.nvme_namespaces) ? obj(doc.nvme_namespaces[0]) : {};
  const eui = obj(ns.eui64);
  const parts = [hexOf(eui.oui, 6), hexOf(eui.ext_id, 10)];
  return parts.every(Boolean) ? worldWideName(parts.join('')) : undefined;
}

/** A SCSI drive's exception as the text line prints it (`… [asc=5d, ascq=ff]`), so a test-mode one or a warning is told apart. */
function scsiException(s: Record<string, unknown>): string | undefined {
  const { asc, ascq } = s;
  const what = str(s.ie_string);
  if (what === undefined || typeof asc !== 'number' || typeof ascq !== 'number') return undefined;
  return `${what} [asc=${asc.toString(16)}, ascq=${ascq.toString(16)}]`;
}

/** A descriptor's power as 7.5's -j gives it (`{value, scale, units_per_watt}`): watts, as the text's `8.00W`. */
function jsonWatts(p: unknown): number | undefined {
  const { value, scale } = obj(p);
  const per = scale === 1 ? 10000 : scale === 2 ? 100 : undefined;
  return typeof value === 'number' && Number.isSafeInteger(value) && per !== undefined ? value / per : undefined;
}

/** smartctl 7.5's -j `nvme_power_states` (the text's `Supported Power States` rows); a descriptor missing a member is left out. */
function jsonPowerStates(v: unknown): SmartctlInfo['powerStates'] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((raw, state) => {
    const p = obj(raw);
    const maxPowerW = jsonWatts(p.max_power);
    const { entry_latency_us: enlat, exit_latency_us: exlat, non_operational_state: nonOp } = p;
    if (maxPowerW === undefined || typeof enlat !== 'number' || typeof exlat !== 'number' || typeof nonOp !== 'boolean') return [];
    return [{ state, maxPowerW, nonOperational: nonOp, entryLatencyUs: enlat, exitLatencyUs: exlat }];
  });
}

/** -j's `ata_smart_attributes.table`: the rows the text's attribute table prints; a row missing its id, name or raw value is left out. */
function jsonAttributes(v: unknown): { attributes?: SmartAttribute[] } {
  if (!Array.isArray(v)) return {};
  const byte = (n: unknown): string => (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 255 ? String(n) : '---');
  const rows = v.flatMap((raw) => {
    const a = obj(raw);
    const flags = obj(a.flags);
    const rawValue = str(obj(a.raw).string) ?? (typeof obj(a.raw).value === 'number' ? String(obj(a.raw).value) : undefined);
    const name = str(a.name);
    if (typeof a.id !== 'number' || !Number.isInteger(a.id) || name === undefined || rawValue === undefined) return [];
    const when = a.when_failed === 'now' ? 'FAILING_NOW' : a.when_failed === 'past' ? 'In_the_past' : '-';
    const type = typeof flags.prefailure === 'boolean' ? (flags.prefailure ? 'Pre-fail' : 'Old_age') : undefined;
    const updated = typeof flags.updated_online === 'boolean' ? (flags.updated_online ? 'Always' : 'Offline') : undefined;
    const bits = typeof flags.value === 'number' && Number.isInteger(flags.value) ? flags.value : undefined;
    return [row(a.id, name, byte(a.value), byte(a.worst), byte(a.thresh), type, updated, when, rawValue, bits)];
  });
  return rows.length ? { attributes: rows } : {};
}

/** smartctl 7.5's -j `nvme_firmware_update_capabilities.value`: the FRMW byte the text prints as `Firmware Updates (0x16)`. */
function jsonFrmw(v: unknown): number | undefined {
  const { value } = obj(v);
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255 ? value : undefined;
}

/** `smartctl -j` output: the same facts from smartctl's JSON members. */
export function parseSmartctlJson(text: string): SmartctlInfo {
  const read = readJsonOutput('smartctl-json', text);
  // A document a filter cut down (`smartctl -j -a /dev/sda | jq .ata_smart_attributes`): an excerpt. A jq path puts
  // the member it picked back where smartctl printed it; any other filter's document is read as far as it goes.
  const typed = cleanText(text).lines.find((l) => l.command !== undefined && /\bsmartctl\b/.test(l.command))?.command;
  const filter = typed === undefined ? undefined : outputFilter(typed);
  const path = filter === undefined ? undefined : /^jq\s+(?:-[ceSM]+\s+)*(['"]?)((?:\.[A-Za-z_][A-Za-z0-9_]*)+|\.)\1$/.exec(filter)?.[2];
  const doc = obj(path === undefined ? read.doc : path.split('.').slice(1).filter(Boolean).reduceRight<unknown>((inner, member) => ({ [member]: inner }), read.doc));
  // A person's elisions are named by the load for every JSON reader (json-document's elidedLines).
  const issues: LineIssue[] = read.cut ? [read.cut] : [];
  // A paste may cut smartctl's header and keep the drive's members: its `device` with the protocol smartctl names and the drive's own members still say whose output it is.
  const drive = typeof obj(doc.device).protocol === 'string' && ['model_name', 'scsi_model_name', 'serial_number', 'firmware_version', 'smart_status'].some((k) => doc[k] !== undefined);
  if (doc.smartctl === undefined && doc.json_format_version === undefined && !drive && filter === undefined) throw new ParseError('smartctl-json', 'no "smartctl" member; not smartctl -j output');
  const proto = str(obj(doc.device).protocol);
  const support = obj(doc.smart_support);
  const status = obj(doc.smart_status);
  const cap = obj(doc.user_capacity).bytes ?? doc.nvme_total_capacity;
  const nvmeHealth = jsonNvmeHealth(obj(doc.nvme_smart_health_information_log));
  const inquiryVendor = str(doc.scsi_vendor) ?? str(doc.vendor);
  const inquiryProduct = str(doc.scsi_product) ?? str(doc.product);
  // Of vendor ATA the product (`ST8000AS0022-1WL`), not the joined model name (`ATA ST8000AS0022-1WL`).
  const sat = proto === 'ATA' ? undefined : satProduct(inquiryVendor, inquiryProduct);
  const attributes = jsonAttributes(obj(doc.ata_smart_attributes).table);
  return {
    // The attribute table is an ATA drive's, the NVMe health log an NVMe drive's, also where a filter left out the device
    // member (`jq .nvme_smart_health_information_log`).
    protocol: proto === 'ATA' || proto === 'NVMe' || proto === 'SCSI' ? proto : attributes.attributes ? 'ATA' : Object.keys(nvmeHealth).length ? 'NVMe' : undefined,
    // smartctl before 7.3 named a SCSI drive's INQUIRY strings vendor, product and revision (scsi_* since,
    // and model_name became scsi_model_name).
    model: spreadAtaModel(inquiryVendor, inquiryProduct) ?? sat ?? str(doc.model_name) ?? str(doc.scsi_model_name) ?? inquiryModel(inquiryVendor, inquiryProduct),
    ...(sat !== undefined ? { satModel: true as const } : {}),
    family: str(doc.model_family),
    serial: str(doc.serial_number),
    firmware: str(doc.firmware_version) ?? str(doc.scsi_revision) ?? str(doc.revision),
    ...(inquiryVendor !== undefined && str(doc.firmware_version) === undefined && (str(doc.scsi_revision) ?? str(doc.revision)) !== undefined ? { inquiryVendor } : {}),
    capacityBytes: typeof cap === 'number' ? cap : undefined,
    sataVersion: str(obj(doc.sata_version).string),
    ataVersion: str(obj(doc.ata_version).string),
    nvmeVersion: str(obj(doc.nvme_version).string),
    ...(typeof support.available === 'boolean' ? { smartAvailable: support.available } : {}),
    ...(typeof support.enabled === 'boolean' ? { smartEnabled: support.enabled } : {}),
    health: typeof status.passed === 'boolean' ? (status.passed ? 'PASSED' : (scsiException(obj(status.scsi)) ?? 'FAILED')) : undefined,
    pciVendorId: typeof obj(doc.nvme_pci_vendor).id === 'number' ? (obj(doc.nvme_pci_vendor).id as number) : undefined,
    ...(Object.keys(nvmeHealth).length ? { nvmeHealth } : {}),
    wwn: jsonWwn(doc),
    frmw: jsonFrmw(doc.nvme_firmware_update_capabilities),
    ...nvmeIdentifyOf(jsonNvmeIdentify(doc)),
    powerStates: jsonPowerStates(doc.nvme_power_states),
    ...attributes,
    ...(filter !== undefined ? { excerpt: true as const } : {}),
    fields: {},
    issues,
  };
}
