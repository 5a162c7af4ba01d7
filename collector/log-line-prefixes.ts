import { decodeJsonLogLine } from './json-log-line.js';

/**
 * Outputs quoted from a log carry a prefix on every output line:
 * - a test runner's (avocado and the like), `12:00:01 DEBUG| [stdout] afi  : 0x2`, between the runner's own lines
 *   (`INFO | Running 'nvme fw-log …'`, which is then the command typed above the output);
 * - syslog's, when a script sends each line of an output to `logger` (`Jul  7 20:25:49 host root: Model Number: …`,
 *   with the year first or an ISO time, a level word before the tag on some systems), between other programs' lines;
 * - a bare time on every line, as CI logs (`2024-05-01T10:00:00.1234567Z `) and moreutils' `ts` (`May 01 10:00:00 `)
 *   print them;
 * - `kubectl logs --prefix`'s `[pod/<pod>/<container>] ` on every line;
 * - a program's own log quoting another program's output line by line, the time in brackets, a level and the quoted
 *   program's name (nwipe's `[2021/11/01 10:37:46]   debug: smartctl: Vendor:               HP`), between its other lines;
 * - a parallel shell's host name (pdsh, clush, pssh -i's `<host>: ` on each line of the host's output), when the lines
 *   under it are a tool's fields; with several hosts, the first host's lines are read and the others' stay as they are.
 * When such lines make up the text (a good part of it, for runner and syslog lines), only what follows the prefix is
 * kept; every other line becomes blank, so line numbers stay those of the input.
 */
const STDOUT_MARK = /\[stdout\] ?/;
/**
 * A test runner's line naming the command it runs or ran (avocado: `Running 'nvme fw-log /dev/nvme0'`, `Command 'nvme
 * fw-log /dev/nvme2' finished with 0 after 0.002s`; the output's lines come after either, as the runner read them).
 */
const RUNNER_COMMAND = /\b(?:Running|Command) '([^']+)'(?: finished\b.*)?$/;
const SYSLOG_TIME = String.raw`(?:(?:\d{4} )?[A-Z][a-z]{2} {1,2}\d{1,2} \d\d:\d\d:\d\d(?:\.\d+)?|\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?)`;
const SYSLOG_LEVEL = '(?:EMERG|ALERT|CRIT|ERR|ERROR|WARNING|WARN|NOTICE|INFO|DEBUG) ';
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/** A line as a log prefix is looked for in it: its colour codes and CR off, its indentation kept. */
export const bareLine = (l: string): string => l.replace(ANSI, '').replace(/\r$/, '');
/**
 * Groups: the host and tag that name which program a syslog line is from. A tag is a program's name, never with
 * parentheses: `ts`-timed `FW Version(Running): 10.10.5054` is an output's line, not host `FW`'s program `Version(Running)`.
 * Neither holds a JSON document's braces, brackets, quotes or commas: a timed one-line JSON output
 * (`Dec 01 10:00:05 {"model_name":"SAMSUNG MZ7LH480",…}`) is no host `{"model_name":"SAMSUNG` with a program `MZ7LH480",…`.
 */
const SYSLOG_PREFIX = new RegExp(String.raw`^${SYSLOG_TIME} ([^\s{}[\]",]+) (?:${SYSLOG_LEVEL})?([^\s:[()"{},]+)(?:\[\d+\])?: ?`);
/** A time alone before the line (CI logs, `ts`); the one space after it is the prefix's. */
const TIME_PREFIX = new RegExp(String.raw`^(?:\[${SYSLOG_TIME}\]|${SYSLOG_TIME})(?: |$)`);
/**
 * A program's log line that quotes another program's output line: `[<time>] <level>: <program>: `. Group: the
 * quoted program. The time may be written with slashes (`2021/11/01 10:37:46`).
 */
const QUOTING_PREFIX = new RegExp(String.raw`^\[(?:${SYSLOG_TIME}|\d{4}/\d\d/\d\d \d\d:\d\d:\d\d(?:[.,]\d+)?)\]\s+(?:emerg|alert|crit|err|error|warning|warn|notice|info|debug)\s*:\s+([\w.-]+): ?`, 'i');

/** `kubectl logs --prefix`: `[pod/<pod>/<container>] `. */
const KUBECTL_PREFIX = /^\[pod\/[^\s/\]]+\/[^\s/\]]+\](?: |$)/;

export function unwrapRunnerLog(pasted: string): string {
  // A runner's log saved inside a JSON log line: its lines are the decoded string's.
  const raw = decodeJsonLogLine(pasted.replace(/^\uFEFF/, '')) ?? pasted;
  return unwrapLinePrefixes(raw) ?? pasted;
}

/** The text without the log prefix its lines carry (a runner's, syslog's, kubectl's, a time), or undefined when it has none. */
export function unwrapLinePrefixes(raw: string): string | undefined {
  return loggedLines(raw)?.map((l) => l ?? '').join('\n');
}

/**
 * Each line's text after the log prefix the text's lines carry, undefined for a line that carries none (another
 * program's, a line the log did not write); undefined when the text is no such log.
 */
