import { ParseError } from '../../parsers/errors.js';

/**
 * `devlink dev info`, `devlink dev param show` and `devlink health show`, either as JSON (`devlink -j`)
 * or as the text older tools and sos reports hold. Each parser detects the form from the first
 * non-blank character.
 */

export type VersionGroup = 'fixed' | 'running' | 'stored';
export const VERSION_GROUPS: readonly VersionGroup[] = ['fixed', 'running', 'stored'];

export interface DevlinkInfo {
  handle: string;
  driver?: string;
  serialNumber?: string;
  boardSerialNumber?: string;
  versions: Record<VersionGroup, Record<string, string>>;
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

const isJson = (text: string): boolean => text.trimStart().startsWith('{');

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function section(parser: string, text: string, name: string): Record<string, Json> {
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch (e) {
    throw new ParseError(parser, `invalid JSON: ${(e as Error).message}`);
  }
  const s = isObject(parsed) ? parsed[name] : undefined;
  if (!isObject(s)) throw new ParseError(parser, `no "${name}" object in the JSON`);
  return s;
}

const isObject = (v: Json | undefined): v is { [k: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

const scalar = (v: Json | undefined): ParamValue => (v === undefined || isObject(v) || Array.isArray(v) ? null : v);
const asString = (v: Json | undefined): string | undefined => (v === undefined || v === null || isObject(v) || Array.isArray(v) ? undefined : String(v));

/** A text token as devlink printed it: true/false and decimal numbers typed, anything else a string. */
function typed(token: string): ParamValue {
  if (token === 'true' || token === 'false') return token === 'true';
  if (/^-?\d+$/.test(token) && Number.isSafeInteger(Number(token))) return Number(token);
  return token;
}

const emptyVersions = (): DevlinkInfo['versions'] => ({ fixed: {}, running: {}, stored: {} });

// ---------- dev info ----------

export function parseDevlinkInfo(text: string): DevlinkInfo[] {
  return isJson(text) ? devInfoJson(text) : devInfoText(text);
}

function devInfoJson(text: string): DevlinkInfo[] {
  return Object.entries(section('devlink-info', text, 'info')).map(([handle, v]) => {
    if (!isObject(v)) throw new ParseError('devlink-info', `entry of ${handle} is not an object`);
    const info: DevlinkInfo = { handle, versions: emptyVersions(), other: {} };
    for (const [k, val] of Object.entries(v)) {
      if (k === 'versions' && isObject(val)) {
        for (const g of VERSION_GROUPS) {
          const group = val[g];
          if (isObject(group)) for (const [name, ver] of Object.entries(group)) info.versions[g][name] = asString(ver) ?? '';
        }
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

/** A handle line: `bus/device:` (pci/0000:08:00.0:, auxiliary/mlx5_core.eth.0:). */
const HANDLE_LINE = /^(\S+\/\S+):$/;

interface Line {
  indent: number;
  text: string;
  no: number;
}

function lines(text: string): Line[] {
  return text
    .split('\n')
    .map((raw, i) => ({ raw: raw.replace(/\s+$/, ''), no: i + 1 }))
    .filter((l) => l.raw.trim() !== '')
    .map((l) => ({ indent: l.raw.length - l.raw.replace(/^\s+/, '').length, text: l.raw.trim(), no: l.no }));
}

function devInfoText(text: string): DevlinkInfo[] {
  const out: DevlinkInfo[] = [];
  let cur: DevlinkInfo | undefined;
  let versionsIndent = -1;
  let group: VersionGroup | undefined;
  for (const l of lines(text)) {
    const handle = HANDLE_LINE.exec(l.text);
    if (handle) {
      cur = { handle: handle[1]!, versions: emptyVersions(), other: {} };
      out.push(cur);
      versionsIndent = -1;
      group = undefined;
      continue;
    }
    if (!cur) throw new ParseError('devlink-info', `"${l.text}" comes before any device handle`, l.no);
    if (versionsIndent >= 0 && l.indent <= versionsIndent) versionsIndent = -1;
    if (l.text === 'versions:') {
      versionsIndent = l.indent;
      group = undefined;
      continue;
    }
    const [key, ...rest] = l.text.split(' ');
    const value = rest.join(' ').trim();
    if (versionsIndent >= 0) {
      const g = /^(fixed|running|stored):$/.exec(l.text)?.[1] as VersionGroup | undefined;
      if (g) group = g;
      else if (!group) throw new ParseError('devlink-info', `version "${l.text}" outside fixed/running/stored`, l.no);
      else cur.versions[group][key!] = value;
    } else setTop(cur, key!, value);
  }
  if (!out.length && text.trim() !== '') throw new ParseError('devlink-info', 'no device handle found');
  return out;
}

// ---------- dev param show ----------

export function parseDevlinkParams(text: string): DevlinkParam[] {
  return isJson(text) ? paramsJson(text) : paramsText(text);
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

/**
 * Text form, as `dev param show` prints it (handle line, then `name N type T`, `values:`, `cmode C value V`)
 * or as `devlink monitor` does (`[param,new] handle: name N type T` on one line).
 */
function paramsText(text: string): DevlinkParam[] {
  const out: DevlinkParam[] = [];
  let handle: string | undefined;
  let cur: DevlinkParam | undefined;
  for (const l of lines(text)) {
    let t = l.text.replace(/^\[[a-z]+,[a-z]+\]\s+/, '');
    const inline = /^(\S+\/\S+):(?:\s+(.*))?$/.exec(t);
    if (inline) {
      handle = inline[1]!;
      cur = undefined;
      if (!inline[2]) continue;
      t = inline[2];
    }
    if (t === 'values:') continue;
    const name = /^name (\S+) type (\S+)/.exec(t);
    if (name) {
      if (!handle) throw new ParseError('devlink-param', `param "${name[1]}" before any device handle`, l.no);
      cur = { handle, name: name[1]!, type: name[2]!, values: [] };
      out.push(cur);
      continue;
    }
    const cmode = /^cmode (\S+) value(?: (.*?))?(?: default (\S+))?$/.exec(t);
    if (cmode) {
      if (!cur) throw new ParseError('devlink-param', `"${t}" outside a param`, l.no);
      cur.values.push({ cmode: cmode[1]!, value: cmode[2] === undefined ? null : typed(cmode[2]), ...(cmode[3] !== undefined ? { default: typed(cmode[3]) } : {}) });
      continue;
    }
    throw new ParseError('devlink-param', `unexpected line "${l.text}"`, l.no);
  }
  return out;
}

// ---------- health show ----------

export function parseDevlinkHealth(text: string): DevlinkReporter[] {
  return isJson(text) ? healthJson(text) : healthText(text);
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

/** Text form: handle lines, then `reporter NAME` (or `name NAME`) and key/value pairs, possibly on the same line. */
function healthText(text: string): DevlinkReporter[] {
  const out: DevlinkReporter[] = [];
  let handle: string | undefined;
  let pending: { name: string; attrs: [string, ParamValue][] } | undefined;
  const flush = (): void => {
    if (pending && handle) out.push(reporter(handle, pending.name, pending.attrs));
    pending = undefined;
  };
  for (const l of lines(text)) {
    const h = HANDLE_LINE.exec(l.text);
    if (h) {
      flush();
      handle = h[1]!;
      continue;
    }
    const tokens = l.text.split(/\s+/);
    if (tokens.length % 2 !== 0) throw new ParseError('devlink-health', `odd number of words in "${l.text}"`, l.no);
    for (let i = 0; i < tokens.length; i += 2) {
      const [k, v] = [tokens[i]!, tokens[i + 1]!];
      if (k === 'reporter' || k === 'name') {
        flush();
        if (!handle) throw new ParseError('devlink-health', `reporter "${v}" before any device handle`, l.no);
        pending = { name: v, attrs: [] };
      } else if (!pending) throw new ParseError('devlink-health', `"${k}" outside a reporter`, l.no);
      else pending.attrs.push([k, typed(v)]);
    }
  }
  flush();
  return out;
}
