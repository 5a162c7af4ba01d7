import { cleanText, looksLikeProse, type LineIssue } from '../../parsers/text-input.js';
import { euiFromParts, euiPart } from './lu-name-text.js';
import { SENSE_REPORT } from './sg-inq.js';

/** What `sg_vpd` printed of one device: the VPD pages read (0x80, 0x83, 0x89) and which pages it printed. */
export interface SgVpd {
  /** Unit serial number (VPD page 0x80) as printed after its label (`Unit serial number:`, newer `Product serial number:`), trimmed. */
  serial?: string;
  /** The addressed logical unit's NAA designator (VPD page 0x83), as sg3_utils prints it: `0x` and hex digits. */
  naa?: string;
  /** The addressed logical unit's EUI-64 designator (page 0x83; 8, 12 or 16 bytes), as sg3_utils prints it: `0x` and hex digits. */
  eui64?: string;
  /** The addressed logical unit's T10 vendor identification designator (page 0x83): its vendor id and vendor specific part. */
  t10?: { vendor: string; specific?: string };
  /** The addressed logical unit's SCSI name string (page 0x83), printed on the line under its label, trimmed. */
  scsiName?: string;
  /** ATA information (VPD page 0x89): the SAT layer's own identity, and the IDENTIFY DEVICE model, serial and firmware it read from the drive. */
  sat?: { vendor?: string; product?: string; revision?: string };
  ata?: { model?: string; serial?: string; firmware?: string };
  /** The headings of the pages printed, lower case (`unit serial number`, `block limits`). */
  pages: string[];
  issues: LineIssue[];
}

/**
 * A page's heading: `Unit serial number VPD page:`, `Block limits VPD page (SBC):` (newer sg3_utils without its colon),
 * `Zoned block device characteristics VPD page (SBC, ZBC):`, `ATA information [0x89] VPD page:` (--long), `VPD page
 * code=0xde:` / `VPD page code=222:` / `VPD page code=0xde, subvalue=0x01:` / `VPD page=0xb0, pdt=0x1:` (a page sg_vpd has
 * no decoder for, or none for the device type); an `@` before it in one real sg_vpd -E (`@Unit serial number VPD page:`,
 * kernel bugzilla 215788's ARC-1280ML run); page 0x92's `SCSI Feature sets:`.
 */
const HEADING = /^@?(?:(\S.*?) (?:\[0x[0-9a-f]{2}\] )?VPD page(?: \(?[A-Z][A-Z, -]*\))?|VPD page code=(0x[0-9a-f]+|\d+)(?:, subvalue=0x[0-9a-f]+)?|VPD page=(0x[0-9a-f]+)(?:, pdt=0x[0-9a-f]+)?|(SCSI Feature sets)):?$/i;
/** What sg_vpd says of a page it cannot decode or was not given, at the margin. */
const SAID = /^(?:Only hex output supported|fetching VPD page failed.*|.*VPD page .*(?:failed|not supported|truncated).*|VPD page error: .*|<empty>|reserved designator=0x[0-9a-f]+|<< unexpected .*>>)$/i;
/** A binary vendor specific designator's label, which sg_vpd before 1.43 wrote to stderr over its bytes: above the page when pasted with 2>&1. */
const STDERR_LABEL = /^vendor specific:$/i;
/**
 * What `sg_vpd -E` says of each page code it tries and cannot fetch, written to stderr without a line end so that the
 * messages run together (`Vendor VPD page=0xc0  failed to fetchVendor VPD page=0xc1  failed to`) and a mail's wrapping
 * leaves their remainders (`fetch`, `to fetch`) at the start of the next line.
 */
const FETCH_FAILED = /^(?:(?:to\s+)?fetch)?(?:\s*Vendor VPD page=0x[0-9a-f]{2}\s+failed(?:\s+to(?:\s+fetch)?)?)*$/i;
/**
 * A hex dump's row whose leading space the interleaved messages above it took (`00     00 c7 00 3c …    ...<....`), or
 * one at the margin: a designator sg_vpd prints as bytes (vendor specific, MD5: `11 22 33 … ff ed    ."3DUfw...`, no
 * offset), `-l`'s ATA IDENTIFY words (`00     0c5a 3fff c837 …     .Z ?. .7 ..`).
 */
