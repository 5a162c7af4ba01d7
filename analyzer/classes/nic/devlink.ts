import { ParseError } from '../../parsers/errors.js';
import { devlinkOutput } from './devlink-json-runs.js';
import { cleanText, indentOf, IP_LISTING, ipListingLines, isGitMailLine, looksLikeProse, trailingProse, type CleanText, type LineIssue, type TextLine } from '../../parsers/text-input.js';

/**
 * `devlink dev info`, `devlink dev param show` / `port param show` and `devlink health show`, either as
 * JSON (`devlink -j`) or as text — including text pasted from web pages, tickets and e-mails (see
 * text-input.ts). The form is told by the first character of the cleaned text. Text parsers never give up
 * on an artifact: a line they do not know becomes an issue with its line number, and the rest is read.
 */

export type VersionGroup = 'fixed' | 'running' | 'stored';
export const VERSION_GROUPS: readonly VersionGroup[] = ['fixed', 'running', 'stored'];

export interface DevlinkInfo {
  handle: string;
  driver?: string;
  serialNumber?: string;
  boardSerialNumber?: string;
  versions: Record<VersionGroup, Record<string, string>>;
  /** Version names the driver marks as flashable components (`flash_components:`). */
  flashComponents: string[];
  /** Other top-level lines (function.uid…). */
  other: Record<string, string>;
}

export type ParamValue = string | number | boolean | null;

export interface DevlinkParam {
  handle: string;
  name: string;
  type: string;
  values: { cmode: string; value: ParamValue; default?: ParamValue }[];
}

export interface DevlinkReporter {
  handle: string;
  name: string;
  state?: string;
  error?: number;
  recover?: number;
  gracePeriodMs?: number;
  autoRecover?: boolean;
  autoDump?: boolean;
  lastDump?: string;
  /** Any other attribute, as printed. */
  other: Record<string, ParamValue>;
}

