import { ParseError } from '../../parsers/errors.js';
import { couldWrapBefore, jsonDocument, looksLikeProse, type LineIssue } from '../../parsers/text-input.js';
import { isCrash, messagesAbove, toolVersionOf, withMessages, withVersion } from './tool-messages.js';
import { parseMlxValue, type MlxValue } from './value.js';
import { MST_STATUS_COMMAND, OTHER_TOOL } from './other-tools.js';
import { isPlaceholderDevice } from './placeholder.js';
import { mstText } from './mst-text.js';
import { type TextLine } from '../../parsers/text-lines.js';

export type MlxColumn = 'default' | 'current' | 'next_boot' | 'new';

export interface MlxParam {
  /** The mlxconfig name as printed: `NUM_OF_VFS`, `LINK_TYPE_P1`, `HOST_CHAINING_DESCRIPTORS[3]`. */
  name: string;
  values: Partial<Record<MlxColumn, MlxValue>>;
  /** The `*` marker: next boot differs from default or current (or JSON `modified`). */
  marked: boolean;
  readOnly: boolean;
  /** Fewer values than the layout has columns (a cut line). */
  partial?: boolean;
}

export interface MlxDevice {
  /** `Device #n` (1 when the output has no device header). */
  index: number;
  deviceType?: string;
  name?: string;
  description?: string;
  /** The device as given to the tool (BDF, /dev/mst path, mlx5_N). */
  device?: string;
  columns: MlxColumn[];
  params: MlxParam[];
  /** The `-d` of the command line pasted above this device's lines (`# mstconfig -d 3b:00.0 query`). */
  commandDevice?: string;
  /** `-E-` lines of the tool for this device. */
  errors: string[];
}

export interface MlxQuery {
  devices: MlxDevice[];
  /** Lines that are neither a header, a parameter nor a tool message (text form only). */
  issues: LineIssue[];
  /** The tool and version its `-v` line above the run names (`mstconfig, mstflint 4.15.0`). */
  toolVersion?: string;
}

const PARSER = 'mstconfig';
const HEADER_KEYS: Record<string, 'deviceType' | 'name' | 'description' | 'device'> = {
  'Device type': 'deviceType',
  Name: 'name',
  Description: 'description',
  Device: 'device',
  'PCI device': 'device',
};
const COLUMN_LABELS: [RegExp, MlxColumn][] = [
  [/^Default\b/, 'default'],
  [/^Current\b/, 'current'],
  [/^Next Boot\b/, 'next_boot'],
  [/^New\b/, 'new'],
];

/** Column names from the text after `Configurations:` ("Default  Current  Next Boot", "Next Boot", …); undefined when unknown. */
function parseColumns(rest: string): MlxColumn[] | undefined {
  const cols: MlxColumn[] = [];
  let s = rest.trim();
  while (s !== '') {
    const hit = COLUMN_LABELS.find(([re]) => re.test(s));
    if (!hit) return undefined;
    cols.push(hit[1]);
    s = s.replace(hit[0], '').trim();
  }
  // `set --with_default` heads the next boot values (the defaults it has just reset to) "Default" when no Default column
  // of its own is shown: a set preview with New and no Next Boot.
  const labelled = cols.indexOf('new') - 1;
  if (labelled >= 0 && cols[labelled] === 'default' && !cols.includes('next_boot')) cols[labelled] = 'next_boot';
  return cols;
}

/** Columns of a fragment without column headings, from the widest line. */
function inferColumns(widest: number): MlxColumn[] {
  if (widest >= 4) return ['default', 'current', 'next_boot', 'new'];
  if (widest === 3) return ['default', 'current', 'next_boot'];
  if (widest === 2) return ['next_boot', 'new'];
  return ['next_boot'];
}

