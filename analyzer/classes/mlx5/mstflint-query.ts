import { ParseError } from '../../parsers/errors.js';
import { indentOf, looksLikeProse, type CleanText, type LineIssue, type TextLine } from '../../parsers/text-input.js';
import { namesNothing } from '../../version/sentinels.js';
import { isCrash, messagesAbove, toolVersionOf, withMessages, withVersion } from './tool-messages.js';
import { MST_STATUS_COMMAND, OTHER_TOOL } from './other-tools.js';
import { isPlaceholderDevice } from './placeholder.js';
import { mstText } from './mst-text.js';
import { splitBranchTag } from './fw-branch.js';

export interface FlintRom {
  /** `PXE`, `UEFI`, `UEFI Virtio net`, `CLP`, … */
  type: string;
  version: string;
  /** Further `key=value` words of the line (cpu, devid, proto). */
  attrs: Record<string, string>;
  /** flint's warning about the ROMs, printed after the last one (`(-W- Bad ROM Checksum (0x3c), …)`). */
  warning?: string;
}

export interface FlintQuery {
  imageType?: string;
  /** The image in flash: what runs after the next firmware reset. */
  fwVersion?: string;
  /** Printed only when the running firmware differs from the flash image (activation pending). */
  fwVersionRunning?: string;
  /** A development branch's tag, printed in place of or glued to the flash image's version (`16.35.1012_0004`). */
  fwBranchTag?: string;
  fwBranchTagRunning?: string;
  fwReleaseDate?: string;
  productVersion?: string;
  psid?: string;
  /** The PSID the card left the factory with, when it was cross-flashed to another (`Orig PSID: HUA0000000001`). */
  origPsid?: string;
  partNumber?: string;
  /** The product description `query full` prints (a second `Description:` heads the GUID table). */
  description?: string;
  securityAttributes?: string;
  baseGuid?: { value: string; count?: number };
  baseMac?: { value: string; count?: number };
  roms: FlintRom[];
  /** Every `key: value` line as printed (continuation lines joined with "\n"). */
  fields: Record<string, string>;
  /** The tool's `-E-` messages (`Cannot open Device: 07:00.0. Operation not supported. MFE_CR_ERROR`): a query that failed. */
  errors: string[];
  /** Lines that are neither a field, a continuation nor a known tool message. */
  issues: LineIssue[];
  /** The tool and version its `-v` line above the run names (`mstflint, mstflint 4.33.0`). */
  toolVersion?: string;
  /** Run with `--next_boot_fw_ver` / `--flashed_version`: the flash's version alone, nothing of what runs. */
  nextBootOnly?: boolean;
  /** A burn (`flint -d … -i <image> burn`) the run shows: what it says of the flash before and of the image it wrote. */
  burn?: FlintBurn;
}

/**
 * A firmware burn as flint (and an installer running it) prints it: `Current FW version on flash:` and `New FW version:`,
 * each step's progress (`Burning FW image without signatures - OK`), and its end: `Restoring signature - OK` or the
 * `-I- To load new FW …` advice when it was written (`done`: the flash holds the image, the old firmware runs until a
 * reset), an `-E-` line when it failed (nothing changed), neither when the output stops before (`unfinished`).
 */
export interface FlintBurn {
  before?: string;
  image?: string;
  outcome: 'done' | 'failed' | 'unfinished';
  /**
   * The PSID on the flash before and the image's, when they differ: flint's refusal (`-E- PSID mismatch. The PSID on flash
   * (DEL2420110034) differs from the PSID in the given image (MT_2420110034).`) or its warning before it writes anyway
   * (`You are about to replace current PSID on flash - "DEL2420110034" with a different PSID - "MT_2420110034".`).
   */
  psid?: { flash: string; image: string };
  /**
   * The component the burn wrote when it is not the firmware's boot image (`Writing COMPID_CLOCK_SYNC_EEPROM component -
   * OK` on a switch's clock board): its versions are that component's, not the device's firmware.
   */
  component?: string;
}