/** What a devlink parser read, and each line it could not. */
export interface Parsed<T> {
  items: T[];
  issues: LineIssue[];
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function section(parser: string, text: string, name: string): Record<string, Json> {
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch (e) {
    throw new ParseError(parser, `invalid JSON: ${(e as Error).message}`);
  }
  const s = findSection(parsed, name, 0);
  if (!s) throw new ParseError(parser, `no "${name}" object in the JSON`);
  return s;
}

/** The `name` object of devlink's JSON, also when a log line carries that JSON as an escaped string value. */
function findSection(v: Json, name: string, depth: number): Record<string, Json> | undefined {
  if (depth > 4) return undefined;
  if (isObject(v)) {
    const s = v[name];
    if (isObject(s)) return s;
    for (const x of Object.values(v)) {
      const found = typeof x === 'string' || isObject(x) ? findSection(x, name, depth + 1) : undefined;
      if (found) return found;
    }
  } else if (typeof v === 'string' && v.trimStart().startsWith('{')) {
    try {
      return findSection(JSON.parse(v) as Json, name, depth + 1);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export const isObject = (v: Json | undefined): v is { [k: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

export const scalar = (v: Json | undefined): ParamValue => (v === undefined || isObject(v) || Array.isArray(v) ? null : v);
const asString = (v: Json | undefined): string | undefined => (v === undefined || v === null || isObject(v) || Array.isArray(v) ? undefined : String(v));

/**
 * The words of a line of `name value` pairs. A value devlink has no name for is printed in angle brackets with a space
 * inside (`flavour <unknown flavour>`, `state <unknown state>`, `type <unknown type>`: devlink/devlink.c of iproute2, e.g.
 * port_flavour_name, port_fn_state, health_state_name, when the kernel is newer than the tool), and is one value.
 */
export const pairWords = (t: string): string[] => t.match(/<[^<>\s][^<>]*>|\S+/g) ?? [];

/** A text token as devlink printed it: true/false and decimal numbers typed, anything else a string. */
export function typed(token: string): ParamValue {
  if (token === 'true' || token === 'false') return token === 'true';
  if (/^-?\d+$/.test(token) && Number.isSafeInteger(Number(token))) return Number(token);
  return token;
}

const emptyVersions = (): DevlinkInfo['versions'] => ({ fixed: {}, running: {}, stored: {} });

/** A handle line: `bus/device:` or `bus/device/port:` (pci/0000:08:00.0:, auxiliary/mlx5_core.eth.0:). */
const HANDLE_LINE = /^([a-z][\w-]*\/[^\s/]+(?:\/\d+)?):$/;
/** A handle named on the command line (`devlink dev info pci/0000:03:00.0`), used when the paste lost the handle line. */
// A device elided (`pci/...`) names none.
const HANDLE_ARG = /(?:^|\s)([a-z][\w-]*\/(?!\.+(?=[\s/]|$))[^\s/]+(?:\/\d+)?)(?=\s|$)/;

/** The handle a command names; Markdown bold or code marks a forum put inside it (`pci/0000:af:`00.0``) are not part of it. */
const handleOf = (command: string): string | undefined => HANDLE_ARG.exec(command.replace(/\*\*|`/g, ''))?.[1];

/** The handle the paste's first command names. */
function commandHandle(c: CleanText): string | undefined {
  for (const l of c.lines) if (l.command) return handleOf(l.command);
  return undefined;
}

/** The command a pipeline starts with: what `devlink port|grep physical` prints is devlink port's lines, some of them. */
const pipelineHead = (command: string): string => command.split(/\s*\|(?!\|)/)[0]!;

/** Lines answering another command than the one the artifact holds (a `health diagnose` pasted after `health show`). */
export function foreignLines(c: CleanText, wanted: RegExp, issues: LineIssue[]): TextLine[] {
  const kept: TextLine[] = [];
  let skipped: TextLine[] = [];
  const flush = (): void => {
    // A person's words below that output (a sentence, a sign-off) are words around the paste, not lines of it.
    // The answer typed to a command's question (`y` under `… (y/N)`) is the session's, not a sign-off below it.
    // A line indented under the output's first (a port's `  function:` group) is the output's, whatever its words.
    // A mail's own lines below it are the writer's too (git's shortlog `Jane Roe (3):`, diffstat, signature), and a blank
    // line between the writer's paragraphs is theirs when the words after it are: a command that printed nothing
    // (`devlink lc set … notype`) last in a cover letter leaves the mail's tail under it.
    const filled = skipped.map((l, i) => ({ l, i })).filter(({ l }) => l.text.trim() !== '');
    const said = trailingProse(filled.map(({ l }) => l.text), isGitMailLine);
    const words = new Array<boolean>(skipped.length).fill(false);
    filled.forEach(({ i }, k) => (words[i] = said[k]!));
    for (let i = skipped.length - 1; i >= 0; i--) if (skipped[i]!.text.trim() === '') words[i] = i + 1 >= skipped.length || words[i + 1]!;
    // From the mail's first line of its own on (a shortlog's subjects are indented under its head), all is the mail's.
    let mail = skipped.length;
    while (mail > 0 && words[mail - 1]) mail--;
    while (mail < skipped.length && !isGitMailLine(skipped[mail]!.text)) mail++;
    const prose = words.map(
      (p, i) => p && skipped[0]!.command !== IP_LISTING && (i >= mail || (indentOf(skipped[i]!) <= indentOf(skipped[0]!) && !/^>?\s*(?:y|n|yes|no)$/i.test(skipped[i]!.text.trim()))),
    );
    let end = skipped.length;
    while (end > 0 && prose[end - 1]) end--;
    const after = skipped.slice(end);
    skipped = skipped.slice(0, end);
    if (skipped.length) {
      const first = skipped[0]!;
      issues.push({ line: first.no, text: first.text.trim(), message: `${skipped.length} line(s) of the output of "${first.command}" not read` });
    }
    // Named here, not handed to the parser: under no command of its own, a person's line can read as the parser's own
    // (a shortlog subject wrapped onto `    second port` is a `key value` pair of the reporter above the other command).
    for (const l of after) if (l.text.trim() !== '') issues.push(issue(l, "a person's words below another command's output"));
    skipped = [];
  };
  // A later fenced block under a heading that holds no devlink output (a `### /etc/modprobe.d/mlx5.conf` the writer
  // pasted below) is another file, noted once; one that does (`### After` over the output after an update) is read.
  const otherFiles = new Map<string, TextLine[]>();
  for (const l of c.lines) if (l.section !== undefined) otherFiles.set(l.section, [...(otherFiles.get(l.section) ?? []), l]);
  for (const [heading, ls] of otherFiles) if (ls.some((l) => DEVLINK_LINE.test(l.text.trim()))) otherFiles.delete(heading);
  // An `ip link` / `ip address` listing pasted beside the output with no command line: ip's, noted once.
  const listing = ipListingLines(c.lines);
  c.lines.forEach((l, i) => {
    const file = l.section !== undefined ? otherFiles.get(l.section) : undefined;
    // `devlink dev info; echo $?`: the status the shell's echo printed last is neither devlink's nor a person's.
    if (l.command !== undefined && ECHO_STATUS.test(l.command) && /^\d{1,3}$/.test(l.text.trim()) && c.lines[i + 1]?.command !== l.command) return;
    if (listing.has(l.no)) {
      if (skipped[0]?.command !== IP_LISTING) flush();
      skipped.push({ ...l, command: IP_LISTING });
    } else if (file) {
      flush();
      if (file[0] === l) issues.push({ line: l.no, text: l.text.trim(), message: `${file.length} line(s) of another file, under the heading "${l.section}", not read` });
    } else if (l.command !== undefined && !wanted.test(pipelineHead(l.command))) {
      if (skipped.length && skipped[0]!.command !== l.command) flush();
      skipped.push(l);
    }
    else {
      flush();
      kept.push(l);
    }
  });
  flush();
  return kept;
}

/** A command line ending in `; echo $?` (or `&& echo $?`), which prints the command's exit status after its output. */
const ECHO_STATUS = /(?:;|&&|\|\|)\s*echo\s+["']?\$\?["']?\s*$/;

/** A line only a devlink output holds: a handle line, or the head of an info, param or health entry. */
const DEVLINK_LINE = /^(?:[a-z][\w-]*\/[^\s/]+(?:\/\d+)?:|versions:|name \S+ type \S|reporter \S+$|values:$)/;

/** The lines `keep` names (the text around a JSON output of the same paste); all when it names none. */
export function keptLines(c: CleanText, keep?: (no: number) => boolean): CleanText {
  return keep ? { ...c, lines: c.lines.filter((l) => keep(l.no)) } : c;
}

export const issue = (l: TextLine, message: string): LineIssue => ({ line: l.no, text: l.text.trim(), message });

// ---------- dev info ----------

export function parseDevlinkInfo(text: string): Parsed<DevlinkInfo> {
  return devlinkOutput(text, devInfoText, devInfoJson);
}

function devInfoJson(text: string): DevlinkInfo[] {
  return Object.entries(section('devlink-info', text, 'info')).map(([handle, v]) => {
    if (!isObject(v)) throw new ParseError('devlink-info', `entry of ${handle} is not an object`);
    const info: DevlinkInfo = { handle, versions: emptyVersions(), flashComponents: [], other: {} };
    for (const [k, val] of Object.entries(v)) {
      if (k === 'versions' && isObject(val)) {
        for (const g of VERSION_GROUPS) {
          const group = val[g];
          if (isObject(group)) for (const [name, ver] of Object.entries(group)) info.versions[g][name] = asString(ver) ?? '';
        }
      } else if (k === 'flash_components' && Array.isArray(val)) {
        info.flashComponents.push(...val.map((c) => asString(c)).filter((c): c is string => c !== undefined));
      } else setTop(info, k, asString(val) ?? '');
    }
    return info;
  });
}

function setTop(info: DevlinkInfo, key: string, value: string): void {
  if (key === 'driver') info.driver = value;
  else if (key === 'serial_number') info.serialNumber = value;
  else if (key === 'board.serial_number') info.boardSerialNumber = value;
  else info.other[key] = value;
}

const GROUP_LINE = /^(fixed|running|stored):$/;
/** Words of letters only, the last closed by a colon, then a value (`Xyzzy frobnication level: 17`, `firmware version: 1.2`): a label's line, no devlink version's. */
const LABEL_LINE = /^[A-Za-z]+(?: [A-Za-z]+)*: \S/;
/**
 * devlink version names: the kernel's generic ones and any a driver adds (board.id, fw.mgmt.api, fw.app.name…). devlink
 * prints a name as the driver gave it and the kernel checks nothing of it: a driver that takes its names from the device
 * (mtk_t7xx reads the modem's partition names) may give them in capitals, so case is kept, not judged.
 */
export const DEVLINK_VERSION_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** The top-level attributes devlink dev info prints by name. */
const TOP_KEYS: ReadonlySet<string> = new Set(['driver', 'serial_number', 'board.serial_number']);

const isEmptyInfo = (i: DevlinkInfo): boolean =>
  i.driver === undefined && i.serialNumber === undefined && i.boardSerialNumber === undefined && Object.keys(i.other).length === 0 &&
  i.flashComponents.length === 0 && VERSION_GROUPS.every((g) => Object.keys(i.versions[g]).length === 0);

/**
 * Text form. Keywords carry the structure, indentation only confirms it, because pasted outputs shift it:
 * `versions:` opens the version groups, `fixed:`/`running:`/`stored:` a group whose entries are indented
 * deeper than the group line, `flash_components:` a list of names; anything else is a top-level attribute.
 */
function devInfoText(raw: string, keep?: (no: number) => boolean): Parsed<DevlinkInfo> {
  const c = keptLines(cleanText(raw), keep);
  const issues: LineIssue[] = [];
  const lines = foreignLines(c, /\bdev\s+info\b|^\S*devlink\s*$/, issues);
  const out: DevlinkInfo[] = [];
  let cur: DevlinkInfo | undefined;
  let versionsIndent = -1;
  let group: { name: VersionGroup; indent: number } | undefined;
  let components = -1;
  // The handle line's indentation: devlink indents a device's lines under it, a paste shifts them alike, so a line
  // indented less ends that device's block (a quoted patch's `index 0000..9cd5` under a commit message's output);
  // Infinity once it has ended.
  let handleIndent = -Infinity;
  const open = (handle: string): DevlinkInfo => {
    // A device opened from the command's handle for a line above its handle line, with nothing read yet, is this one.
    const last = out.at(-1);
    const info: DevlinkInfo = last?.handle === handle && isEmptyInfo(last) ? last : { handle, versions: emptyVersions(), flashComponents: [], other: {} };
    if (info !== last) out.push(info);
    versionsIndent = -1;
    group = undefined;
    components = -1;
    return info;
  };
  // Where a person's words under the output start (the last lines, all of them words), if they do.
  let tail = lines.length;
  for (let k = lines.length - 1; k >= 0 && k >= lines.length - 8; k--) if (trailingProse(lines.slice(k).map((x) => x.text)).every(Boolean)) tail = k;
  for (const [k, l] of lines.entries()) {
    const t = l.text.trim();
    const indent = indentOf(l);
    const handle = HANDLE_LINE.exec(t);
    if (handle) {
      cur = open(handle[1]!);
      handleIndent = indent;
      continue;
    }
    // A person's sentence inside the output (`The lines below changed after the update.`) is theirs, at any indentation:
    // it neither ends the device's block nor the version group it stands in. devlink's own lines start with a name.
    if (cur && handleIndent !== Infinity && looksLikeProse(t) && !/^[a-z][\w.-]*(?:\s|$)/.test(t)) {
      issues.push(issue(l, "a person's words inside the device's block"));
      continue;
    }
    if (cur && indent < handleIndent) handleIndent = Infinity;
    if (cur && handleIndent === Infinity) {
      // The device's block ended there: what follows up to the next handle line is no line of it.
      issues.push(issue(l, "after the device's block (a line less indented than its handle line ended it)"));
      continue;
    }
    if (!cur) {
      // A line above the command line (a greeting, `Hi,`) is no line of its output, nor are a person's words below an
      // output that printed nothing but the kernel's answer (`Thanks,` / `Jane`): they open no device.
      const words = l.command === undefined || k >= tail;
      // The handle of the line's own command line (`devlink dev info i2c/2-0048 | grep driver` under a bare `devlink dev
      // info` typed above the paste), else of the paste's first.
      const named = words ? undefined : (l.command !== undefined ? handleOf(l.command) : undefined) ?? commandHandle(c);
      if (!named) {
        issues.push(issue(l, 'comes before any device handle'));
        continue;
      }
      cur = open(named);
      handleIndent = -Infinity;
    }
    if (components >= 0) {
      if (indent > components && /^\S+$/.test(t) && !GROUP_LINE.test(t)) {
        cur.flashComponents.push(t);
        continue;
      }
      components = -1;
    }
    if (t === 'versions:') {
      versionsIndent = indent;
      group = undefined;
      continue;
    }
    if (t === 'flash_components:') {
      components = indent;
      continue;
    }
    const g = GROUP_LINE.exec(t);
    if (g && versionsIndent >= 0) {
      group = { name: g[1] as VersionGroup, indent };
      continue;
    }
    const [key, ...rest] = t.split(/\s+/);
    const value = rest.join(' ');
    const inVersions = versionsIndent >= 0 && indent > versionsIndent;
    if (group && indent > group.indent && inVersions) {
      if (value === '') issues.push(issue(l, `version "${key}" has no value`));
      else if (!DEVLINK_VERSION_NAME.test(key!)) issues.push(issue(l, 'not a "name version" line (a version name is letters, digits, ".", "_" or "-")'));
      // The value is the driver's as given, words and spaces alike (`fw.app.name ICE OS Default Package`), under a name
      // in any case (a device's own, `PRELOADER MOLY.PL.2303.01 (Mar 01 2023)`). A person's line inside the group is
      // told by how it reads, not by the case of its first word: a sentence, or a `Label words: value` line devlink
      // never prints (it puts no colon after a name).
      else if (looksLikeProse(t) || LABEL_LINE.test(t)) issues.push(issue(l, 'not a "name version" line (a sentence or a "label: value" line)'));
      else cur.versions[group.name][key!] = t.slice(key!.length).trim();
      continue;
    }
    group = undefined;
    if (inVersions) {
      issues.push(issue(l, 'inside "versions:" but outside fixed/running/stored'));
      continue;
    }
    versionsIndent = -1;
    if (key === 'serial' && rest[0] === 'number' && rest.length > 1) setTop(cur, 'serial_number', rest.slice(1).join(' '));
    else if (value === '' || !/^[a-z][\w.]*$/.test(key!)) issues.push(issue(l, 'not a "name value" attribute'));
    // devlink's top-level attributes (driver, serial numbers) are one word each; a version name (fw.app.name, dotted)
    // that lost its group may hold spaces. An undotted word before several words is a sentence or a question a pasted
    // session printed (`security version Are you sure … (y/N)`, a wrapped prompt), not an attribute.
    else if (!TOP_KEYS.has(key!) && !key!.includes('.') && /\s/.test(value)) issues.push(issue(l, 'not a "name value" attribute (several words: a sentence or prompt)'));
    else setTop(cur, key!, t.slice(key!.length).trim());
  }
  if (!out.length && !issues.length && lines.length) throw new ParseError('devlink-info', 'no device handle found');
  return { items: out, issues };
}

// ---------- dev param show ----------

export function parseDevlinkParams(text: string): Parsed<DevlinkParam> {
  return devlinkOutput(text, paramsText, paramsJson);
}

function paramsJson(text: string): DevlinkParam[] {
  const out: DevlinkParam[] = [];
  for (const [handle, list] of Object.entries(section('devlink-param', text, 'param'))) {
    if (!Array.isArray(list)) throw new ParseError('devlink-param', `params of ${handle} are not an array`);
    for (const p of list) {
      if (!isObject(p) || typeof p.name !== 'string') throw new ParseError('devlink-param', `a param of ${handle} has no name`);
      const values = Array.isArray(p.values) ? p.values.filter(isObject) : [];
      out.push({
        handle,
        name: p.name,
        type: asString(p.type) ?? '',
        values: values.map((v) => ({
          cmode: asString(v.cmode) ?? '',
          value: scalar(v.value),
          ...(v.default !== undefined ? { default: scalar(v.default) } : {}),
        })),
      });
    }
  }
  return out;
}

/** A `devlink dev param set` / `port param set` command line. */
const SET_COMMAND = /\bparam\s+set\b/;
/** The arguments that end a `param set` command (`value 4 cmode runtime`, `4 cmode runtime`, `cmode permanent`). */
const SET_TAIL = /^(?:(?:value\s+)?\S+\s+)?cmode\s+\S+$/;

/**
 * Text form, as `dev param show` prints it (handle line, then `name N type T`, `values:`, `cmode C value V`)
 * or as `devlink monitor` does (`[param,new] handle: name N type T` on one line).
 */
function paramsText(raw: string, keep?: (no: number) => boolean): Parsed<DevlinkParam> {
  const c = keptLines(cleanText(raw), keep);
  const issues: LineIssue[] = [];
  const lines = foreignLines(c, /\bparam\b|^\S*devlink\s+(?:-\S+\s+)*(?:dev|port)\s*$|\bmonitor\b/, issues);
  const out: DevlinkParam[] = [];
  let handle: string | undefined;
  let cur: DevlinkParam | undefined;
  for (const [k, l] of lines.entries()) {
    const prev = lines[k - 1];
    let t = l.text.trim().replace(/^\[[a-z]+,[a-z]+\]\s+/, '');
    const inline = /^([a-z][\w-]*\/[^\s/]+(?:\/\d+)?):(?:\s+(.*))?$/.exec(t);
    if (inline) {
      handle = inline[1]!;
      cur = undefined;
      if (!inline[2]) continue;
      t = inline[2];
    }
    if (t === 'values:') continue;
    const name = /^name (\S+) type (\S+)(?:\s+values:)?$/.exec(t);
    if (name) {
      handle ??= commandHandle(c);
      if (!handle) {
        issues.push(issue(l, `param "${name[1]}" before any device handle`));
        cur = undefined;
        continue;
      }
      // A paste of show, set, show gives the param twice, in order: the loader reads the later one as its state.
      cur = { handle, name: name[1]!, type: name[2]!, values: [] };
      out.push(cur);
      continue;
    }
    // A value devlink cannot name: iproute2 up to 6.19 prints the cmode alone, 7.0 on `value` with nothing after it.
    // An array param's value is printed after `value:` (`cmode permanent value: 0,1,2,3`).
    const cmode = /^cmode (\S+)(?: value:?(?: (.*?))?(?: default (\S+))?)?$/.exec(t);
    // The cmode alone is a printed value only inside a param's values, under the same command; elsewhere it is the
    // rest of a `param set` command wrapped onto a line of its own.
    const inValues = prev !== undefined && prev.command === l.command && /^(?:values:|cmode \S)|\bvalues:$/.test(prev.text.trim());
    // The rest of a `param set` command a mail client wrapped onto the next line (`… name num_qps_per_vf value ` over
    // `4 cmode runtime`): a set prints nothing, and its command line names no cmode yet.
    if (l.command !== undefined && prev?.command !== l.command && SET_COMMAND.test(l.command) && !/\bcmode\s+\S/.test(l.command) && SET_TAIL.test(t)) continue;
    if (cmode && cur && (cmode[0].includes(' value') || inValues)) {
      cur.values.push({ cmode: cmode[1]!, value: cmode[2] === undefined ? null : typed(cmode[2]), ...(cmode[3] !== undefined ? { default: typed(cmode[3]) } : {}) });
      continue;
    }
    issues.push(issue(l, cmode ? 'a value outside any param' : 'not a devlink param line'));
  }
  return { items: out, issues };
}

// ---------- health show ----------

export function parseDevlinkHealth(text: string): Parsed<DevlinkReporter> {
  return devlinkOutput(text, healthText, healthJson);
}

function reporter(handle: string, name: string, attrs: [string, ParamValue][]): DevlinkReporter {
  const r: DevlinkReporter = { handle, name, other: {} };
  let date: string | undefined;
  let time: string | undefined;
  for (const [k, v] of attrs) {
    if (k === 'state' && v !== null) r.state = String(v);
    else if (k === 'error' && typeof v === 'number') r.error = v;
    else if (k === 'recover' && typeof v === 'number') r.recover = v;
    else if (k === 'grace_period' && typeof v === 'number') r.gracePeriodMs = v;
    else if (k === 'auto_recover' && typeof v === 'boolean') r.autoRecover = v;
    else if (k === 'auto_dump' && typeof v === 'boolean') r.autoDump = v;
    else if (k === 'last_dump_date') date = String(v);
    else if (k === 'last_dump_time') time = String(v);
    else r.other[k] = v;
  }
  if (date !== undefined || time !== undefined) r.lastDump = [date, time].filter((x) => x !== undefined).join(' ');
  return r;
}

function healthJson(text: string): DevlinkReporter[] {
  const out: DevlinkReporter[] = [];
  for (const [handle, list] of Object.entries(section('devlink-health', text, 'health'))) {
    if (!Array.isArray(list)) throw new ParseError('devlink-health', `reporters of ${handle} are not an array`);
    for (const r of list) {
      if (!isObject(r)) throw new ParseError('devlink-health', `a reporter of ${handle} is not an object`);
      // Old iproute2 printed "name" where newer prints "reporter".
      const name = asString(r.reporter) ?? asString(r.name);
      if (name === undefined) throw new ParseError('devlink-health', `a reporter of ${handle} has no name`);
      out.push(reporter(handle, name, Object.entries(r).filter(([k]) => k !== 'reporter' && k !== 'name').map(([k, v]) => [k, scalar(v)])));
    }
  }
  return out;
}

const HEALTH_KEY = /^[a-z][a-z_]*$/;
/**
 * A section of a reporter's dump or diagnose output (`NPA_AF_GENERAL:`, `FW coredump:`, `OTP:`): `health show` prints no
 * line ending in a colon but a handle's. Such a run pasted after `health show` with its command line lost (glued to the
 * line above, `… recover 0  # devlink  health dump show`, and wrapped) is another command's output.
 */
const DUMP_SECTION = /^[A-Za-z][\w .()/-]*:$/;
/** The rest of a `health dump show` / `diagnose` command wrapped onto a line of its own: `pci/0002:01:00.0 reporter hw_npa`. */
const WRAPPED_ARGS = /^[a-z][\w-]*\/\S+ reporter \S+$/;

/** Text form: handle lines, then `reporter NAME` (or `name NAME`) and key/value pairs, possibly on the same or wrapped lines. */
function healthText(raw: string, keep?: (no: number) => boolean): Parsed<DevlinkReporter> {
  const c = keptLines(cleanText(raw), keep);
  const issues: LineIssue[] = [];
  const lines = foreignLines(c, /\bhealth(?:\s+show\b|\s*$)/, issues);
  const out: DevlinkReporter[] = [];
  let handle: string | undefined;
  let pending: { name: string; attrs: [string, ParamValue][] } | undefined;
  const flush = (): void => {
    if (pending && handle) out.push(reporter(handle, pending.name, pending.attrs));
    pending = undefined;
  };
  // A dump's lines are noted once, from its first line, until the next handle or reporter line.
  // A person's words below it (a reviewer's question under a quoted dump) stay lines of their own, words around the paste.
  let dump: TextLine[] | undefined;
  const endDump = (): void => {
    if (!dump) return;
    const prose = trailingProse(dump.map((l) => l.text));
    let end = dump.length;
    while (end > 1 && prose[end - 1]) end--;
    issues.push(issue(dump[0]!, `${end} line(s) of a reporter's dump or diagnose output (no health show lines) not read`));
    for (const l of dump.slice(end)) issues.push(issue(l, 'not "key value" pairs of a health reporter'));
    dump = undefined;
  };
  for (const [n, l] of lines.entries()) {
    const t = l.text.trim();
    const h = HANDLE_LINE.exec(t);
    if (h) {
      endDump();
      flush();
      handle = h[1]!;
      continue;
    }
    if (dump && !/^(?:reporter|name) \S+/.test(t)) {
      dump.push(l);
      continue;
    }
    endDump();
    // A cover letter's shortlog head (`Jane Roe (3):`) is the mail's, no dump section.
    if (DUMP_SECTION.test(t) && !isGitMailLine(t)) {
      const above = issues.at(-1);
      const args = above && above.line === lines[n - 1]?.no && WRAPPED_ARGS.test(above.text) ? issues.pop() : undefined;
      dump = args ? [{ no: args.line, text: args.text }, l] : [l];
      continue;
    }
    const tokens = pairWords(t);
    // A sentence whose words fall into pairs (`which is what we expect here`) is a person's, never a reporter's settings.
    if (tokens.length % 2 !== 0 || tokens.some((w, i) => i % 2 === 0 && !HEALTH_KEY.test(w)) || looksLikeProse(tokens.map((w) => (w.startsWith('<') ? 'x' : w)).join(' '))) {
      issues.push(issue(l, 'not "key value" pairs of a health reporter'));
      continue;
    }
    for (let i = 0; i < tokens.length; i += 2) {
      const [k, v] = [tokens[i]!, tokens[i + 1]!];
      if (k === 'reporter' || k === 'name') {
        flush();
        handle ??= commandHandle(c);
        if (!handle) {
          issues.push(issue(l, `reporter "${v}" before any device handle`));
          break;
        }
        pending = { name: v, attrs: [] };
      } else if (!pending) {
        issues.push(issue(l, `"${k}" outside a reporter`));
        break;
      } else pending.attrs.push([k, typed(v)]);
    }
  }
  endDump();
  flush();
  return { items: out, issues };
}
