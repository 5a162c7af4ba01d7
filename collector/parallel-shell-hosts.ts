/**
 * A parallel shell's output of several hosts, as a person pastes it into a ticket: each host's output is its own
 * host's, never one host's outputs read over each other. The forms, as the tools' manuals give them:
 * - pdsh, clush and pssh -P write `<host>: ` before each line a host printed;
 * - dshbak (`pdsh … | dshbak [-c]`) and `clush -b` write each host's (or each group of hosts' identical) output under a
 *   header of dashes, the host or node set (`node[01-04,07]`, clush adds ` (N)`), dashes;
 * - pssh -i writes `[N] HH:MM:SS [SUCCESS] <host>` (or `[FAILURE]`) above each host's output;
 * - an Ansible ad-hoc command writes `<host> | CHANGED | rc=0 >>` above each host's output.
 * Each host's text is its lines alone, with the command the parallel shell ran typed above them when the text types it.
 */

import { bareLine, FIELD } from './log-line-prefixes.js';

export interface HostOutput {
  host: string;
  /** The host's lines as the host printed them, under `$ <command>` when the text types the command the shell ran. */
  text: string;
}

const PARALLEL_SHELL = /(?:^|[\s$#>%:])(pdsh|clush|pssh|parallel-ssh|ansible)\s+(\S.*)$/;
/** Options of each parallel shell that take a value, short and long (clush's `--nodes=…` carries its own). */
const VALUED: Record<string, Set<string>> = {
  pdsh: new Set(['-w', '-x', '-g', '-X', '-R', '-l', '-t', '-u', '-f', '-e', '-m', '-M']),
  clush: new Set(['-w', '-x', '-g', '-X', '-t', '-u', '-f', '-l', '-o', '-O', '-R', '-E', '--nodes', '--exclude', '--group', '--groupsource', '--fanout', '--user', '--options', '--option', '--worker', '--connect_timeout', '--command_timeout']),
  pssh: new Set(['-h', '-H', '-l', '-p', '-o', '-e', '-t', '-x', '-X', '-O', '--hosts', '--host', '--user', '--par', '--outdir', '--errdir', '--timeout', '--extra-args', '--extra-arg', '--options']),
  ansible: new Set(['-i', '-m', '-u', '-f', '-e', '-l', '-M', '-t', '-T', '-B', '-P', '-c', '-k', '--inventory', '--module-name', '--user', '--forks', '--extra-vars', '--limit', '--become-user', '--connection', '--timeout']),
};
VALUED['parallel-ssh'] = VALUED.pssh!;

/** A command line's words as a POSIX shell splits them (quotes taken off), up to a pipe or a list operator. */
function shellWords(line: string): { words: string[]; rest: string } {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  let i = 0;
  for (; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) word = (word ?? '') + line[++i];
      else word = (word ?? '') + c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < line.length) word = (word ?? '') + line[++i];
    else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '|' || c === ';' || c === '&') break;
    else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return { words, rest: line.slice(i) };
}

/** The command a parallel shell typed in the text ran on each host (`pdsh -w n[1-2] 'ethtool -i ib0'`: `ethtool -i ib0`). */
export function parallelShellCommand(text: string): { shell: string; command?: string } | undefined {
  for (const line of text.split('\n').slice(0, 400)) {
    const m = PARALLEL_SHELL.exec(line.replace(/\r$/, ''));
    if (!m) continue;
    const shell = m[1]!;
    const { words } = shellWords(m[2]!);
    const valued = VALUED[shell]!;
    if (shell === 'ansible') {
      const at = words.findIndex((w) => w === '-a' || w === '--args' || w.startsWith('--args='));
      const arg = at < 0 ? undefined : words[at]!.startsWith('--args=') ? words[at]!.slice(7) : words[at + 1];
      return { shell, ...(arg ? { command: arg.trim() } : {}) };
    }
    let k = 0;
    while (k < words.length && words[k]!.startsWith('-')) {
      const w = words[k]!;
      k += !w.includes('=') && valued.has(w) ? 2 : 1;
    }
    const command = words.slice(k).join(' ').trim();
    return { shell, ...(command ? { command } : {}) };
  }
  return undefined;
}