const PARSER = 'mstflint-query';
/** `Key:` or `Key:   value`; keys are words, `FW Version(Running)`, `Rom Info`, `Base GUID`, … (the FS2 `VSD:` is empty). */
const FIELD = /^([A-Z][A-Za-z0-9 ()./_-]*?):(?:\s+(.*))?$/;
/** A word=value segment of a Rom Info entry; a type may contain spaces (`type=UEFI Virtio net`). */
const ROM_SEGMENT = /\s+(?=[a-z_]+=)/;
/** The `Description:` heading of the GUID table (FS3+ `UID GuidsNumber [Step]`, FS2 `Node Port1 Port2 Sys image`), not a product's. */
const GUID_TABLE = /^(?:UID\s+GuidsNumber|Node\s+Port1)\b/;
/** Fields flint prints that a page may run into the line above (`Device VSD: VSD PSID : MT_1240110019`). */
const MERGED_KEYS = ['PSID', 'Orig PSID', 'Security Attributes', 'Device VSD', 'Image VSD', 'Base GUID', 'Base MAC', 'Product Version', 'FW Release Date', 'FW Version'];
/** A one-word value followed by another field: the page lost the line break between them. */
const MERGED = new RegExp(`^(\\S*)\\s+(${MERGED_KEYS.join('|')})\\s*:\\s*(.*)$`);
/** Fields whose value is words, where a field name inside is part of the value. */
const PROSE_FIELDS = new Set(['Description', 'Rom Info']);
/** Fields a flint query prints; a `what: why` line right above an `-E-` line naming none of them is a library's message. */
const FLINT_FIELDS = new Set([
  'Image type', 'FW ISSU Version', 'FW Version', 'FW Version(Running)', 'FW Release Date', 'MIC Version', 'Config Sectors', 'PRS Name', 'Part Number',
  'Description', 'Product Version', 'Rom Info', 'Device ID', 'GUIDs', 'MACs', 'VSD', 'PSID', 'Orig PSID', 'Image VSD', 'Device VSD', 'Security Attributes',
  'Security Ver', 'Default Update Method', 'Life cycle', 'Secure Boot Capable', 'EFUSE Security Ver', 'Image Security Ver',
  // `q full` of a secure-boot card (`Secure boot` up to mstflint 4.17, then `Secure Boot Capable`; Encryption and Image Boot
  // Status from 4.18), a socket-direct or standalone-module card's `q` (4.31 on), and the FS2/FS3 image details of `q full`.
  'Security Ver Program', 'Secure boot', 'Encryption', 'Image Boot Status', 'Socket Direct', 'Aux Card is Connected',
  'Independent Module', 'PCIe switch mode only', 'Min FIT Version', 'Orig PRS Name', 'Config Pad', 'HW Access Key',
  // FS2 (ConnectX-3 and before) and the first ConnectX's image.
  'Board ID', 'INI revision', 'Geographical Address',
]);
const isFlintField = (key: string): boolean => FLINT_FIELDS.has(key) || /^(?:Orig )?Base (?:GUID|MAC)\d?$/.test(key);
/** A field label of flint's where a value ends and the next field begins, longest first (`Orig PSID` before `PSID`). */
const LABEL_AT = new RegExp(
  `(?:^|\\s)(?:${[...FLINT_FIELDS, 'Orig Base GUID', 'Orig Base MAC', 'Base GUID', 'Base MAC']
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[()]/g, '\\$&'))
    .join('|')}):(?=\\s|$)`,
  'g',
);

/**
 * A query a web page or a chat flattened onto one line (`Image type: FS4 FW Version: 16.35.2000 … PSID: MT_0000000012`):
 * a line that starts with a field of flint's and holds at least three is cut before each, each piece a line of its own
 * (the same line number). Any other line is left as it is.
 */
function unflattened(lines: readonly TextLine[]): TextLine[] {
  return lines.flatMap((l) => {
    const s = l.text.trim();
    const at = [...s.matchAll(LABEL_AT)].map((m) => (/^\s/.test(m[0]) ? m.index + 1 : m.index));
    if (at.length < 3 || at[0] !== 0) return [l];
    return at.map((from, i) => ({ ...l, text: s.slice(from, at[i + 1]).trim() }));
  });
}

