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

export function sections(text: string): Section[] {
  const out: Section[] = [];
  const lines = text.split('\n');
  let cur: Section | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    const f = FRAME.exec(raw);
    if (f) {
      const label = lines[i + 1]?.startsWith('# ') ? lines[++i]!.slice(2).trim() : '';
      cur = { kind: f[1]!, label, line: i + 1 - (label ? 1 : 0), body: [] };
      out.push(cur);
      continue;
    }
    cur?.body.push(raw);
  }
  return out;
}

function bodyText(lines: string[]): Buffer {
  const b = [...lines];
  while (b.length && b[b.length - 1]!.trim() === '') b.pop();
  return Buffer.from(b.length ? `${b.join('\n')}\n` : '');
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
    const text = whole.toString('utf8');
    if (file === 'supportconfig.txt') {
      version = /Script Version:\s*(\S+)/.exec(text)?.[1];
      continue;
    }
    const all = sections(text);
    if (size > data.length) all.pop();
    for (const s of all) {
      if (++entries > caps.entries) {
        skipped++;
        continue;
      }
      const where = `${file}:${s.line}`;
      if (s.kind === 'Command') {
        const argv = commandLine(s.label);
        if (argv && commandKept(argv)) {
          const data = bodyText(s.body);
          files.push(...hostFileEntries(argv, where, data));
          files.push(commandMapped(argv, where, data));
        } else if (ofInterest.test(toolOf(s.label))) unmapped.push(`${where} ${s.label}`);
      } else if (s.kind === 'Configuration File' && s.label.startsWith('/')) {
        const path = s.label.split(/\s+/)[0]!;
        if (!hostFileKept(path.slice(1))) continue;
        // The copy lost its empty lines (and comments): derived, not the file's bytes; a class may say how to restore them.
        const restore = restoreConfFile.get(path);
        files.push(fileMapped(path, where, bodyText(restore ? restore(s.body) : s.body), true));
      }
      // modules.txt lists each module's parameters as `/sys/module/<m>/parameters/<p>=<value>` ("?" when unreadable).
      for (const l of s.body) {
        const p = /^(\/sys\/module\/[\w-]+\/parameters\/[\w-]+)=(.*)$/.exec(l);
        if (p && p[2] !== '?') files.push(fileMapped(p[1]!, where, Buffer.from(`${p[2]}\n`), true));
      }
    }
  }
  if (skipped) cut.push({ target: kept.find((f) => f !== 'supportconfig.txt') ?? 'supportconfig.txt', message: `${skipped} entries past the first ${caps.entries} of the topic files are left out` });
  return { files, unmapped, version, cut };
}
