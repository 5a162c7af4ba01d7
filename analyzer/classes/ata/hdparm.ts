import { placeholderWwn } from '../../db/one-drive.js';
import { cleanText, couldWrapBefore, type LineIssue, type TextLine } from '../../parsers/text-input.js';

/** What `hdparm -I` (IDENTIFY DEVICE as hdparm decodes it) or `hdparm -i` (the kernel's cached identity) shows of a drive. */
export interface HdparmIdentity {
  model?: string;
  serial?: string;
  firmware?: string;
  /** `Logical Unit WWN Device Identifier: 5000c5004a8b9d5f` as lower-case hex (not a mask or zeros). */
  wwn?: string;
  /** Only from `hdparm -I`: the settings the ata class keeps from IDENTIFY, under the same keys; absent where hdparm prints nothing for them. */
  settings: Record<string, string | number | boolean | null>;
  issues: LineIssue[];
}

/**
 * Top-level lines of `hdparm -I` (hdparm's identify.c prints these headings, each followed by indented lines); hdparm 4.x
 * (2001) opened with `non-removable ATA device, with non-removable media`; a CompactFlash card is `CompactFlash ATA device, with
 * removable media` up to 7.x, `CompactFlash ATA device` from 8.0; 6.x-7.x print `CFA power mode 1:` at the margin.
 */
const SECTIONS = /^(?:(?:(?:non-)?removable )?ATA device, with (?:non-)?removable media|CompactFlash ATA device(?:, with (?:non-)?removable media)?|CFA power mode 1:|ATAPI \S.*|CFA device.*|Standards:|Configuration:|Capabilities:|Commands\/features:|Security:\s*|Logical Unit WWN Device Identifier: .*|Device Sleep:|Checksum: .*|Integrity word not set.*|HW reset results:|Media Serial Num.*|Unknown device type.*|non-magnetic media.*|SG_IO: .*|\/dev\/\S+:)$/;
/** The disk heading hdparm prints before each disk's output (`/dev/sdb:`). */
const DISK_HEADING = /^(\/dev\/\S+):$/;
/**
 * A Commands/features line: `\t   *\tSMART feature set` (enabled) or `\t    \tSecurity Mode feature set` (supported only);
 * a web page or an editor may have turned the tabs into spaces, so the mark is told by the `*` alone.
 */
const FEATURE = /^\s+(\*)?\s*(\S.*?)\s*$/;
const FEATURE_HEADER = /^\s*Enabled\s+Supported:?$/;
const SECURITY = /^\s+(not)?\s*(supported|enabled|locked|frozen|expired: .*|supported: enhanced erase)$/;

/** One disk's output of a paste: the disk its heading names (`/dev/sdb:`), when there is one. */
export interface HdparmDisk extends HdparmIdentity {
  disk?: string;
}

/** Every disk of a paste, and the lines no disk's parser read, in one list (the loader says which of them a person wrote around the output). */
export interface HdparmPaste {
  disks: HdparmDisk[];
  issues: LineIssue[];
}

/**
 * `hdparm -I /dev/sdX` text (hdparm 9.x) and `hdparm -i`'s identity line (` Model=…, FwRev=…, SerialNo=…`), as pasted:
 * prompts and fences off (cleanText), indentation by tabs or by spaces. The features are read by the names hdparm's
 * identify.c gives the IDENTIFY bits; lines of a section this parser does not read are skipped, a top-level line it
 * does not know is an issue. The first disk of a paste; `parseHdparmDisks` gives each.
 */
/**
 * hdparm -i's model when no IDENTIFY reached it: on a SCSI-layer disk whose driver answered no HDIO_GET_IDENTITY (libata
 * before 2.6.17), hdparm 6.x showed the SCSI INQUIRY's product and revision run together as the model and the revision
 * as FwRev, with no serial (`Model=WDC WD2500JD-00G02.0, FwRev=02.0, SerialNo=`): the model is the product's 16
 * characters, the first 16 of the drive's own model.
 */