const FOOTER = /^The '(\*|RO)' shows parameters/;
/** The footers as mlxcfg_ui.cpp prints them. */
const FOOTER_TEXTS = ["The '*' shows parameters with next value different from default/current value.", "The 'RO' shows parameters which are for read only."];
/** `-e` on firmware that reads only the next boot values: the tool's note under the table. */
const NOT_SUPPORTED_NOTE = /^Device Firmware does not support reading (?:default and current|default|current) configurations$/;
/** The error a query that could not read some TLVs ends with; the lines under it name them. */
const FAILED_TLVS = /^Failed to query some of the TLVs:/;
const FAILED_TLVS_LINE = /^(?:Failed to query the (?:default|current|next) values of the following TLVs:|[a-z][a-z0-9_]*(?:\s+[a-z][a-z0-9_]*)*)$/;
/** Between two enum values printed with no space between them. */
const GLUED_VALUES = /(?<=\(-?\d+\))(?=\S)/;
/** A value the tool could not read (MLXCFG_UNKNOWN): no value. */
const UNREAD = 'N/A';
const MARKERS = new Set(['*', 'RO', '*RO']);
/** mlxconfig names are upper case with digits and underscores (`EXP_ROM_UEFI_x86_ENABLE`, `X[3]`). */
const PARAM_NAME = /^[A-Z][A-Za-z0-9_]*(\[\d+\])?$/;
/** One printed value: `NAME(n)`, a number, `Array[lo..hi]` or a bare word. */
const VALUE = /^(?:\S+\(-?\d+\)|-?\d+|0x[0-9a-fA-F]+|Array\[\d+\.\.\d+\]|[A-Za-z0-9_.+/-]+)$/;
const CUT_VALUE = /^[A-Za-z0-9_()[\].+/-]+$/;
/** A value as the tool prints it in a row with others: `NAME(n)`, a number, hex, `Array[lo..hi]`, `N/A` (no bare word). */
const PRINTED_VALUE = /^(?:\S+\(-?\d+\)|-?\d+|0x[0-9a-fA-F]+|Array\[\d+\.\.\d+\]|N\/A)$/;
/** The narrowest margin mail clients break lines at (RFC 2646 suggests 66 to 72 columns; many break at 72 or 76). */
const WRAP_MARGIN = 60;
/** The most columns a query or set preview prints (`-e` set: Default, Current, Next Boot, New). */
const MAX_COLUMNS = 4;
/** The rest of a column heading broken at a margin: column names alone. */
const COLUMN_WORDS = /^(?:(?:Default|Current|Next|Boot|New)\s*)+$/;
/**
 * The tool's own prompts and notes around a `set` (`Apply new Configuration? (y/n) [n] : y`, `Applying... Done!`), and
 * those of `set --with_default` (`Apply reset and set?`, `Param X is not going to be set since value matches next value`).
 */
const SET_CHATTER = /^(?:Apply new Configuration\?|Apply reset and set\?|Applying\.\.\.|Configurations? (?:were|was) |Param \S+ is not going to be set since value matches next value$|Nothing to set$)/;
/** The prompt with its answer on the next line, as a terminal shows it when the answer was typed after a line break. */
const OPEN_PROMPT = /^Apply (?:new Configuration|reset and set)\? \(y\/n\) \[n\] ?:$/;

const isOtherToolCommand = (command: string): boolean => OTHER_TOOL.test(command.trim()) && !/(?:^|[\s/\\])(?:mlx|mst)config(?:\.exe)?(?:\s|$)/.test(command);

/**
 * The device a line a script echoed names, alone with a few words (`Device 0000:05:00.0 VF count:`, `=== Device:
 * 0000:05:00.0 ===`, `== /dev/mst/mt4129_pciconf0 ==`); never the tool's own `Device:` field, which starts the line.
 */
