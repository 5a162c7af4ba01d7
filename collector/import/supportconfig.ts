import { importTables } from './declared.js';
import { commandKept, commandMapped, fileMapped, hostFileKept, hostFileEntries, type Mapped } from './mapping.js';

/**
 * SUSE supportconfig (openSUSE/supportutils): plain-text topic files (`hardware.txt`, `network.txt`, `nvme.txt`,
 * `boot.txt`, `modules.txt`, …) at the top of an `scc_…` archive. Every entry starts with a frame line such as
 * `#==[ Command ]======…#` or `#==[ Configuration File ]===…#`, then `# <full command line>` or `# <path>`,
 * then the output; `log_cmd` ends an entry with one empty line, `conf_files` with two, and drops comment and
 * empty lines of the files it copies.
 */

export function looksLikeSupportconfig(paths: readonly string[]): boolean {
  return paths.includes('basic-environment.txt') && (paths.includes('supportconfig.txt') || paths.includes('hardware.txt'));
}

export function supportconfigWants(path: string): boolean {
  if (path === 'supportconfig.txt') return true;
  // Topic files that hold what the classes read.
  return importTables().supportconfigTopics.some((t) => (typeof t === 'string' ? t === path : t.test(path)));
}

const FRAME = /^#==\[ ([^\]]+) \]=*#\s*$/;

export interface Section {
  kind: string;
  label: string;
  /** Line number (1-based) of the frame line. */
  line: number;
  body: string[];
}

/** A frame and where its output lies in the topic's bytes (from `start` up to `end`, the next frame). */
interface Span {
  kind: string;
  label: string;
  line: number;
  start: number;
  end: number;
}

const HASH = 0x23;
const LF = 0x0a;

/**
 * The frames of a topic, found by their lines' first bytes: no output is decoded, split into lines or copied until
 * it is mapped. A string of megabytes split into lines and encoded again cost more than linear time (a 32 MiB line
 * took 9 times as long as an 8 MiB one).
 */
function spans(buf: Buffer): Span[] {
  const out: Span[] = [];
  let line = 0;
  for (let at = 0; at < buf.length; ) {
    const nl = buf.indexOf(LF, at);
    const end = nl < 0 ? buf.length : nl;
    const next = nl < 0 ? buf.length : nl + 1;
    line++;
    const f = buf[at] === HASH && buf[at + 1] === 0x3d && end - at < 4096 ? FRAME.exec(buf.toString('utf8', at, end)) : null;
    if (!f) {
      at = next;
      continue;
    }
    if (out.length) out[out.length - 1]!.end = at;
    const frameLine = line;
    let label = '';
    let start = next;
    if (buf[next] === HASH && buf[next + 1] === 0x20) {
      const nl2 = buf.indexOf(LF, next);
      label = buf.toString('utf8', next + 2, nl2 < 0 ? buf.length : nl2).trim();
      start = nl2 < 0 ? buf.length : nl2 + 1;
      line++;
    }
    out.push({ kind: f[1]!, label, line: frameLine, start, end: buf.length });
    at = start;
  }
  return out;
}

/** An output's lines, each without the CR a CRLF file ends it with. */
function linesOf(body: Buffer): string[] {
  const lines = body.toString('utf8').split('\n');
  if (body.length && body[body.length - 1] === LF) lines.pop();
  return lines.map((l) => l.replace(/\r$/, ''));
}

export function sections(text: string): Section[] {
  const buf = Buffer.from(text);
  return spans(buf).map(({ kind, label, line, start, end }) => ({ kind, label, line, body: linesOf(buf.subarray(start, end)) }));
}

function bodyText(lines: string[]): Buffer {
  const b = [...lines];
  while (b.length && b[b.length - 1]!.trim() === '') b.pop();
  return Buffer.from(b.length ? `${b.join('\n')}\n` : '');
}

const ASCII_SPACE = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);

/** An output without its trailing blank lines, ending in one LF: a slice of the topic where no CR or other space needs reading. */
function bodyBytes(body: Buffer): Buffer {
  let k = body.length - 1;
  while (k >= 0 && ASCII_SPACE.has(body[k]!)) k--;
  if (k < 0) return Buffer.alloc(0);
  if (body[k]! >= 0x80 || body.includes(0x0d)) return bodyText(linesOf(body));
  const lineEnd = body.indexOf(LF, k);
  return lineEnd < 0 ? Buffer.concat([body, Buffer.from('\n')]) : body.subarray(0, lineEnd + 1);
}