const HEX_ROW = /^(?:[0-9a-f]{2,4}\s{2,}(?:[0-9a-f]{2}\s{1,2}){1,16}(?:\s*\S{0,16}|\s{2,}.{1,16})|[0-9a-f]{2}(?: {1,2}[0-9a-f]{2}){0,15}(?: {2,}.{1,16})?|[0-9a-f]{2,4}\s{2,}(?:[0-9a-f]{4} ?){1,8}(?: {2,}.*)?)$/i;
/** The device type `-l` and `-v` print under a page's heading (`   [PQual=0  Peripheral device type: disk]`). */
const DEVICE_TYPE = /^\[PQual=\d+\s+Peripheral device type: [^\]]*\]$/;
/** An entry of the Supported VPD pages page: `Unit serial number [sn]`, `-l`'s `0x80  Unit serial number [sn]`, a page it has no name for (`0xc0`). */
const SUPPORTED_PAGE = /^(?:0x[0-9a-f]{1,2}|(?:0x[0-9a-f]{2}\s+)?\S.*\[[\w-]+\])$/i;
/** The associations sg_vpd lists a page 0x83's designators under (sg_vpd.c / sg_vpd_common.c assoc_arr). */
const ASSOCIATION = /^(?:Addressed logical unit|Target port|Target device that contains addressed lu|Reserved \[0x3\]):$/i;
/** The command itself above its output, bare or after a prompt the text layer does not know (`sg_vpd -a /dev/sdc`, `<> sg_vpd -p ai /dev/rdsk/c2t4d0`). */
const COMMAND = /^(?:\S*[#$>%]\s+)?(?:sudo\s+)?sg_vpd(?:\s+[-\w/.=:]+)+$/;

/**
 * A page's line as sg_vpd prints it, found at the margin where a paste's indentation was taken off with the page's own
 * (a mail indenting the whole output): a labelled field (`Command code: 0xec`, `ATA command … summary:`, a designator's `designator type: …,`), a `KEY=value`
 * field, ATA information's transport sentence. A wrapped line's remainder (`reported]`) is none.
 */
const AT_MARGIN = /^(?:[A-Z][^:]{0,80}:(?:\s.*)?|[A-Z][A-Z0-9_]*=\S+.*|Device signature indicates \S+ transport|Non-rotating medium.*|designator type: [^,]+,.*)$/;

/** The fields read, by the page they are printed under. */
const FIELDS: Readonly<Record<string, readonly [RegExp, (out: SgVpd, v: string) => void][]>> = {
  'unit serial number': [[/^(?:Unit|Product) serial number:\s*(.*)$/i, (o, v) => (o.serial ??= v || undefined)]],
  'ata information': [
    [/^SAT Vendor identification:\s*(.*)$/i, (o, v) => ((o.sat ??= {}).vendor = v)],
    [/^SAT Product identification:\s*(.*)$/i, (o, v) => ((o.sat ??= {}).product = v)],
    [/^SAT Product revision level:\s*(.*)$/i, (o, v) => ((o.sat ??= {}).revision = v)],
    [/^model:\s*(.*)$/i, (o, v) => ((o.ata ??= {}).model = v)],
    [/^serial number:\s*(.*)$/i, (o, v) => ((o.ata ??= {}).serial = v)],
    [/^firmware revision:\s*(.*)$/i, (o, v) => ((o.ata ??= {}).firmware = v)],
  ],
};

/**
 * `sg_vpd -a`, `sg_vpd -p <page>` (and `-l`, `-v`) as saved or pasted: each page by its heading; the unit serial number,
 * the addressed logical unit's NAA, EUI-64 and T10 vendor identification designators, and ATA information's SAT and IDENTIFY
 * summaries are read; the lines of any page under its heading (block limits, provisioning, a hex dump) are sg_vpd's own
 * and skipped; any other line at the margin is an issue with its line number.
 */
export function parseSgVpd(text: string): SgVpd {
  const out: SgVpd = { pages: [], issues: [] };
  let page: string | undefined;
  let lu = false;
  let designator = '';
  /** The line under a SCSI name string designator's label holds its value. */
  let nameNext = false;
  let eui: Record<string, string> = {};
  // An EUI-64 printed in parts is whole when its designator ends.
  const endDesignator = (): void => {
    if (lu && designator.startsWith('eui-64')) out.eui64 ??= euiFromParts(eui);
    eui = {};
  };
  for (const { no: line, text: raw } of cleanText(text).lines) {
    const l = raw.replace(/\s+$/, '');
    if (l.trim() === '') continue;
    // A page's heading is at sg_vpd's margin; where a person's line at the paste's own margin kept the text layer from
    // taking the paste's indentation off, it is as indented as the rest: told by its words.
    const h = HEADING.exec(l.trimStart());
    if (h) {
      endDesignator();
      page = (h[1] ?? h[4] ?? `code ${h[2] ?? h[3]}`).toLowerCase();
      out.pages.push(page);
      lu = false;
      designator = '';
      continue;
    }
    if ((page === undefined && STDERR_LABEL.test(l.trim())) || SAID.test(l.trim()) || COMMAND.test(l.trim()) || SENSE_REPORT.test(l) || FETCH_FAILED.test(l.trim()) || HEX_ROW.test(l.trim()) || DEVICE_TYPE.test(l.trim())) continue;
    const body = l.trim();
    // A page's lines at the margin, where the text layer took the indentation they share off (a heading it read as a sentence).
    if (page === 'supported vpd pages' && SUPPORTED_PAGE.test(body)) continue;
    // Page 0x92's feature set names (`Discovery 2016`, `SBC Base 2016 [0x102]`), one a line.
    if (page === 'scsi feature sets' && !looksLikeProse(body)) continue;
    // Older sg3_utils printed ATA information's SAT lines at the margin.
    const field = (FIELDS[page ?? ''] ?? []).find(([re]) => re.test(body));
    if (field) {
      field[1](out, field[0].exec(body)![1]!.trim());
      continue;
    }
    if (page === undefined || !(/^\s/.test(l) || AT_MARGIN.test(body))) {
      out.issues.push({ line, text: l, message: 'not an sg_vpd line (a VPD page heading, or a line of a page under it)' });
      continue;
    }
    if (page === 'device identification') {
      // A designator's own labels (`vendor specific:`, `SCSI name string:`, `MD5 logical unit identifier:`) open no association.
      const type = /^designator type: ([^,]+),/i.exec(body);
      if (type || ASSOCIATION.test(body)) endDesignator();
      if (ASSOCIATION.test(body)) lu = /^addressed logical unit:$/i.test(body);
      if (type) designator = type[1]!.trim().toLowerCase();
      if (!lu) continue;
      if (designator.startsWith('eui-64') && euiPart(body, eui)) continue;
      // The name is the line under its label, as printed: a `Label: value` line there is another's (a newer sg_vpd's).
      if (designator === 'scsi name string' && nameNext && !/^[A-Za-z][\w ]*: \S/.test(body)) {
        nameNext = false;
        out.scsiName ??= body;
        continue;
      }
      if (nameNext) continue;
      nameNext = designator === 'scsi name string' && /^SCSI name string:$/i.test(body);
      // `-l` prints the value in brackets under its parts (`NAA 5, IEEE Company_id: 0xc50` … `[0x5000c5003011cb2b]`).
      const value = /^\[?(0x[0-9a-f]+)\]?$/i.exec(body)?.[1]?.toLowerCase();
      if (value !== undefined && designator === 'naa' && /^0x[0-9a-f]{16,32}$/.test(value)) out.naa ??= value;
      if (value !== undefined && designator.startsWith('eui-64') && /^0x(?:[0-9a-f]{8}){2,4}$/.test(value)) out.eui64 ??= value;
      const vendor = /^vendor id:\s*(.*)$/i.exec(body);
      if (designator.startsWith('t10 vendor') && vendor && !out.t10) out.t10 = { vendor: vendor[1]!.trim() };
      const specific = /^vendor specific:\s*(.*)$/i.exec(body);
      if (designator.startsWith('t10 vendor') && specific && out.t10 && out.t10.specific === undefined) out.t10.specific = specific[1]!.trim();
      continue;
    }
  }
  endDesignator();
  return out;
}
