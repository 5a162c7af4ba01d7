import { cleanText, indentOf, type LineIssue, type TextLine } from '../../parsers/text-input.js';
import { ParseError } from '../../parsers/errors.js';
import { devlinkOutput } from './devlink-json-runs.js';
import { foreignLines, isObject, pairWords, issue, keptLines, scalar, section, typed, type Json, type ParamValue, type Parsed } from './devlink.js';

/** One port of `devlink port show`: its handle (`pci/0000:08:00.0/2`) and what devlink prints of it. */
export interface DevlinkPort {
  handle: string;
  /** type, netdev, ibdev, flavour, port, controller, pfnum, vfnum, sfnum, external, splittable, lanes, split_group… as printed. */
  attrs: Record<string, ParamValue>;
  /** The port function's attributes (`function:` then `hw_addr … state … opstate …`), and any other nested group by its name. */
  nested: Record<string, Record<string, ParamValue>>;
}

export function parseDevlinkPorts(text: string): Parsed<DevlinkPort> {
  return devlinkOutput(text, portsText, portsJson);
}

function portsJson(text: string): DevlinkPort[] {
  return Object.entries(section('devlink-port', text, 'port')).map(([handle, v]) => {
    if (!isObject(v)) throw new ParseError('devlink-port', `entry of ${handle} is not an object`);
    const port: DevlinkPort = { handle, attrs: {}, nested: {} };
    for (const [k, val] of Object.entries(v)) {
      if (isObject(val)) port.nested[k] = nestedGroup(val);
      else port.attrs[k] = scalar(val);
    }
    return port;
  });
}

/** A group of a port's JSON (`function`), its `nested_devlink` object (`{"auxiliary/mlx5_core.sf.2": {"netns": "ns1"}}`) read as text reads it. */
function nestedGroup(val: { [k: string]: Json }): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [n, x] of Object.entries(val)) {
    if (!isObject(x)) out[n] = scalar(x);
    else if (n === NESTED_DEVLINK) {
      const handles = Object.keys(x);
      if (handles.length) out[NESTED_DEVLINK] = handles.join(' ');
      for (const h of handles) {
        const attrs = x[h];
        if (isObject(attrs)) for (const [a, v] of Object.entries(attrs)) if (!isObject(v)) out[`${NESTED_DEVLINK}.${a}`] = scalar(v);
      }
    }
  }
  return out;
}

/** A port's line: its handle (`bus/device/index:`), then its attributes on the same line, or on the next (`-p`). */
const PORT_LINE = /^([a-z][\w-]*\/[^\s/]+\/\d+):(?:\s+(.*))?$/;
/** A nested group under a port: `function:`, `stats:`. */
const GROUP = /^([a-z][\w]*):$/;
const KEY = /^[a-z][\w.]*$/;
/**
 * The devlink instance a port function holds (iproute2 ≥ 6.7, 3e90f377 "devlink: print nested handle for port function"):
 * under the function's attributes a `nested_devlink:` line, then the instance's handle on a line of its own, with
 * `: netns NAME` or `: netnsid N` after it when it lives in another network namespace.
 */
const NESTED_DEVLINK = 'nested_devlink';
const NESTED_HANDLE = /^([a-z][\w-]*\/[^\s/:]+(?::[^\s/:]+)*?)(?::(?:\s+(\S.*))?)?$/;

/** Text form: one line a port (`pci/0000:08:00.0/0: type eth netdev eno1 flavour physical port 0 splittable false`), its function's line indented under it. */
function portsText(raw: string, keep?: (no: number) => boolean): Parsed<DevlinkPort> {
  const c = keptLines(cleanText(raw), keep);
  const issues: LineIssue[] = [];
  const lines = foreignLines(c, /\bport(?:\s+show\b|\s*$)/, issues);
  const out: DevlinkPort[] = [];
  let cur: DevlinkPort | undefined;
  let group: string | undefined;
  // Inside a group's `nested_devlink:`: the next lines name the nested instance.
  let nestedIn: string | undefined;
  // The port line just read, whose rest a wrap may have put on the next line.
  let headLine: TextLine | undefined;
  for (const l of lines) {
    const t = l.text.trim();
    const head = PORT_LINE.exec(t);
    let rest = t;
    if (nestedIn !== undefined && cur && !head) {
      const n = NESTED_HANDLE.exec(t);
      const pairs = n?.[2]?.split(/\s+/) ?? [];
      if (n && pairs.length % 2 === 0 && pairs.every((w, i) => i % 2 !== 0 || KEY.test(w))) {
        const into = cur.nested[nestedIn]!;
        into[NESTED_DEVLINK] = typeof into[NESTED_DEVLINK] === 'string' ? `${into[NESTED_DEVLINK]} ${n[1]!}` : n[1]!;
        for (let i = 0; i < pairs.length; i += 2) into[`${NESTED_DEVLINK}.${pairs[i]!}`] = typed(pairs[i + 1]!);
        continue;
      }
    }
    nestedIn = undefined;
    if (!head && t === `${NESTED_DEVLINK}:` && cur && group !== undefined) {
      nestedIn = group;
      continue;
    }
    const above = headLine;
    headLine = head ? l : undefined;
    if (head) {
      cur = { handle: head[1]!, attrs: {}, nested: {} };
      out.push(cur);
      group = undefined;
      if (head[2] === undefined) continue;
      rest = head[2];
    } else if (GROUP.test(t) && cur) {
      group = GROUP.exec(t)![1]!;
      cur.nested[group] ??= {};
      continue;
    }
    // A line ending in a colon that is no port and no group is a writer's label (`phys_port_name construction:` over a
    // command after the output): no value devlink prints ends in one, and the port's group above it has ended.
    if (!head && t.endsWith(':')) {
      group = undefined;
      issues.push(issue(l, 'not "name value" pairs of a devlink port'));
      continue;
    }
    const tokens = pairWords(rest);
    // The rest of a port line a writer or a mail client wrapped (`… flavour physical` / `port 0 splittable true lanes 4`):
    // the next line, no more indented than the port's, of pairs naming none of the port's attributes again.
    const wrapped =
      !head && group === undefined && cur !== undefined && above !== undefined && l.no === above.no + 1 && indentOf(l) <= indentOf(above) &&
      tokens.length > 0 && tokens.length % 2 === 0 && tokens.every((w, i) => i % 2 !== 0 || (KEY.test(w) && !(w in cur!.attrs)));
    if (wrapped) {
      for (let i = 0; i < tokens.length; i += 2) cur!.attrs[tokens[i]!] = typed(tokens[i + 1]!);
      continue;
    }
    // Attributes on a line of their own belong to a group above them, or to a port whose line printed none (`-p`).
    const loose = !head && group === undefined && cur !== undefined && Object.keys(cur.attrs).length > 0;
    if (!cur || loose || tokens.length % 2 !== 0 || tokens.some((w, i) => i % 2 === 0 && !KEY.test(w))) {
      issues.push(issue(l, cur ? 'not "name value" pairs of a devlink port' : 'not a devlink port line'));
      continue;
    }
    const into = group !== undefined && !head ? cur.nested[group]! : cur.attrs;
    for (let i = 0; i < tokens.length; i += 2) into[tokens[i]!] = typed(tokens[i + 1]!);
  }
  return { items: out, issues };
}