/** modules.txt lists each module's parameters as `/sys/module/<m>/parameters/<p>=<value>` ("?" when unreadable), up to `room` of them. */
function moduleParameters(body: Buffer, where: string, room: number): { files: Mapped[]; taken: number; left: number } {
  const files: Mapped[] = [];
  let left = 0;
  for (let i = body.indexOf('/sys/module/'); i >= 0; i = body.indexOf('/sys/module/', i + 1)) {
    if (i > 0 && body[i - 1] !== LF) continue;
    const e = body.indexOf(LF, i);
    const p = /^(\/sys\/module\/[\w-]+\/parameters\/[\w-]+)=(.*)$/.exec(body.toString('utf8', i, e < 0 ? body.length : e).replace(/\r$/, ''));
    if (!p || p[2] === '?') continue;
    if (files.length >= room) left++;
    else files.push(fileMapped(p[1]!, where, Buffer.from(`${p[2]}\n`), true));
  }
  return { files, taken: files.length, left };
}

/** `/sbin/lspci -vvv` → `['lspci', '-vvv']`; a pipeline or redirection is not one command's output. */
export function commandLine(label: string): string[] | undefined {
  if (/[|;&<>`$]/.test(label)) return undefined;
  const w = label.split(/\s+/).filter(Boolean);
  if (!w.length) return undefined;
  w[0] = w[0]!.slice(w[0]!.lastIndexOf('/') + 1);
  return w;
}

const toolOf = (label: string): string => {
  const first = label.split(/\s+/)[0] ?? '';
  return first.slice(first.lastIndexOf('/') + 1);
};

export interface SupportconfigMapping {
  files: Mapped[];
  unmapped: string[];
  version?: string;
  /** What was left unread past a cap: a topic file's tail, entries past the last one mapped. */
  cut: { target: string; message: string }[];
}

/**
 * A topic file is read up to this many bytes, and this many entries of all topics are mapped: a real supportconfig's
 * topics that classes read (hardware, network, nvme, boot, modules) hold a few MB and a few thousand entries, while
 * a topic of 100 MB or 300,000 entries held whole, with a Buffer and a line array per entry, cost gigabytes.
 */
export const SUPPORTCONFIG_CAPS = { topicBytes: 16 * 1024 * 1024, entries: 10_000 };

/** `read(path, max)`: the file's first `max` bytes and its whole size. */
export type ReadHead = (path: string, maxBytes: number) => { data: Buffer; size: number };

export function mapSupportconfig(kept: readonly string[], read: ReadHead, caps = SUPPORTCONFIG_CAPS): SupportconfigMapping {
  const files: Mapped[] = [];
  const unmapped: string[] = [];
  const cut: SupportconfigMapping['cut'] = [];
  let version: string | undefined;
  let entries = 0;
  let skipped = 0;
  const { reportTools, restoreConfFile } = importTables();
  // Outputs of device tools with no bundle counterpart.
  const ofInterest = new RegExp(`^(${reportTools})$`);
  for (const file of kept) {
    const { data, size } = read(file, caps.topicBytes);
    // A topic cut at its cap ends at its last whole line: the entry it cut is not read.
    const whole = size > data.length ? data.subarray(0, data.lastIndexOf(0x0a) + 1) : data;
    if (size > data.length) cut.push({ target: file, message: `${file} is ${size} bytes; only its first ${caps.topicBytes} were read (the entries past them are left out)` });
    if (file === 'supportconfig.txt') {
      version = /Script Version:\s*(\S+)/.exec(whole.toString('utf8'))?.[1];
      continue;
    }
    const all = spans(whole);
    if (size > data.length) all.pop();
    for (const s of all) {
      if (++entries > caps.entries) {
        skipped++;
        continue;
      }
      const where = `${file}:${s.line}`;
      const body = whole.subarray(s.start, s.end);
      if (s.kind === 'Command') {
        const argv = commandLine(s.label);
        if (argv && commandKept(argv)) {
          const data = bodyBytes(body);
          files.push(...hostFileEntries(argv, where, data));
          files.push(commandMapped(argv, where, data));
        } else if (ofInterest.test(toolOf(s.label))) unmapped.push(`${where} ${s.label}`);
      } else if (s.kind === 'Configuration File' && s.label.startsWith('/')) {
        const path = s.label.split(/\s+/)[0]!;
        if (!hostFileKept(path.slice(1))) continue;
        // The copy lost its empty lines (and comments): derived, not the file's bytes; a class may say how to restore them.
        const restore = restoreConfFile.get(path);
        files.push(fileMapped(path, where, restore ? bodyText(restore(linesOf(body))) : bodyBytes(body), true));
      }
      // Each module parameter is a file of its own: counted against the cap as an entry is.
      const parameters = moduleParameters(body, where, Math.max(0, caps.entries - entries));
      entries += parameters.taken;
      skipped += parameters.left;
      for (const f of parameters.files) files.push(f);
    }
  }
  if (skipped) cut.push({ target: kept.find((f) => f !== 'supportconfig.txt') ?? 'supportconfig.txt', message: `${skipped} entries past the first ${caps.entries} of the topic files are left out` });
  return { files, unmapped, version, cut };
}