export function loggedLines(raw: string): (string | undefined)[] | undefined {
  const lines = raw.split('\n');
  const nonBlank = lines.filter((l) => l.trim() !== '').length;
  const marked = lines.filter((l) => STDOUT_MARK.test(l)).length;
  if (marked > 0 && marked * 3 >= nonBlank) {
    return lines.map((l, i) => {
      const m = STDOUT_MARK.exec(l);
      if (m) return l.slice(m.index + m[0].length);
      // The runner's line naming the command whose output its next lines are is that command typed.
      const run = RUNNER_COMMAND.exec(l);
      return run && STDOUT_MARK.test(lines.slice(i + 1).find((x) => x.trim() !== '') ?? '') ? `$ ${run[1]}` : undefined;
    });
  }
  return unwrapSyslog(lines, nonBlank) ?? unwrapQuoting(lines, nonBlank) ?? unwrapEveryLine(lines, KUBECTL_PREFIX) ?? unwrapEveryLine(lines, TIME_PREFIX) ?? unwrapHosts(lines, nonBlank);
}

/** `<host>: ` as pdsh and clush write it before each line a host printed (the line as printed after it, blank ones too). */
const HOST_PREFIX = /^([A-Za-z0-9][\w.-]{0,62}):(?: |$)/;
/** A tool's field (`driver: mlx5_core`, `vid       : 0x144d`, `FW Version(Running):   2.42.5000`). */
export const FIELD = /^\s*[A-Za-z][\w .()/-]{0,40}:(?:\s|$)/;

/**
 * The lines of the first host of a parallel shell's output. Most lines carry a host's prefix and most of the first
 * host's lines are then a tool's fields, of several names (a kernel log grepped for `ata1:` carries one name on every
 * line too, but its lines are sentences; /proc/scsi/scsi's `Host:`, `Vendor:` and `Type:` lines each hold one field).
 */
function unwrapHosts(lines: string[], nonBlank: number): (string | undefined)[] | undefined {
  const bare = lines.map((l) => bareLine(l).trimStart());
  const prefixes = bare.map((l) => HOST_PREFIX.exec(l));
  const host = prefixes.find((m) => m)?.[1];
  if (host === undefined) return undefined;
  const mine = prefixes.flatMap((m, i) => (m?.[1] === host ? [bare[i]!.slice(m[0].length)] : []));
  const prefixed = prefixes.filter((m) => m).length;
  const filled = mine.filter((l) => l.trim() !== '');
  const fields = filled.flatMap((l) => FIELD.exec(l)?.[0].replace(/[\d\s:]+/g, ' ').trim() ?? []);
  // A tool's fields have names of their own; `Host: scsi0 Channel: 00` over and over (/proc/scsi/scsi) is one field.
  const names = new Set(fields).size;
  if (filled.length < 3 || prefixed * 3 < nonBlank * 2 || fields.length * 2 < filled.length || names < 3 || names * 3 < fields.length) return undefined;
  return lines.map((l, i) => (prefixes[i]?.[1] === host ? bare[i]!.slice(prefixes[i]![0].length) : l));
}

/** A prefix on every non-blank line (kubectl's, a bare time) removed, or undefined when some line lacks it. */
function unwrapEveryLine(lines: string[], prefix: RegExp): (string | undefined)[] | undefined {
  const bare = lines.map((l) => bareLine(l).trimStart());
  const nonBlank = bare.filter((l) => l !== '');
  if (nonBlank.length === 0 || !nonBlank.every((l) => prefix.test(l))) return undefined;
  return bare.map((l) => l.replace(prefix, ''));
}

/** The lines of the program a log quotes most (`debug: smartctl: …`), or undefined when the text is no such log. */
function unwrapQuoting(lines: string[], nonBlank: number): (string | undefined)[] | undefined {
  const bare = lines.map((l) => bareLine(l).trimStart());
  const prefixes = bare.map((l) => QUOTING_PREFIX.exec(l));
  const counts = new Map<string, number>();
  for (const m of prefixes) if (m) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  const [program, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (n === 0 || n * 3 < nonBlank) return undefined;
  return lines.map((_, i) => {
    const m = prefixes[i];
    return m && m[1] === program ? bare[i]!.slice(m[0].length) : undefined;
  });
}

/** The messages of the program that most of the syslog lines are from, or undefined when the text is no such log. */
function unwrapSyslog(lines: string[], nonBlank: number): (string | undefined)[] | undefined {
  // A pasted log may be indented as a whole or coloured; the prefix is looked for in the bare line.
  const bare = lines.map((l) => bareLine(l).trimStart());
  const prefixes = bare.map((l) => SYSLOG_PREFIX.exec(l));
  const counts = new Map<string, number>();
  for (const m of prefixes) if (m) counts.set(`${m[1]} ${m[2]}`, (counts.get(`${m[1]} ${m[2]}`) ?? 0) + 1);
  const [program, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (n === 0 || n * 3 < nonBlank) return undefined;
  // Every line timed and some of them not `host tag:`-shaped: a time-stamped output (`ts`, a CI log), some of whose
  // lines only looked like a host and a tag after the time.
  if (bare.every((l) => l === '' || TIME_PREFIX.test(l)) && bare.some((l, i) => l !== '' && !prefixes[i])) return undefined;
  return lines.map((_, i) => {
    const m = prefixes[i];
    return m && `${m[1]} ${m[2]}` === program ? bare[i]!.slice(m[0].length) : undefined;
  });
}