const MAX_HOSTS = 10_000;

/** The hosts a node set names: `node[01-03,07]`, `a,b`, `rack[1-2]-n[1-2]` (ranges keep their padding). */
export function nodeSetHosts(set: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < set.length; i++) {
    if (set[i] === '[') depth++;
    else if (set[i] === ']') depth--;
    else if (set[i] === ',' && depth === 0) {
      parts.push(set.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(set.slice(from));
  const hosts: string[] = [];
  // Expanded bracket by bracket; a node set naming more hosts than a ticket's output could show is kept as written.
  const expand = (pattern: string): boolean => {
    const m = /^([^[]*)\[([^\]]*)\](.*)$/.exec(pattern);
    if (!m) {
      hosts.push(pattern);
      return hosts.length <= MAX_HOSTS;
    }
    for (const r of m[2]!.split(',')) {
      const range = /^(\d+)-(\d+)$/.exec(r);
      const [lo, hi] = range ? [Number(range[1]), Number(range[2])] : [0, -1];
      if (!range || hi < lo || hi - lo > MAX_HOSTS) {
        if (!expand(`${m[1]}${r}${m[3]}`)) return false;
        continue;
      }
      for (let v = lo; v <= hi; v++) if (!expand(`${m[1]}${String(v).padStart(range[1]!.length, '0')}${m[3]}`)) return false;
    }
    return true;
  };
  return parts.filter((p) => p !== '').every(expand) ? hosts : [set];
}

const HOST = String.raw`[A-Za-z0-9][\w.-]{0,62}`;
const NODE_SET = new RegExp(String.raw`^((?:${HOST}|[\w.-]*\[[\d,\s-]+\][\w.-]*)(?:,(?:${HOST}|[\w.-]*\[[\d,\s-]+\][\w.-]*))*)(?: \(\d+\))?$`);
const DASHES = /^-{4,}$/;
const PSSH_HEADER = new RegExp(String.raw`^\[\d+\] \d\d:\d\d:\d\d \[(?:SUCCESS|FAILURE)\] (${HOST})(?::\d+)?(?: .*)?$`);
const ANSIBLE_HEADER = new RegExp(String.raw`^(${HOST}) \| (?:CHANGED|SUCCESS|FAILED!?) \| rc=-?\d+ >>$`);
const ANSIBLE_OTHER = new RegExp(String.raw`^(${HOST}) \| (?:UNREACHABLE!|FAILED!|SUCCESS|CHANGED) => \{?$`);
const HOST_PREFIX = new RegExp(String.raw`^(${HOST}):(?: (.*))?$`);

/** Each host's lines under block headers (dshbak, clush -b, pssh -i, Ansible), or undefined when the text has none. */
function blocks(lines: string[], typed: boolean): Map<string, string[]> | undefined {
  const starts: { at: number; skip: number; hosts: string[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = bareLine(lines[i]!).trim();
    const set = DASHES.test(l) && DASHES.test(bareLine(lines[i + 2] ?? '').trim()) ? NODE_SET.exec(bareLine(lines[i + 1]!).trim()) : null;
    if (set) {
      starts.push({ at: i, skip: 3, hosts: nodeSetHosts(set[1]!) });
      i += 2;
      continue;
    }
    const header = PSSH_HEADER.exec(l) ?? ANSIBLE_HEADER.exec(l);
    if (header) starts.push({ at: i, skip: 1, hosts: [header[1]!] });
    else if (ANSIBLE_OTHER.test(l)) starts.push({ at: i, skip: lines.length, hosts: [] });
  }
  const hosts = new Set(starts.flatMap((s) => s.hosts));
  // Dashes around a word may be a person's heading: several blocks of host-like names, or the parallel shell typed.
  const named = starts.every((s) => s.hosts.every((h) => /\d/.test(h)));
  if (hosts.size < 2 || (!typed && !named)) return undefined;
  const out = new Map<string, string[]>();
  starts.forEach((s, k) => {
    const end = starts[k + 1]?.at ?? lines.length;
    const own = lines.slice(Math.min(s.at + s.skip, end), end);
    while (own.length && bareLine(own.at(-1)!).trim() === '') own.pop();
    for (const h of s.hosts) {
      const mine = out.get(h) ?? [];
      for (const l of own) mine.push(l);
      out.set(h, mine);
    }
  });
  return out;
}

/** Each host's lines under `<host>: ` prefixes, or undefined when the text is no such output of several hosts. */
function prefixed(lines: string[], typed: boolean): Map<string, string[]> | undefined {
  // The shells write the prefix at the line's start: at the margin of the lines from the first prefix to the last (a
  // paste may be indented as a whole, under a person's words that are not).
  const indent = (l: string): number => /^\s*/.exec(bareLine(l))![0].length;
  const any = lines.map((l) => HOST_PREFIX.exec(bareLine(l).trimStart()));
  const first = any.findIndex((m) => m);
  const last = any.length - 1 - [...any].reverse().findIndex((m) => m);
  if (first < 0) return undefined;
  const margin = Math.min(...lines.slice(first, last + 1).filter((l) => bareLine(l).trim() !== '').map(indent));
  const matches = any.map((m, i) => (m && indent(lines[i]!) === margin ? m : null));
  const nonBlank = lines.filter((l) => bareLine(l).trim() !== '').length;
  const hosted = matches.filter((m) => m);
  const out = new Map<string, string[]>();
  for (const m of hosted) {
    const mine = out.get(m![1]!) ?? [];
    mine.push(m![2] ?? '');
    out.set(m![1]!, mine);
  }
  if (out.size < 2 || hosted.length * 3 < nonBlank * 2) return undefined;
  const counts = [...out.values()].map((v) => v.length);
  if (Math.min(...counts) < 2) return undefined;
  const all = [...out.values()].flat().filter((l) => l.trim() !== '');
  const names = new Set(all.flatMap((l) => FIELD.exec(l)?.[0].replace(/[\d\s:]+/g, ' ').trim() ?? []));
  // A field's name before its value (`driver: mlx5_core`, lspci's `Capabilities: [40] …` over and over) is no host: a
  // host's name holds a digit or a dot, or it is lower case, the parallel shell is typed and each host printed about as
  // many lines.
  const hostLike = [...out.keys()].every((h) => /[\d.]/.test(h));
  if (!hostLike && [...out.keys()].some((h) => /[A-Z]/.test(h))) return undefined;
  if ([...out.keys()].some((h) => names.has(h))) return undefined;
  if (!hostLike && (!typed || Math.max(...counts) > 2 * Math.min(...counts))) return undefined;
  if (!typed) {
    // Untyped, the lines after the prefixes must be a tool's fields of several names: not a log's `ata1: …` sentences.
    const fields = all.filter((l) => FIELD.test(l)).length;
    if (fields * 2 < all.length || names.size < 3) return undefined;
  }
  return out;
}

/**
 * The hosts of a parallel shell's output and each one's text, or undefined when the text is not the output of two or
 * more hosts (one host's output is read as the text is).
 */
export function parallelShellHosts(text: string): HostOutput[] | undefined {
  const lines = text.split('\n');
  const shell = parallelShellCommand(text);
  const typed = shell !== undefined || /\|\s*dshbak\b/.test(text);
  const hosts = blocks(lines, typed) ?? prefixed(lines, typed);
  if (!hosts) return undefined;
  const command = shell?.command;
  return [...hosts].map(([host, own]) => ({ host, text: `${command !== undefined ? `$ ${command}\n` : ''}${own.join('\n')}\n` }));
}