function inquiryIdentity(model: string, fw: string, serial: string): string {
  return serial === '' && fw.length > 0 && fw.length <= 4 && model.length === 16 + fw.length && model.endsWith(fw) ? model.slice(0, 16).trimEnd() : model;
}

export function parseHdparm(text: string): HdparmIdentity {
  const { disks } = parseHdparmDisks(text);
  return disks.find((d) => d.model !== undefined || d.serial !== undefined) ?? disks[0] ?? { settings: {}, issues: [] };
}

/**
 * The command line typed for a disk, which the text layer did not know for one (its program misspelt, `hdparam -I
 * /dev/hdc`, with no prompt; a prompt's last character left glued to it, `]hdparm -t /dev/sdh`): the last line above
 * hdparm's `/dev/hdc:` heading (blank lines between) when it is options and that same disk after a word. It is the
 * paste's command, not a line of the output above.
 */
function dropTypedCommand(lines: TextLine[], disk: string): void {
  let i = lines.length - 1;
  while (i >= 0 && lines[i]!.text.trim() === '') i--;
  const m = i >= 0 ? /^\s*(?:\S*[\]$#>%]\s*)?(?:sudo\s+)?[\w.-]+((?:\s+-{1,2}[A-Za-z][\w-]*)+)\s+(\/dev\/\S+)\s*$/.exec(lines[i]!.text) : null;
  if (m && m[2] === disk) lines.splice(i, 1);
}

/** Each disk of a paste of `hdparm -I /dev/sd?` (or of one disk), split at hdparm's `/dev/sdX:` headings. */
export function parseHdparmDisks(text: string): HdparmPaste {
  const blocks: { disk?: string; lines: TextLine[] }[] = [{ lines: [] }];
  for (const line of cleanText(text).lines) {
    const heading = DISK_HEADING.exec(line.text);
    if (heading) {
      dropTypedCommand(blocks.at(-1)!.lines, heading[1]!);
      blocks.push({ disk: heading[1]!, lines: [] });
    } else blocks.at(-1)!.lines.push(line);
  }
  const parsed = blocks.filter((b) => b.lines.length > 0).map((b) => ({ ...parseLines(b.lines), ...(b.disk ? { disk: b.disk } : {}) }));
  // The lines before the first heading (a note, an `-i` line) belong to the one disk when there is only one.
  if (parsed.length === 2 && parsed[0]!.disk === undefined && parsed[0]!.model === undefined && parsed[0]!.serial === undefined) {
    parsed[1]!.issues.unshift(...parsed[0]!.issues);
    parsed.shift();
  }
  return { disks: parsed, issues: parsed.flatMap((d) => d.issues) };
}

/**
 * The rest of a list value a mail client or a page wrapped at the margin (`Extensions, SATA Rev 2.5, SATA Rev 3.0` under
 * `Transport: … SATA II`): items of a few words, each starting with a capital or a digit; a person's sentence is not.
 */
const LIST_REST = /^[A-Z0-9][\w./-]*(?: [\w./-]+){0,3}(?:, [A-Z0-9][\w./-]*(?: [\w./-]+){0,3})+$/;

/**
 * The indented lines a mail client broke at its margin, each joined with its rest (`        Standby timer values:
 * spec'd by Standard, no device specific ` over `minimum` at the margin): a line at the margin under an indented one, no
 * heading hdparm prints and a few words (not a person's sentence), where the client could have broken the line.
 */
function joinWrapped(lines: readonly TextLine[]): TextLine[] {
  const out: TextLine[] = [];
  for (const l of lines) {
    const prev = out.at(-1);
    const words = l.text.trim().split(/\s+/);
    if (prev && prev.no === l.no - 1 && /^\s+\S/.test(prev.text) && /^\S/.test(l.text) && !SECTIONS.test(l.text) && words.length <= 4 && !/[.!?:]$/.test(l.text.trim()) && couldWrapBefore(prev.text, l.text)) {
      out[out.length - 1] = { ...prev, text: `${prev.text.trimEnd()} ${l.text.trim()}` };
      continue;
    }
    out.push(l);
  }
  return out;
}

/**
 * The SATA speed a word 76 line names (bits 1-3), by hdparm's names of each release (identify.c, cap_sata0_str):
 * `SATA-I`/`SATA-II signaling speed` up to 9.11, `Gen1`/`Gen2` from 9.12, `Gen3` from 9.29 (`unknown 76[3]` before).
 */
function sataGen(feature: string): number | undefined {
  const gen = /^gen(\d) signaling speed/.exec(feature)?.[1];
  if (gen !== undefined) return Number(gen);
  const roman = /^sata-(i{1,2}) signaling speed/.exec(feature)?.[1];
  if (roman !== undefined) return roman.length;
  return feature === 'unknown 76[3]' ? 3 : undefined;
}

function parseLines(input: readonly TextLine[]): HdparmIdentity {
  const lines = joinWrapped(input);
  const out: HdparmIdentity = { settings: {}, issues: [] };
  const features = new Map<string, boolean>();
  const security = new Map<string, boolean>();
  const field = new Map<string, string>();
  let section = '';
  const printed = new Set<string>();
  let identifyText = false;
  /** The indented value line just read when it holds a list (`Transport:          Serial, ATA8-AST, SATA 1.0a, SATA II`). */
  let listValue: { no: number; label: string } | undefined;
  // A page that dropped every line's indentation (a wiki, a forum) leaves hdparm's headings as the only lines it knows
  // at the margin: under a heading, any other line is that section's, as if indented.
  const flat = !lines.some((l) => /^\s+\S/.test(l.text));
  for (const { no, text: raw } of lines) {
    const line = flat && section !== '' && !SECTIONS.test(raw) ? ` ${raw}` : raw;
    const short = /^\s*Model=(.*?), FwRev=(.*?), SerialNo=(.*)$/.exec(line);
    if (short) {
      out.model ??= inquiryIdentity(short[1]!.trim(), short[2]!.trim(), short[3]!.trim());
      out.firmware ??= short[2]!.trim();
      out.serial ??= short[3]!.trim();
      continue;
    }
    if (!/^\s/.test(line)) {
      const list = listValue?.no === no - 1 ? listValue : undefined;
      if (list && !SECTIONS.test(line) && LIST_REST.test(line.trim())) {
        field.set(list.label, `${field.get(list.label)!} ${line.trim()}`);
        listValue = { ...list, no };
        continue;
      }
      if (!SECTIONS.test(line)) {
        out.issues.push({ line: no, text: line, message: 'not a heading hdparm -I prints' });
        continue;
      }
      identifyText ||= /^(?:(?:non-)?removable )?ATA device|^CompactFlash ATA device|^ATAPI|^CFA/.test(line);
      section = line.replace(/:.*$/, '');
      printed.add(section);
      const wwn = /^Logical Unit WWN Device Identifier: ([0-9a-f]{16})\s*$/i.exec(line)?.[1]?.toLowerCase();
      if (wwn && !placeholderWwn(wwn)) out.wwn = wwn;
      const checksum = /^Checksum: (correct|incorrect)/.exec(line);
      if (checksum) out.settings.checksum_valid = checksum[1] === 'correct';
      continue;
    }
    if (section === 'Commands/features') {
      const f = FEATURE_HEADER.test(line) ? null : FEATURE.exec(line);
      // hdparm 4.x named some in lower case (`write cache`, `look-ahead`): names are compared without case.
      if (f) features.set(f[2]!.toLowerCase(), f[1] === '*');
      continue;
    }
    if (section === 'Security') {
      const s = SECURITY.exec(line);
      if (s) security.set(s[2]!, s[1] !== 'not');
      continue;
    }
    // A label's runs of spaces count as one (`LBA48  user addressable sectors`; a page collapses them).
    // hdparm 4.x printed a count with `=` (`LBA user addressable sectors = 28229040`).
    const kv = /^\s+([^:\t]+?):\s+(.*)$/.exec(line) ?? /^\s+([^:=\t]+?)\s+=\s+(\d+)$/.exec(line);
    const label = kv?.[1]!.trim().replace(/\s+/g, ' ');
    if (kv && label !== undefined && !field.has(label)) {
      field.set(label, kv[2]!.trim());
      listValue = kv[2]!.includes(', ') ? { no, label } : undefined;
    }
  }
  out.model ??= field.get('Model Number') || undefined;
  out.serial ??= field.get('Serial Number') || undefined;
  out.firmware ??= field.get('Firmware Revision') || undefined;
  if (!identifyText) return out;
  const has = (name: string): boolean => features.has(name.toLowerCase());
  const on = (name: string): boolean => features.get(name.toLowerCase()) === true;
  const s = out.settings;
  const versions = (field.get('Supported') ?? '').split(/\s+/).filter((w) => /^\d+$/.test(w)).map(Number);
  if (versions.length) s.major_version = Math.max(...versions);
  const lba48 = printed.has('Commands/features') ? has('48-bit Address feature set') : field.has('LBA48 user addressable sectors');
  const sectors = field.get(lba48 ? 'LBA48 user addressable sectors' : 'LBA user addressable sectors');
  if (sectors && /^\d+$/.test(sectors)) s.sectors = Number(sectors);
  // Words 106, 117–118 and 209 as hdparm prints them; without a valid word 106 it prints one line, `Logical/Physical Sector size:`.
  const bytes = (label: string): number | undefined => {
    const n = /^(\d+) bytes\b/.exec(field.get(label) ?? '')?.[1];
    return n === undefined ? undefined : Number(n);
  };
  const both = bytes('Logical/Physical Sector size');
  const sizes = { logical_sector_size: bytes('Logical Sector size') ?? both, physical_sector_size: bytes('Physical Sector size') ?? both, logical_sector_offset: bytes('Logical Sector-0 offset') };
  for (const [k, v] of Object.entries(sizes)) if (v !== undefined) s[k] = v;
  const rate = field.get('Nominal Media Rotation Rate');
  if (rate !== undefined) s.rotation_rate = rate === 'Solid State Device' ? 'non-rotating' : /^\d+$/.test(rate) ? Number(rate) : null;
  // A paste cut before a section (or an output without it) says nothing of what it lists: those stay unknown, not false.
  if (printed.has('Security')) for (const k of ['supported', 'enabled', 'locked', 'frozen']) s[`security.${k}`] = security.get(k) ?? false;
  if (!printed.has('Commands/features')) return out;
  s.lba48 = lba48;
  s.ncq = has('Native Command Queueing (NCQ)');
  const depth = field.get('Queue depth');
  s.queue_depth = s.ncq && depth && /^\d+$/.test(depth) ? Number(depth) : null;
  s.hipm = has('Host-initiated interface power management');
  s.dipm_supported = has('Device-initiated interface power management');
  s.dipm_enabled = on('Device-initiated interface power management');
  // Up to 9.46 hdparm printed word 78 bit 8 unnamed.
  s.devsleep = has('Device Sleep (DEVSLP)') || has('unknown 78[8]');
  const gens = [...features.keys()].map(sataGen).filter((g): g is number => g !== undefined);
  s.sata_max_gen = gens.length ? Math.max(...gens) : null;
  // hdparm 9.15 printed one line, `Data Set Management (in)determinate TRIM supported`, and no ZEROs bit; 9.27 on split it.
  const oneLine = [...features.keys()].find((f) => /^data set management (?:in)?determinate trim supported/.test(f));
  s.trim = oneLine !== undefined || [...features.keys()].some((f) => f.startsWith('data set management trim supported'));
  s.deterministic_read_after_trim = has('Deterministic read data after TRIM') || has('Deterministic read ZEROs after TRIM') || oneLine?.startsWith('data set management determinate') === true;
  s.zeroes_after_trim = oneLine !== undefined ? null : has('Deterministic read ZEROs after TRIM');
  s.write_cache_supported = has('Write cache');
  s.write_cache_enabled = on('Write cache');
  s.read_look_ahead_enabled = on('Look-ahead');
  s.smart_supported = has('SMART feature set');
  s.smart_enabled = on('SMART feature set');
  s.fua = has('WRITE_{DMA|MULTIPLE}_FUA_EXT');
  return out;
}