const ECHOED_DEVICE = /^(?:[=#*-]{2,}\s*)?(?:[A-Za-z][\w-]*:?\s+){0,2}((?:[0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]|\/dev\/mst\/\S+?|mt\d+_pci\w*\d+(?:\.\d+)?)(?:\s+[A-Za-z][\w-]*){0,3}:?(?:\s*[=#*-]{2,})?$/;
/** Anything naming a device: a PCI address, an mst node. */
const ANY_DEVICE = /(?:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]|\/dev\/mst\/|mt\d+_pci)/g;
function echoedDevice(line: string): string | undefined {
  // Two names (a shell's completion list of mst nodes) are no line naming the device of what follows.
  if (/^(?:Device|PCI device):\s/.test(line) || (line.match(ANY_DEVICE)?.length ?? 0) !== 1) return undefined;
  const d = ECHOED_DEVICE.exec(line)?.[1];
  return d === undefined || isPlaceholderDevice(d) ? undefined : d;
}

/** A line's text compared across its forms: no colour codes or zero-width characters, each run of spaces one space. */
const flat = (t: string): string =>
  t
    .replace(/\x1b\[[0-9;]*m|[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" })[e]!)
    .replace(/\\(?!n)([\\`*_{}[\]()#+\-.!|>~])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
/** Marks a log or quote puts before each stored line, compared by their shape: a time stamp's digits differ line by line. */
const shape = (t: string): string => t.replace(/\d/g, '0');

/** The device a pasted command line names (`mstconfig -d 3b:00.0 query`), without Markdown bold or code marks around its parts. */
const commandDevice = (command: string | undefined): string | undefined => {
  const d = command === undefined ? undefined : /(?:^|\s)(?:-d|--dev|--device)\s+(\S+)/.exec(command.replace(/\*\*|`/g, ''))?.[1];
  return d === undefined || isPlaceholderDevice(d) ? undefined : d;
};

interface RawParam {
  tokens: string[];
  marked: boolean;
  readOnly: boolean;
  line: number;
}

/**
 * The name column is `%-36s` (mlxcfg_ui.cpp printSingleParam; `%-44s` from 4.22, `%-48s` from 4.35.0-1.6): a name of 36
 * characters or more runs into the first value (4.14's `VIRTIO_NET_EMULATION_SUBSYSTEM_VENDOR_ID0`).
 */
const NAME_COLUMN = 36;
/** Where a token could be a name that overflowed its column and the value glued to it. */
function overflowSplits(token: string): [string, string][] {
  const splits: [string, string][] = [];
  for (let k = NAME_COLUMN; k < token.length; k++) {
    const [name, value] = [token.slice(0, k), token.slice(k)];
    // A number's digits all belong to the value: a name ends where they start.
    if (PARAM_NAME.test(name) && PRINTED_VALUE.test(value) && !(/^\d/.test(value) && /\d$/.test(name))) splits.push([name, value]);
  }
  return splits;
}
/**
 * The name and value of a token that is a name glued to its first value. A number or N/A cannot start with a name's
 * letter; an enum label may: the one the row prints in another column (default, current and next boot are often one),
 * else one in mixed case (`True(1)`) after the upper case name. An upper case enum value alone is a value.
 */
function gluedName(token: string, cells: string[]): [string, string] | undefined {
  if (token.length <= NAME_COLUMN) return undefined;
  const splits = overflowSplits(token);
  return (
    splits.find(([, v]) => /^(?:-?\d+|N\/A)$/.test(v)) ??
    splits.find(([, v]) => cells.includes(v)) ??
    splits.find(([, v]) => /^[A-Z][a-z][A-Za-z]*\(-?\d+\)$/.test(v))
  );
}
/** A parameter's name, alone or glued to its first value. */
const isNameToken = (t: string, cells: string[] = []): boolean => PARAM_NAME.test(t) || gluedName(t, cells) !== undefined;

/** A row one value short whose name overflowed its column: the name and its first value, else the tokens as they are. */
function splitOverflow(tokens: string[], columns: number): string[] {
  const [first, ...cells] = tokens;
  const glued = first === undefined || cells.length >= columns ? undefined : gluedName(first, cells);
  return glued ? [...glued, ...cells] : tokens;
}

function isParamLine(tokens: string[]): boolean {
  const [name, ...cells] = tokens;
  if (!name || !isNameToken(name, cells) || (name !== name.toUpperCase() && !name.includes('_'))) return false;
  // The last value of a line cut short (a pasted excerpt) may be cut too: `LID(1`.
  return cells.every((c, i) => VALUE.test(c) || (i === cells.length - 1 && CUT_VALUE.test(c)));
}

/** `mstconfig -d <dev> [-e] query` / `mlxconfig … q` and the `set` preview, as printed or as pasted. */
/** A header field of the query where a page that flattened it starts a new line: `Device #1:`, its rule, `Device type:` … `Configurations:`. */
const FLAT_LABEL = /(?:^|\s)(?:Device #\d+:|-{4,}|Device type:|Name:|Description:|Device:|PCI device:|Configurations:)(?=\s|$)/g;
/** The column names a flattened heading starts with, before the first parameter's row. */
const FLAT_COLUMNS = /^((?:(?:Default|Current|Next Boot|New)\s+)+)/;
/**
 * A query a web page or a chat flattened onto one line (`Device #1: ---------- Device type: BlueField2 Name: … Configurations:
 * Next Boot INTERNAL_CPU_MODEL EMBEDDED_CPU(1) …`), or a table flattened below header lines kept as printed: each header
 * field, the column heading, each parameter's row (its name, its `*` or `RO` mark, a value per column the heading names)
 * and the footer a line of its own, with the same line number. A line the tool printed (one field, a heading alone, a row)
 * is left as it is; so is a flattened table whose words do not make whole rows.
 */
function unflattenedQuery(l: TextLine): TextLine[] {
  const s = l.text.trim();
  const cfgAt = s.search(/(?:^|\s)Configurations:\s/);
  const head = cfgAt < 0 ? s : s.slice(0, cfgAt).trim();
  const at = [...head.matchAll(FLAT_LABEL)].map((m) => (/^\s/.test(m[0]) ? m.index + 1 : m.index));
  // Three labels at least, or the device's heading first: a description may name a word with a colon (`…; Name: none`).
  const flattened = at[0] === 0 && (at.length >= 3 || (at.length === 2 && /^Device #\d+:/.test(head)));
  const headPieces = flattened ? at.map((from, i) => head.slice(from, at[i + 1]).trim()) : head === '' ? [] : [head];
  let rows: string[] = [];
  if (cfgAt >= 0) {
    const cfg = s.slice(cfgAt).trim().replace(/^Configurations:\s*/, '');
    const footerAt = cfg.search(/\sThe '(?:\*|RO)' shows parameters/);
    const table = footerAt < 0 ? cfg : cfg.slice(0, footerAt);
    const footer = footerAt < 0 ? [] : [cfg.slice(footerAt).trim()];
    const colsText = FLAT_COLUMNS.exec(`${table} `)?.[1]?.trim();
    const columns = colsText === undefined ? undefined : parseColumns(colsText);
    const tokens = colsText === undefined ? [] : table.slice(colsText.length).trim().split(/\s+/).filter((t) => t !== '');
    const grouped: string[] = [];
    let ok = columns !== undefined && columns.length > 0 && tokens.length > 0;
    for (let i = 0; ok && i < tokens.length; ) {
      const mark = MARKERS.has(tokens[i]!) ? tokens[i++]! : undefined;
      const name = tokens[i];
      const values = tokens.slice(i + 1, i + 1 + columns!.length);
      if (name === undefined || !PARAM_NAME.test(name) || values.length < columns!.length || values.some((v) => PARAM_NAME.test(v) && !VALUE.test(v))) ok = false;
      else grouped.push([...(mark ? [mark] : []), name, ...values].join('   '));
      i += 1 + columns!.length;
    }
    if (!ok) return headPieces.length > 1 ? [...headPieces.map((t) => ({ ...l, text: t })), { ...l, text: s.slice(cfgAt).trim() }] : [l];
    rows = [`Configurations: ${colsText}`, ...grouped, ...footer];
  }
  if (headPieces.length <= 1 && rows.length === 0) return [l];
  return [...headPieces, ...rows].map((t) => ({ ...l, text: t }));
}

export function parseMstconfigQuery(text: string): MlxQuery {
  // The `-j` document, also when pasted around a prompt; an output escaped inside a JSON log line is text.
  const json = jsonDocument(text);
  if (json !== undefined) return parseMstconfigJson(json);
  const devices: MlxDevice[] = [];
  const issues: LineIssue[] = [];
  let dev: MlxDevice | undefined;
  let raws: RawParam[] = [];
  let inConfigs = false;
  const finish = (): void => {
    if (!dev) return;
    const widest = Math.max(0, ...raws.map((r) => r.tokens.length - 1));
    if (dev.columns.length === 0 && raws.length > 0) dev.columns = inferColumns(widest);
    for (const r of raws) {
      const p = toParam(r, dev.columns);
      // The same parameter again (a query of the device run after its set): the later run's values are the card's.
      const earlier = p && dev.params.find((q) => q.name === p.name);
      if (earlier && p) Object.assign(earlier.values, p.values);
      else if (p) dev.params.push(p);
      else issues.push({ line: r.line, text: r.tokens.join(' '), message: `${r.tokens.length - 1} values but the layout has ${dev.columns.length} columns` });
    }
    devices.push(dev);
    dev = undefined;
    raws = [];
  };
  let commanded: string | undefined;
  const current = (index = 1): MlxDevice => (dev ??= { index, columns: [], params: [], errors: [], ...(commanded !== undefined ? { commandDevice: commanded } : {}) });

  let answerDue = false;
  /** The tool's own lines around a set (its question, `Applying... Done!`, `-I-` notes): a preview cut down to them is still its output. */
  let toolLines = 0;
  let toolVersion: string | undefined;
  /** The line that set the device's description: a mail client may have wrapped the rest onto the next line. */
  let descriptionLine = -1;
  let descriptionText = '';
  /** The line read before this one: a line the text layer took out (a diff's older side) is not between the two. */
  let previous = -1;
  /** The line of the last `-E-` line read. */
  let errorLine = -1;
  /** The line of the footer read last. */
  let footerLine = -1;
  /** The `Configurations:` heading read last, and the column names after it. */
  let heading: { line: number; rest: string } | undefined;
  const raw = text.split('\n');
  /** Whether line b follows line a with no empty line between them (lines the text layer took out may be). */
  const follows = (a: number, b: number): boolean => a > 0 && b > a && raw.slice(a, b - 1).every((r) => r.replace(/^[\s>|]*/, '') !== '');
  /** The output of another tool typed in the same session (`lspci | grep MT2910` above the query), not read. */
  let other: { issue: LineIssue; command: string; count: number } | undefined;
  const cleaned = mstText(text);
  const escaped = /\\n/.test(text);
  /**
   * The lines of an escaped output that start a line of its stored copy after a break inside a row (the stored line
   * before ends with no `\n` escape): a log line's copy broken there, the rest of that row on the next stored line, behind
   * whatever marks each stored line carries (a log or quote prefix). By their text, as read, to the stored line before.
   */
  const storeBreaks = new Map<string, string>();
  if (escaped) {
    // An HTML mail's `<br>` ends a stored line as a line end does.
    const stored = text.split(/\n|<br\s*\/?>/i);
    stored.forEach((r, k) => {
      const head = flat(r.split('\\n')[0]!);
      if (k > 0 && head !== '' && !/\\n\s*$/.test(stored[k - 1]!)) storeBreaks.set(head, flat(stored[k - 1]!));
    });
  }
  // Such a line set aside for its marks (a quote's `> True(1)  True(1)`) is still read for the row's rest.
  const read = [...cleaned.lines, ...cleaned.noise.filter((n) => storeBreaks.has(flat(n.text)))].sort((a, b) => a.no - b.no);
  /** A line as the text layer gives it (a log line's escaped output decoded), by number. */
  const shown = new Map(read.map((x) => [x.no, x.text]));
  for (const l of read.flatMap(unflattenedQuery)) {
    const line = l.no;
    // A person's words after it are theirs, told as everywhere else (text around the output), not the tool's.
    if (l.command !== undefined && isOtherToolCommand(l.command) && !looksLikeProse(l.text)) {
      if (MST_STATUS_COMMAND.test(l.command.trim())) continue;
      if (other?.command !== l.command) {
        other = { issue: { line, text: l.text.trim(), message: '' }, command: l.command, count: 0 };
        issues.push(other.issue);
      }
      other.count++;
      other.issue.message = `${other.count} line(s) of the output of "${l.command}" not read`;
      continue;
    }
    other = undefined;
    const before = previous;
    previous = line;
    const s = l.text.trim();
    // Several commands pasted one after another: what follows a command naming another device is that device's, as what
    // follows a line a loop echoed naming one (`Device 0000:05:00.0 VF count:`, `=== Device: 0000:05:00.0 ===`).
    const typedDevice = commandDevice(l.command);
    const echoed = typedDevice === undefined ? echoedDevice(s) : undefined;
    const named = typedDevice ?? echoed;
    if (named !== undefined && named !== commanded) {
      const known = dev?.commandDevice ?? dev?.device;
      if (known !== undefined && known !== named) finish();
      else if (dev && dev.commandDevice === undefined) dev.commandDevice = named;
      commanded = named;
    }
    if (echoed !== undefined) continue;
    const answer = answerDue && /^(?:y|n|yes|no)$/i.test(s);
    answerDue = OPEN_PROMPT.test(s);
    if (/^-[WI]-/.test(s) || SET_CHATTER.test(s)) toolLines++;
    // The TLVs named under `-E- Failed to query some of the TLVs:`.
    const lastError = dev?.errors.at(-1);
    if (lastError !== undefined && FAILED_TLVS.test(lastError) && errorLine === before && FAILED_TLVS_LINE.test(s)) {
      dev!.errors[dev!.errors.length - 1] = `${lastError} ${s}`;
      errorLine = line;
      continue;
    }
    // A set command's last arguments a mail client moved below its line (`… set LINK_TYPE_P1=2` / `LINK_TYPE_P2=2`):
    // the tool prints no line of assignments, and none before its output.
    if (dev === undefined && l.command !== undefined && /^(?:[A-Z][A-Za-z0-9_]*(?:\[\d+\])?=\S+\s*)+$/.test(s)) continue;
    // The footer's last words a mail client moved onto the next line (`… default/current` / `value.`).
    if (footerLine === before && follows(before, line) && FOOTER_TEXTS.some((f) => f.endsWith(` ${s}`))) continue;
    if (FOOTER.test(s)) footerLine = line;
    if (answer || /^-+$/.test(s) || FOOTER.test(s) || NOT_SUPPORTED_NOTE.test(s) || /^-[WI]-/.test(s) || SET_CHATTER.test(s)) continue;
    const devHead = /^Device #(\d+):$/.exec(s);
    if (devHead) {
      finish();
      current(Number(devHead[1]));
      inConfigs = false;
      continue;
    }
    const version = toolVersionOf(s);
    if (version !== undefined) {
      toolVersion = version;
      continue;
    }
    if (s.startsWith('-E-') || isCrash(s)) {
      const error = withMessages(s.replace(/^-E-\s*/, ''), messagesAbove(issues, line));
      // A query of all devices (no -d) prints one line per device it cannot read, with nothing else to tell them apart.
      if (dev && commanded === undefined && dev.errors.length > 0 && raws.length === 0 && !dev.deviceType && !dev.name && !dev.device) {
        const next = dev.index + 1;
        finish();
        current(next);
      }
      current().errors.push(error);
      errorLine = line;
      continue;
    }
    const cfg = /^Configurations:(.*)$/.exec(s);
    if (cfg) {
      const cols = parseColumns(cfg[1]!);
      if (!cols) issues.push({ line, text: l.text, message: 'unknown column heading' });
      current().columns = cols ?? [];
      inConfigs = true;
      heading = { line, rest: cfg[1]! };
      continue;
    }
    // A heading a mail client broke at its margin (`… Current         Next` / `Boot`): the rest is column names alone.
    if (heading && heading.line === before && follows(before, line) && COLUMN_WORDS.test(s)) {
      const cols = parseColumns(`${heading.rest} ${s}`);
      if (cols) {
        const at = heading.line;
        const dropped = issues.findIndex((i) => i.line === at && i.message === 'unknown column heading');
        if (dropped >= 0) issues.splice(dropped, 1);
        current().columns = cols;
        heading = { line, rest: `${heading.rest} ${s}` };
        continue;
      }
    }
    // A page may have dropped the spaces after a header's colon (`Device type:ConnectX4LX`).
    const kv = /^([A-Za-z ]+?):\s*(.*)$/.exec(s);
    if (!inConfigs && kv && HEADER_KEYS[kv[1]!]) {
      current()[HEADER_KEYS[kv[1]!]!] = (kv[2] ?? '').trim();
      if (HEADER_KEYS[kv[1]!] === 'description') {
        descriptionLine = line;
        descriptionText = s;
      }
      continue;
    }
    // A description a mail client broke after a word: its rest alone on the next line is no parameter, unless it looks
    // like one (`ROHS R6`) but starts at the margin below a line long enough to have been broken (parameters are indented).
    const brokenAt = (no: number): boolean => (shown.get(no) ?? '').trimEnd().length >= WRAP_MARGIN && !/^\s/.test(l.text);
    if (!inConfigs && dev?.description && descriptionLine === before && follows(before, line) && wrappedBefore(descriptionText, s) && (!isParamLine(s.split(/\s+/)) || brokenAt(before))) {
      dev.description = `${dev.description} ${s}`;
      descriptionLine = line;
      descriptionText = s;
      continue;
    }
    // Releases up to 4.35 print each value `%-16s` with a space after only a wider one (none at all up to 4.12): a value of
    // 16 characters or more runs into the next (`DEVICE_DEFAULT(0)DEVICE_DEFAULT(0)`); an enum value ends at its `(n)`.
    const tokens = s.split(/\s+/).flatMap((t) => t.split(GLUED_VALUES));
    let marked = false;
    let readOnly = false;
    if (MARKERS.has(tokens[0]!)) {
      marked = tokens[0]!.startsWith('*');
      readOnly = tokens[0]!.endsWith('RO');
      tokens.shift();
      if (tokens[0] === 'RO') {
        readOnly = true;
        tokens.shift();
      }
    }
    if (tokens.length === 0) continue;
    // Values a mail client moved onto the next line at its margin, below their parameter's row (`PCI_ATOMIC_MODE` /
    // `…_ENABLED(0)`; an -e row of three columns broken after its second value): the tool prints no line of values alone.
    const above = raws.at(-1);
    const room = (dev && dev.columns.length > 0 ? dev.columns.length : MAX_COLUMNS) - (above ? above.tokens.length - 1 : 0);
    // Only a row that, whole, would have reached a margin was broken; a name alone has no width of its own to tell.
    // An output escaped in a log line (`\n`) was not broken at a mail margin: only where its stored copy breaks a row.
    const storedBefore = escaped ? storeBreaks.get(flat(s)) : undefined;
    const storeBreak = storedBefore !== undefined;
    const broken =
      above !== undefined && (above.tokens.length === 1 || (escaped ? storeBreak : (shown.get(above.line) ?? '').trimEnd().length + 1 + s.length >= WRAP_MARGIN));
    const moved = (t: string): boolean => (above?.tokens.length === 1 ? VALUE.test(t) && !isNameToken(t) : PRINTED_VALUE.test(t));
    // The row's rest is the values at the end of the stored line; what is before them is the marks the line before carries too.
    const firstMoved = tokens.length - [...tokens].reverse().findIndex((t) => !moved(t));
    const marks = (n: number): boolean => storeBreak && firstMoved <= tokens.length && shape(storedBefore).startsWith(shape(flat(tokens.slice(0, n).join(' '))));
    // A break inside a value (`…EXT_ATOMIC_ENABLED(` / `0) …`): the value's rest is the first word after the marks.
    const cutValue = above?.tokens.at(-1);
    const valueRest = storeBreak && firstMoved > 0 && cutValue !== undefined && !VALUE.test(cutValue) && PRINTED_VALUE.test(cutValue + tokens[firstMoved - 1]!) && marks(firstMoved - 1);
    const rest = valueRest || marks(firstMoved) ? tokens.slice(firstMoved) : tokens;
    // Only lines left unread between them (a line the log never held): the stored copy's break is still the row's.
    const adjacent = above !== undefined && (above.line === before || (storeBreak && issues.some((i) => i.line === before) && before > above.line));
    if (above && broken && adjacent && follows(before, line) && !marked && (valueRest || rest.length > 0) && rest.length <= room && rest.every(moved)) {
      if (valueRest) above.tokens[above.tokens.length - 1] = cutValue + tokens[firstMoved - 1]!;
      above.tokens.push(...rest);
      above.line = line;
      continue;
    }
    if (!isParamLine(tokens) || looksLikeProse(s)) {
      issues.push({ line, text: l.text, message: 'not a header, parameter or message of an mstconfig query' });
      continue;
    }
    current();
    raws.push({ tokens, marked, readOnly, line });
  }
  finish();
  if (devices.length === 0 && toolLines === 0) throw new ParseError(PARSER, 'no device and no configuration in the output');
  for (const d of devices) d.errors = d.errors.map((e) => withVersion(e, toolVersion));
  return { devices, issues, ...(toolVersion !== undefined ? { toolVersion } : {}) };
}

function toParam(r: RawParam, columns: MlxColumn[]): MlxParam | undefined {
  const [name, ...printed] = splitOverflow(r.tokens, columns.length);
  // A value cut short at the end of a pasted excerpt (`LID(1`) is no value.
  const cells = printed.length > 0 && !VALUE.test(printed.at(-1)!) ? printed.slice(0, -1) : printed;
  if (cells.length > columns.length) return undefined;
  const values: Partial<Record<MlxColumn, MlxValue>> = {};
  cells.forEach((c, i) => {
    if (c !== UNREAD) values[columns[i]!] = parseMlxValue(c);
  });
  const p: MlxParam = { name: name!, values, marked: r.marked, readOnly: r.readOnly };
  if (cells.length < columns.length || cells.length < printed.length) p.partial = true;
  return p;
}

type JsonCell = string | number | boolean | null | undefined;
interface JsonParam {
  read_only?: boolean;
  modified?: boolean;
  next_value?: JsonCell;
  default_value?: JsonCell;
  current_value?: JsonCell;
}

const cell = (v: JsonCell): MlxValue | undefined =>
  v === undefined || v === null || v === UNREAD ? undefined : typeof v === 'boolean' ? { raw: String(v), number: v ? 1 : 0 } : parseMlxValue(String(v));

/** Whether a mail client could have broken a description's `line` before `next` (both as read, without indentation or quote marks). */
function wrappedBefore(line: string, next: string): boolean {
  // A line shaped as a header (`Words: value`) is one the tool or a newer release printed, not a description's rest.
  return couldWrapBefore(line.trim(), next) && !/^[A-Za-z ]+:(?:\s|$)/.test(next.trim());
}

/** The `-j FILE` form: {"Device #1": {device_type, name, description, device, tlv_configuration: {…}}}. */
export function parseMstconfigJson(text: string): MlxQuery {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ParseError(PARSER, `invalid JSON: ${(e as Error).message}`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new ParseError(PARSER, 'JSON query output is not an object');
  const devices: MlxDevice[] = [];
  const issues: LineIssue[] = [];
  // A member a newer tool adds is named as unread; the devices beside it are read as ever.
  const unread = (key: string, message: string): void => {
    const quoted = JSON.stringify(key);
    const at = text.split('\n').findIndex((l) => l.includes(quoted));
    issues.push({ line: at + 1, text: at < 0 ? quoted : text.split('\n')[at]!.trim(), message });
  };
  for (const [key, body] of Object.entries(doc as Record<string, unknown>)) {
    const m = /^Device #(\d+)$/.exec(key);
    if (!m || !body || typeof body !== 'object' || Array.isArray(body)) {
      unread(key, m ? `${key} is not an object` : `a member mstconfig never printed: "${key}"`);
      continue;
    }
    const b = body as Record<string, unknown>;
    const confs = b.tlv_configuration;
    if (!confs || typeof confs !== 'object') throw new ParseError(PARSER, `${key} has no tlv_configuration object`);
    const str = (k: string): string | undefined => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
    const params: MlxParam[] = [];
    let withDefaults = false;
    for (const [name, pv] of Object.entries(confs as Record<string, JsonParam | null>)) {
      if (!pv || typeof pv !== 'object' || Array.isArray(pv)) {
        unread(name, `a tlv_configuration member that is no parameter object: "${name}"`);
        continue;
      }
      const values: Partial<Record<MlxColumn, MlxValue>> = {};
      const d = cell(pv.default_value);
      const c = cell(pv.current_value);
      const n = cell(pv.next_value);
      if (d) values.default = d;
      if (c) values.current = c;
      if (n) values.next_boot = n;
      if (d || c) withDefaults = true;
      params.push({ name, values, marked: pv.modified === true, readOnly: pv.read_only === true });
    }
    devices.push({
      index: Number(m[1]),
      deviceType: str('device_type'),
      name: str('name'),
      description: str('description'),
      device: str('device'),
      columns: withDefaults ? ['default', 'current', 'next_boot'] : ['next_boot'],
      params,
      errors: [],
    });
  }
  if (devices.length === 0) throw new ParseError(PARSER, `JSON query output holds no device${issues.length ? ` (only ${Object.keys(doc).map((k) => JSON.stringify(k)).join(', ')})` : ''}`);
  return { devices, issues };
}