/** A flint query typed at the end of a prompt's line: `PS C:\\…> flint -d mt4099_pci_cr0 query`, `$ sudo mstflint -d 04:00.0 q full`. */
const QUERY_AT_END = /(?:^|[\s>#$%])((?:sudo\s+(?:-\S+\s+)*)?(?:\S*[/\\])?(?:mst)?flint(?:_ext)?(?:\.exe)?\s+(?:\S+\s+)*?(?:q|query)(?:\s+full)?)$/;

/**
 * A page that flattened a whole console block puts the typed command and the query's fields on one line (`PS
 * C:\\Users\\Administrator> flint -d mt4099_pci_cr0 query Image type: FS2 FW Version: 2.42.5000 … PSID: MT_1090120019`):
 * the text layer sets the line aside as the command line. When a flint query's command line runs straight into three or
 * more of flint's fields, those fields are the query's output, on that line, under that command.
 */
function gluedOutput(cleaned: CleanText): TextLine[] {
  return cleaned.noise.flatMap((n) => {
    if (n.kind !== 'prompt') return [];
    const s = n.text.trim();
    const at = [...s.matchAll(LABEL_AT)].map((m) => (/^\s/.test(m[0]) ? m.index + 1 : m.index));
    if (at.length < 3 || at[0] === 0) return [];
    const command = QUERY_AT_END.exec(s.slice(0, at[0]).trim())?.[1];
    return command === undefined ? [] : [{ no: n.no, text: s.slice(at[0]), command }];
  });
}

/** The tool's lines, with the output a flattened page glued to its command line put back under that command. */
function flintLines(text: string): TextLine[] {
  const cleaned = mstText(text);
  const glued = gluedOutput(cleaned);
  const lines = glued.length === 0 ? cleaned.lines : [...cleaned.lines, ...glued].sort((a, b) => a.no - b.no);
  return unflattened(lines);
}

/** A burn step's progress line: `Burning FW image without signatures - OK`, `FSMST_INITIALIZE -   OK`, `… – 48%` (a page's dash). */
const BURN_STEP = /^([A-Za-z][A-Za-z0-9_ ]*?)\s+[-\u2013]\s+(OK|FAILED|\d+%)$/;
/** The line a burn that wrote the image ends with: the signature restored, or the advice to load the new firmware. */
const BURN_DONE = /^(?:Restoring signature\s+-\s+OK|-I- To load new FW\b.*)$/;
/** The burn's fields: the version on the flash before, and the image's. */
const BURN_FIELDS = new Set(['Current FW version on flash', 'New FW version']);
/**
 * What a burn prints besides its steps: `Done.` above the versions (the end of its reading of the flash and the image),
 * the warning of a burn that is not failsafe (`Burn process will not be failsafe. …`, before its question), and the warning of a PSID change (`You are about to replace current PSID on flash - "A" with a different PSID - "B".`,
 * `Note: It is highly recommended not to change the PSID.`).
 */
const BURN_NOTE = /^(?:Done\.|Note: It is highly recommended not to change the PSID\.?|Note: The new FW version is (?:the same as|older than) the current FW version on flash\.?|Note: The new FW version is on a different branch then the current FW version on flash\.?|Note: Minor PSID change detected .*|Note: Both the image file and the flash contain a ROM image\.|Select \"(?:yes|no)\" to (?:use the ROM from the given image file|keep the existing ROM in the flash)\.?|Burn process will not be failsafe\. No checks will be performed\.|ALL flash, including the (?:Invariant Sector|device data sections) will be overwritten\.|If this process fails, computer may remain in an inoperable state\.)$/;
const PSID_CHANGE = /^You are about to replace current PSID on flash - "([^"\s]+)" with a different PSID - "([^"\s]+)"\.?$/;
/** flint's refusal to burn an image of another PSID (FLINT_PSID_ERROR). */
const PSID_MISMATCH = /PSID mismatch\. The PSID on flash \(([^)\s]+)\) differs from the PSID in the given image \(([^)\s]+)\)/;
/** The question a burn asks before it writes (`Do you want to continue ? (y/n) [n] : y`), with the answer typed. */
const BURN_QUESTION = /^Do you want to continue ?\? \(y\/n\) \[[yn]\] ?: ?[yn]?$/i;
/** Tool messages that are not part of the query (`-W- …`, `-I- …`, `-E- …`). */
const TOOL_MESSAGE = /^-[EWI]-/;

/** The warning flint appends to the last ROM's line. */
const ROM_WARNING = /\s*\(-W-\s*(.*)\)\s*$/;
/** No ROM read: `N/A`, with flint's reason when it found one it could not read (`N/A (-E- Bad ROM Checksum)`). */
const ROM_UNREAD = /^N\/A(?:\s*\(-E-\s*(.*)\))?$/;
/**
 * A ROM whose product ID the flint release has no name for (`0x14 - Unknown ROM product ID`: UEFI Virtio net, 0x15 blk
 * and 0x16 PXE Virtio before mstflint 4.16, 0x13 NVMe before 4.13), on its line of the Rom Info.
 */
const UNNAMED_ROM = /^0x[0-9a-f]+ - Unknown ROM product ID$/i;
/** `-qq` skips reading the ROMs and prints `type=UEFI version=skipped cpu=skipped`. */
const ROM_SKIPPED = 'skipped';
/** Run with these, flint prints the flash's `FW Version:` alone. */
const NEXT_BOOT_ONLY = /(?:^|\s)--?(?:next_boot_fw_ver|flashed_version)(?:\s|$)/;

/** One ROM of a Rom Info line; null for the line `-qq` prints (no ROM was read), undefined when unreadable. */
function parseRom(line: string): FlintRom | null | undefined {
  const warned = ROM_WARNING.exec(line);
  const s = warned ? line.slice(0, warned.index) : line;
  const attrs: Record<string, string> = {};
  for (const seg of s.trim().split(ROM_SEGMENT)) {
    const eq = seg.indexOf('=');
    if (eq > 0) attrs[seg.slice(0, eq)] = seg.slice(eq + 1);
  }
  const { type, version, version_id: versionId, ...rest } = attrs;
  const v = version ?? versionId;
  if (!type || !v) return undefined;
  if (v === ROM_SKIPPED) return null;
  return warned ? { type, version: v, attrs: rest, warning: warned[1]!.trim() } : { type, version: v, attrs: rest };
}

/** The version a person reads off a value: its first dotted-number word (drops `<---latest version`). */
const versionOf = (v: string): string | undefined => /^\d+(?:\.\d+)+/.exec(v.trim())?.[0];

const guid = (v: string): { value: string; count?: number } | undefined => {
  const [value, count] = v.trim().split(/\s+/);
  if (!value || value === 'N/A' || value.includes('[')) return undefined;
  return count !== undefined && /^\d+$/.test(count) ? { value, count: Number(count) } : { value };
};

/** `mstflint -d <dev> query` / `flint -d <dev> q [full]` output, as printed or as pasted: every run in it read as one query. */
export function parseMstflintQuery(text: string): FlintQuery {
  return parseFlintLines(flintLines(text), []);
}

function parseFlintLines(lines: readonly TextLine[], unread: readonly LineIssue[]): FlintQuery {
  const fields: Record<string, string> = {};
  const roms: FlintRom[] = [];
  const issues: LineIssue[] = [];
  const errors: string[] = [];
  let last: string | undefined;
  let lastIndent = 0;
  let lastLine = 0;
  let product: string | undefined;
  let burnEnd: FlintBurn['outcome'] | undefined;
  let burnPsid: FlintBurn['psid'];
  let burnComponent: string | undefined;
  let toolVersion: string | undefined;
  const nextBootOnly = lines.some((l) => l.command !== undefined && NEXT_BOOT_ONLY.test(l.command));
  // A run ended (flint's error, or a burn's last line) and no field read since: a person's sentence here, before the next
  // run's fields, is about that run (one after the last field is text around the output, the text layer's to tell).
  let ended = false;
  let lastField = -1;
  for (const [i, l] of lines.entries()) if (FIELD.test(l.text.trim()) && !looksLikeProse(l.text)) lastField = i;
  // A page's copy that broke a field after its name (`PSID` / `:            MT_1240110019`): the name and the rest are one field.
  const brokenAt = new Set(lines.flatMap((l, i) => (isFlintField(l.text.trim()) && /^:/.test(lines[i + 1]?.text.trim() ?? '') ? [i] : [])));
  for (const [i, l] of lines.entries()) {
    if (brokenAt.has(i - 1)) continue;
    const s = brokenAt.has(i) ? `${l.text.trim()}${lines[i + 1]!.text.trim()}` : l.text.trim();
    // flint prints no dash rule: one is a script's around its run.
    if (BURN_QUESTION.test(s) || BURN_NOTE.test(s) || /^-{3,}$/.test(s)) continue;
    // A burn's progress dots on a line of their own, between its versions and its question.
    if (/^\.+$/.test(s) && Object.keys(fields).some((k) => BURN_FIELDS.has(k))) continue;
    if (ended && i < lastField && looksLikeProse(s)) continue;
    const change = PSID_CHANGE.exec(s);
    if (change) {
      burnPsid = { flash: change[1]!, image: change[2]! };
      continue;
    }
    // A burn tried again after it failed (the PSID refusal, then the run that writes) ends as its last try did.
    if (BURN_DONE.test(s)) {
      burnEnd = 'done';
      ended = true;
      continue;
    }
    const step = BURN_STEP.exec(s);
    if (step) {
      if (step[2] === 'FAILED') burnEnd = 'failed';
      const written = /^Writing (\S+) component$/.exec(step[1]!.trim());
      if (written) burnComponent = written[1];
      continue;
    }
    const version = toolVersionOf(s);
    if (version !== undefined) {
      toolVersion = version;
      continue;
    }
    if (TOOL_MESSAGE.test(s) || isCrash(s)) {
      if (s.startsWith('-W-') || s.startsWith('-I-')) continue;
      // `FATAL - crspace read (0xf0014) failed: Invalid argument` reads as a field; right above the error, it is its cause.
      const cause = last !== undefined && lastLine === l.no - 1 && !isFlintField(last) && !BURN_FIELDS.has(last) ? `${last}: ${fields[last]}` : undefined;
      if (cause !== undefined) {
        delete fields[last!];
        // The error's cause is the tool's line, not an unread one.
        const named = issues.findIndex((x) => x.line === lastLine);
        if (named >= 0) issues.splice(named, 1);
      }
      if (Object.keys(fields).some((k) => BURN_FIELDS.has(k))) burnEnd = 'failed';
      const mismatch = PSID_MISMATCH.exec(s);
      if (mismatch) burnPsid = { flash: mismatch[1]!, image: mismatch[2]! };
      errors.push(withMessages(s.replace(/^-E-\s*/, ''), cause !== undefined ? [cause] : messagesAbove(issues, l.no)));
      ended = s.startsWith('-E-');
      continue;
    }
    const m = FIELD.exec(s);
    if (m && !/^type=/.test(s)) {
      ended = false;
      last = m[1]!;
      lastLine = l.no;
      // A `Key: value` flint never prints (a script's heading, a person's note) is kept for what may follow it (an error's
      // cause), and named: no field of the query.
      if (!isFlintField(last) && !BURN_FIELDS.has(last)) issues.push({ line: l.no, text: l.text, message: 'not a field of an mstflint query' });
      lastIndent = indentOf(l);
      fields[last] = (m[2] ?? '').trim();
      const merged = PROSE_FIELDS.has(last) ? null : MERGED.exec(fields[last]);
      if (merged) {
        fields[last] = merged[1]!;
        last = merged[2]!;
        fields[last] = merged[3]!.trim();
      }
      if (last === 'Description' && !GUID_TABLE.test(fields[last])) product = fields[last];
      if (last === 'Rom Info') addRom(fields[last], l.no, l.text);
      continue;
    }
    // A value a page or a PDF broke onto the next line at the margin: a version's or date's rest (`12.19` / `.2278`), the
    // GUIDs or MACs of an FS2 list that did not fit (`GUIDs: … 0002c9030005cffc` / `0002c9030005cffd`).
    if (last !== undefined && lastLine === l.no - 1 && ((/^\.\d+$/.test(s) && /\d$/.test(fields[last]!)) || (/^(?:GUIDs|MACs)$/.test(last) && /^[0-9a-f]{12,16}(?:\s+[0-9a-f]{12,16})*$/i.test(s)))) {
      fields[last] += s.startsWith('.') ? s : ` ${s}`;
      lastLine = l.no;
      continue;
    }
    if (last !== undefined && (indentOf(l) > lastIndent || /^[a-z_]+=/.test(s))) {
      // A ROM entry names itself (`type=PXE version=…`): one after a line that is no field of flint's is still the ROM's.
      const to = /^type=/.test(s) && fields['Rom Info'] !== undefined && !isFlintField(last) ? 'Rom Info' : last;
      fields[to] += `\n${s}`;
      if (to === 'Rom Info') addRom(s, l.no, l.text);
      continue;
    }
    issues.push({ line: l.no, text: l.text, message: 'not a field of an mstflint query' });
  }
  function addRom(s: string, line: number, raw: string): void {
    const unread = ROM_UNREAD.exec(s.trim());
    if (unread) {
      if (unread[1] !== undefined) errors.push(`Rom Info: ${unread[1].trim()}`);
      return;
    }
    // A ROM of a type this flint cannot name prints its product ID alone: no version to store, and no unread line.
    if (UNNAMED_ROM.test(s.trim())) return;
    // Two ROMs on one line are a page's join of two lines, each ROM's words from its type on; words before a type
    // (the CLP's `version_id=8025 type=CLP`) are that ROM's.
    const pieces = s.trim().split(/\s+(?=type=)/);
    const roms1 = pieces.reduce<string[]>((acc, p, i) => (i > 0 && !/^type=/.test(pieces[i - 1]!) ? [...acc.slice(0, -1), `${acc.at(-1)!} ${p}`] : [...acc, p]), []);
    for (const one of roms1) {
      const r = parseRom(one);
      if (r) roms.push(r);
      else if (r === undefined) issues.push({ line, text: raw, message: 'unreadable Rom Info entry' });
    }
  }
  const burned = Object.keys(fields).some((k) => BURN_FIELDS.has(k));
  if (fields['FW Version'] === undefined && fields['FW Version(Running)'] === undefined && fields.PSID === undefined && errors.length === 0 && !burned) {
    throw new ParseError(PARSER, 'no FW Version, FW Version(Running) or PSID in the output');
  }
  const q: FlintQuery = { roms, fields, errors: errors.map((e) => withVersion(e, toolVersion)), issues };
  if (toolVersion !== undefined) q.toolVersion = toolVersion;
  if (nextBootOnly) q.nextBootOnly = true;
  const text1 = (name: string): string | undefined => {
    const v = fields[name]?.split('\n')[0]?.trim();
    return v === undefined || namesNothing(v) ? undefined : v;
  };
  const version = (name: string): string | undefined => {
    const v = text1(name);
    return v === undefined ? undefined : splitBranchTag(v)?.version ?? versionOf(v) ?? v;
  };
  const tag = (name: string): string | undefined => {
    const v = text1(name);
    return v === undefined ? undefined : splitBranchTag(v)?.tag;
  };
  const set = <K extends keyof FlintQuery>(k: K, v: FlintQuery[K] | undefined): void => {
    if (v !== undefined) q[k] = v;
  };
  if (burned) {
    const burn: FlintBurn = { outcome: burnEnd ?? 'unfinished' };
    const [before, image] = [version('Current FW version on flash'), version('New FW version')];
    if (before !== undefined) burn.before = before;
    if (image !== undefined) burn.image = image;
    if (burnPsid !== undefined) burn.psid = burnPsid;
    if (burnComponent !== undefined) burn.component = burnComponent;
    q.burn = burn;
  }
  set('imageType', text1('Image type'));
  // A query printed with the burn is what the card says; without one, the burn says what the flash holds and what runs.
  // A burn of another component (a clock board's EEPROM) says nothing of the device's firmware.
  const firmwareBurn = q.burn?.component === undefined ? q.burn : undefined;
  const flashed = firmwareBurn?.outcome === 'done' ? firmwareBurn.image ?? firmwareBurn.before : firmwareBurn?.before;
  set('fwVersion', version('FW Version') ?? (fields['FW Version(Running)'] === undefined ? flashed : undefined));
  set('fwVersionRunning', version('FW Version(Running)') ?? (version('FW Version') === undefined && firmwareBurn?.before !== flashed ? firmwareBurn?.before : undefined));
  set('fwBranchTag', tag('FW Version'));
  set('fwBranchTagRunning', tag('FW Version(Running)'));
  set('fwReleaseDate', text1('FW Release Date'));
  set('productVersion', text1('Product Version'));
  // A PSID is one word: what follows it after spaces is a writer's note (`MT_0000000634  ← Must match certified PSID`).
  const word = (name: string): string | undefined => text1(name)?.split(/\s+/)[0];
  // Without a query, a burn that wrote nothing leaves the PSID it names on the flash; one that was done wrote the image's,
  // which the card reports only once the new firmware is loaded: no one PSID is the card's then.
  set('psid', word('PSID') ?? (q.burn?.psid !== undefined && q.burn.outcome !== 'done' ? q.burn.psid.flash : undefined));
  set('origPsid', word('Orig PSID'));
  set('partNumber', text1('Part Number'));
  set('description', product === undefined || namesNothing(product) ? undefined : product);
  set('securityAttributes', text1('Security Attributes'));
  // An FS2 image (ConnectX-3) lists its addresses instead of a base: GUIDs node, port 1, port 2, system image; MACs port 1,
  // port 2. The first is the card's, as the base is on newer cards; a blank one (all ones, an Ethernet-only card) names none.
  const firstListed = (name: string, digits: number): FlintQuery['baseGuid'] => {
    const first = fields[name]?.trim().split(/\s+/)[0];
    return first !== undefined && new RegExp(`^[0-9a-f]{${digits}}$`, 'i').test(first) && !/^(?:0+|f+)$/i.test(first) ? { value: first } : undefined;
  };
  // Connect-IB's FS3 image numbers a base per port (`Base GUID1`, `Base GUID2`); the first is the card's.
  const base = (name: string): FlintQuery['baseGuid'] => {
    const v = fields[name] ?? fields[`${name}1`];
    return v === undefined ? undefined : guid(v);
  };
  set('baseGuid', base('Base GUID') ?? firstListed('GUIDs', 16));
  set('baseMac', base('Base MAC') ?? firstListed('MACs', 12));
  issues.push(...unread);
  issues.sort((a, b) => a.line - b.line);
  return q;
}

/** One query run of a file that may hold several (`flint -d 04:00.0 q` then `flint -d 05:00.0 q`, a loop over devices). */
export interface FlintRun {
  /** The device its own command line names, or the loop ran it on; undefined when nothing above it says. */
  device?: string;
  query: FlintQuery;
}

/** The runs of a file, and every line none of them read (the loader records these, once). */
export interface FlintRuns {
  runs: FlintRun[];
  issues: LineIssue[];
}

/** A flint command line: `flint -d 04:00.0 q`, `sudo mstflint -d … query | grep FW`, `C:\…\flint.exe -d mt4099_pci_cr0 q`. */
const FLINT_COMMAND = /(?:^|[\s/\\])(?:mst)?flint(?:_ext)?(?:\.exe)?(?:\s|$)/;
/** The other mst tools, whose outputs people paste above or below a query (`mlxfwreset -d … reset`, `mlxconfig … q`). */
const OTHER_MST_COMMAND = /(?:^|[\s/\\])(?:mlx|mst)(?:fwreset|config|fwmanager|reg|link|up)(?:\.exe)?(?:\s|$)/;
const commandDevice = (command: string): string | undefined => /(?:^|\s)(?:-d|--dev|--device)\s+(\S+)/.exec(command.replace(/\*\*|`/g, ''))?.[1];
/** One PCI function however a command spells it: `07:00.0`, `0000:07:00.0`, `/proc/bus/pci/07/00.0`. */
function sameFunction(device: string): string {
  const d = device.toLowerCase();
  const proc = /^\/proc\/bus\/pci\/(?:([0-9a-f]{4}):)?([0-9a-f]{2})\/([0-9a-f]{2}\.[0-7])$/.exec(d);
  const bdf = proc ? `${proc[1] ?? '0000'}:${proc[2]}:${proc[3]}` : d;
  return /^[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/.test(bdf) ? `0000:${bdf}` : bdf;
}
/**
 * A command typed at a shell prompt that names its user and host (`root@kube05:~# rm fw.bin`, `[root@host ~]# cd /tmp`):
 * the text layer takes such a line as the command an output is of only when it runs a tool it reads; another one is the
 * person's session, not a line of flint's.
 */
const SESSION_COMMAND = /^(?:\[[\w.-]+@[\w.-]+[^\]]*\]|[\w.-]+@[\w.-]+:[^\s#$]*)\s*[#$]\s+\S/;
/** `for d in 04:00.0 05:00.0; do flint -d $d q; done`: the loop variable, its values and the body. */
const FOR_LOOP = /\bfor\s+(\w+)\s+in\s+([^;]+?)\s*;\s*do\b(.*)$/;

/** The devices a shell loop line runs a flint query on, in order; undefined for any other line. */
function loopDevices(line: string): string[] | undefined {
  const m = FOR_LOOP.exec(line.replace(/\*\*|`/g, ''));
  if (!m || !FLINT_COMMAND.test(m[3]!)) return undefined;
  if (!new RegExp(`(?:-d|--dev|--device)\\s+"?\\$\\{?${m[1]}\\b`).test(m[3]!)) return undefined;
  const values = m[2]!.trim().split(/\s+/);
  return values.every((v) => /^[\w:./-]+$/.test(v)) ? values : undefined;
}

/** Query outputs one after another, cut where their first field comes again: one piece per query. */
function byFirstField(lines: readonly TextLine[]): TextLine[][] {
  const keyOf = (l: TextLine): string | undefined => FIELD.exec(l.text.trim())?.[1];
  const first = lines.map(keyOf).find((k) => k !== undefined);
  const pieces: TextLine[][] = [];
  for (const l of lines) {
    if (pieces.length === 0 || (first !== undefined && keyOf(l) === first)) pieces.push([]);
    pieces.at(-1)!.push(l);
  }
  return pieces;
}

/** A loop's output cut where its first field comes again: one piece per run, or undefined when that is not one per device. */
function loopRuns(lines: readonly TextLine[], devices: readonly string[]): TextLine[][] | undefined {
  const runs = byFirstField(lines);
  return runs.length === devices.length ? runs : undefined;
}

/**
 * Queries of several cards pasted one after another with no device named (a loop whose runs cannot be placed, outputs
 * copied from several hosts): each query starts again with the first field, and each prints its own card's base GUID
 * (else MAC, else PSID). Read apart, so that no card's values are overwritten by the next card's; undefined when the
 * lines are one query, or queries of one card (before and after an update: read as one, the later lines last).
 */
function unnamedCards(lines: readonly TextLine[], unread: LineIssue[]): FlintRun[] | undefined {
  const pieces = byFirstField(lines);
  if (pieces.length < 2) return undefined;
  try {
    const queries = pieces.map((p, i) => parseFlintLines(p, i === 0 ? unread : []));
    const card = (q: FlintQuery): string | undefined => q.baseGuid?.value ?? q.baseMac?.value ?? q.psid;
    const cards = queries.map(card);
    return cards.every((c) => c !== undefined) && new Set(cards).size === cards.length ? queries.map((query) => ({ query })) : undefined;
  } catch (e) {
    if (e instanceof ParseError) return undefined;
    throw e;
  }
}

/** The loop device a line of its output names on its own (`04:00.0`, `== 0000:04:00.0 ==`, `device: mlx5_1`), else undefined. */
function markedDevice(line: string, devices: readonly string[]): string | undefined {
  const words = line.replace(/[=#*<>\[\]()|]+/g, ' ').trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0 || words.length > 3) return undefined;
  const named = devices.filter((d) => words.some((w) => sameFunction(w.replace(/[:,]$/, '')) === sameFunction(d)));
  return named.length === 1 ? named[0] : undefined;
}

/**
 * A loop's runs as its own output names their devices (`echo $d` before each, `== 04:00.0 ==`): a device that failed to
 * open printed one line and no fields, so counting runs by position would give the next card's query to it. A run
 * naming none has no device. Undefined unless two runs name their devices.
 */
function namedLoopRuns(lines: readonly TextLine[], devices: readonly string[]): { device?: string; lines: TextLine[] }[] | undefined {
  const keyOf = (l: TextLine): string | undefined => FIELD.exec(l.text.trim())?.[1];
  const first = lines.map(keyOf).find((k) => k !== undefined);
  const runs: { device?: string; lines: TextLine[]; fields: boolean }[] = [];
  for (const l of lines) {
    const key = keyOf(l);
    const marked = key === undefined || key.toLowerCase() === 'device' ? markedDevice(l.text, devices) : undefined;
    const cur = runs.at(-1);
    if (!cur || (marked !== undefined && (cur.fields || cur.device !== undefined)) || (key !== undefined && key === first && cur.fields)) {
      runs.push({ device: marked, lines: [l], fields: key !== undefined && marked === undefined });
      continue;
    }
    if (marked !== undefined) cur.device = marked;
    else if (key !== undefined) cur.fields = true;
    cur.lines.push(l);
  }
  const named = new Set(runs.map((r) => r.device).filter((d) => d !== undefined).map(sameFunction));
  return named.size < 2 ? undefined : runs.map(({ device, lines: ls }) => (device === undefined ? { lines: ls } : { device, lines: ls }));
}

/**
 * Every query run of a saved file, each with the device its own command line names: several runs for several devices
 * (commands one after another, a loop over devices) are kept apart; runs of one device are read as one query. The
 * lines of another tool's output pasted in between (`mlxfwreset -d … reset`, `lspci -d 15b3:`) are one unread-lines
 * issue per command, not fields.
 */
export function parseMstflintRuns(text: string): FlintRuns {
  const runs = readRuns(text);
  return { runs, issues: runs.flatMap((r) => r.query.issues).sort((a, b) => a.line - b.line) };
}

function readRuns(text: string): FlintRun[] {
  const lines = flintLines(text);
  const unread: LineIssue[] = [];
  const own: TextLine[] = [];
  for (let i = 0; i < lines.length; ) {
    // Another command typed at the session's prompt (`root@kube05:~# rm $FW_FILE_NAME` after a burn): the session's line.
    // One running an mst tool (a loop over devices: `root@host:~# for d in …; do flint -d $d q; done`) is read below.
    const typed = lines[i]!.text.trim();
    if (SESSION_COMMAND.test(typed) && !FLINT_COMMAND.test(typed) && !OTHER_MST_COMMAND.test(typed)) {
      i++;
      continue;
    }
    // So are the lines of another tool typed in the same session (`# lspci -d 15b3:` above the query): its output.
    const c = lines[i]!.command;
    if (c !== undefined && !FLINT_COMMAND.test(c) && (OTHER_MST_COMMAND.test(c) || OTHER_TOOL.test(c.trim()))) {
      let j = i;
      while (j < lines.length && lines[j]!.command === c) j++;
      if (!MST_STATUS_COMMAND.test(c.trim())) unread.push({ line: lines[i]!.no, text: lines[i]!.text.trim(), message: `${j - i} line(s) of the output of "${c}" not read` });
      i = j;
      continue;
    }
    own.push(lines[i++]!);
  }
  const groups: { device?: string; loop?: string[]; lines: TextLine[] }[] = [];
  let above: string | undefined;
  for (const l of own) {
    const cur = groups.at(-1);
    // The loop typed as a line of its own, or the command line the text layer found above these lines.
    const loop = loopDevices(l.text);
    if (loop) {
      groups.push({ loop, lines: [] });
      continue;
    }
    const looped = l.command !== undefined && l.command !== above ? loopDevices(l.command) : undefined;
    above = l.command;
    if (looped) {
      groups.push({ loop: looped, lines: [l] });
      continue;
    }
    // A device given as a shell variable (`-d $dev`) or a manual's placeholder (`-d <device>`) names none.
    const named = l.command !== undefined && FLINT_COMMAND.test(l.command) && !loopDevices(l.command) ? commandDevice(l.command) : undefined;
    const d = named === undefined || isPlaceholderDevice(named) ? undefined : named;
    if (!cur || (d !== undefined && (cur.loop !== undefined || (cur.device !== undefined && d !== cur.device)))) groups.push({ device: d, lines: [l] });
    else {
      // Lines above the first command (a heading) belong to its run.
      if (d !== undefined && cur.device === undefined) cur.device = d;
      cur.lines.push(l);
    }
  }
  const runs = groups.flatMap((g) => {
    if (!g.loop) return [{ device: g.device, lines: g.lines }];
    // Runs whose own output names their device (`echo $d` in the loop) are that device's; else, one run per device in order.
    const named = namedLoopRuns(g.lines, g.loop);
    if (named) return named;
    const pieces = loopRuns(g.lines, g.loop);
    return pieces ? pieces.map((p, i) => ({ device: g.loop![i], lines: p })) : [{ lines: g.lines }];
  });
  const single = (): FlintRun[] => {
    const devices = runs.map((r) => r.device).filter((d) => d !== undefined);
    const mine = own.filter((l) => !loopDevices(l.text));
    if (devices.length === 0) {
      const cards = unnamedCards(mine, unread);
      if (cards) return cards;
    }
    const q = parseFlintLines(mine, unread);
    return [devices.length > 0 && new Set(devices.map(sameFunction)).size === 1 ? { device: devices[0], query: q } : { query: q }];
  };
  if (new Set(runs.map((r) => r.device).filter((d) => d !== undefined).map(sameFunction)).size < 2) return single();
  // Runs of one device (a query before and after an update) are read as one query, the later lines last.
  const byDevice = new Map<string | undefined, { device?: string; lines: TextLine[] }>();
  for (const r of runs) {
    const k = r.device === undefined ? undefined : sameFunction(r.device);
    const g = byDevice.get(k);
    if (g) g.lines.push(...r.lines);
    else byDevice.set(k, { device: r.device, lines: [...r.lines] });
  }
  try {
    return [...byDevice.values()].map(({ device, lines: ls }, i) => {
      const query = parseFlintLines(ls, i === 0 ? unread : []);
      return device === undefined ? { query } : { device, query };
    });
  } catch (e) {
    if (e instanceof ParseError) return single();
    throw e;
  }
}
