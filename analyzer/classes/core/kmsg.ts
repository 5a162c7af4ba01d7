import { ParseError } from '../../parsers/errors.js';
import type { LineIssue } from '../../parsers/text-input.js';
import { classifyLine } from './kernel-log-forms.js';

export interface KernelLogLine {
  /** syslog priority 0 (emerg) … 7 (debug), without the facility; null for plain `dmesg` text, which prints none. */
  level: number | null;
  seq: number | null;
  /** Microseconds since boot. */
  usec: number | null;
  text: string;
  /** The PCI function a driver message names, e.g. `0000:3b:00.0` from `mlx5_core 0000:3b:00.0: …`. */
  device: string | null;
}

/** dev_printk/netdev_printk prefixes name a PCI function as `driver 0000:3b:00.0: …` or `driver 0000:3b:00.0 eth0: …`. */
const DEV = /^[^\s:]+ ([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])[: ]/;
const MAX_LINE = 8192;
/** Issues kept per artifact; the rest are counted in one last issue. */
const MAX_ISSUES = 100;
// CSI sequences (dmesg --color=always colours the stamp, the subsystem and the message by level) and OSC sequences.
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;
/** E-mail quote markers (`> `, `>> > `): no kernel log line starts with `>`. */
const QUOTE = /^(?:>[ \t]?)+/;
/** Mail clients and ticket systems break long lines at 80 columns: a piece that filled them continues mid-word. */
const HARD_WRAP = 80;
/** Columns a line filled; a line ending in white space was broken at a word (format=flowed), so it counts as not full. */
const widthOf = (line: string): number => (line.length === 0 || /\s/.test(line[line.length - 1]!) ? 0 : line.length);

export function deviceOf(text: string): string | null {
  const m = DEV.exec(text);
  return m ? m[1]! : null;
}

/** A record whose further lines may still follow; `fixed` is the device the line itself named (journal JSON). */
interface Pending {
  kmsg: boolean;
  level: number | null;
  seq: number | null;
  usec: number | null;
  text: string;
  width: number;
  fixed: string | null;
}

function finished(p: Pending): KernelLogLine {
  return { level: p.level, seq: p.seq, usec: p.usec, text: p.text, device: p.fixed ?? deviceOf(p.text) };
}

/**
 * The kernel log in any form it is stored or pasted in (see kernel-log-forms.ts): /dev/kmsg records (continuation
 * lines starting with a space carry key=value metadata and are skipped), dmesg output of every kind, journalctl and
 * syslog lines (the kernel's only; other programs' lines are left out), with CRLF line ends, colour codes, e-mail quote
 * markers, `...` elisions and shell prompts removed. Lines with no priority give level null, lines with no time since
 * boot usec null. A line that is none of these after a log line continues it (a message dmesg printed on several lines,
 * or a line a mail client or ticket wrapped); other unknown lines are returned as issues with their line numbers.
 * Throws only when not one line is a kernel log line.
 */
export function parseKernelLog(data: Buffer | string, issues?: LineIssue[]): KernelLogLine[] {
  const text = typeof data === 'string' ? data : data.toString('utf8');
  return [...kernelLogRecords(text.split('\n'), issues)];
}

/** parseKernelLog one line at a time, for logs read piece by piece. */
export function* kernelLogRecords(
  lines: Iterable<string>, issues?: LineIssue[], refusal = { parser: 'kmsg', message: 'neither /dev/kmsg records, dmesg --raw lines nor dmesg text' },
): Generator<KernelLogLine> {
  let no = 0;
  // One record in progress, built field by field (no object spread per line: a log of millions of lines is read here).
  let pending: Pending | undefined;
  /** The previous significant line was another program's (its continuation lines are skipped as well). */
  let afterOther = false;
  let found = false;
  let dropped = 0;
  const unknown: LineIssue[] = [];
  const note = (i: LineIssue): void => {
    if (unknown.length < MAX_ISSUES) unknown.push(i);
    else dropped++;
  };
  /** Another command typed in the paste (`ls -l /sys/class/net/eth0/device`) and the count of its output's lines so far. */
  let typed: { line: number; text: string; lines: number } | undefined;
  const endTyped = (): void => {
    if (typed) note({ line: typed.line, text: typed.text, message: `another command's output (${typed.lines} line${typed.lines === 1 ? '' : 's'} below its command line), not the kernel log's` });
    typed = undefined;
  };
  for (const raw of lines) {
    no++;
    let line = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
    if (no === 1) line = line.replace(/^\uFEFF/, '');
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.includes('\x1b')) line = line.replace(ANSI, '');
    if (line.startsWith('>')) line = line.replace(QUOTE, '');
    if (line.trim() === '') continue;
    // A log a page or a mail indented whole (`  [    0.000000] microcode: …`): a timestamped line is a record however
    // far in it starts; dmesg's own further lines of a message are indented but never start with a timestamp.
    if (/^\s/.test(line) && /^\s+\[\s*\d+\.\d+\]/.test(line)) line = line.trimStart();
    const form = classifyLine(line);
    if (form.kind !== 'unknown') endTyped();
    if (form.kind === 'record') {
      if (pending) yield finished(pending);
      found = true;
      afterOther = false;
      pending = { kmsg: form.kmsg, level: form.level, seq: form.seq, usec: form.usec, text: form.text, width: widthOf(line), fixed: form.device ?? null };
      continue;
    }
    if (form.kind === 'other') {
      if (pending) yield finished(pending);
      pending = undefined;
      afterOther = true;
      continue;
    }
    if (form.kind === 'command') {
      // Its output is no rest of the record before it: the lines up to the next log line or prompt are the command's.
      if (pending) yield finished(pending);
      pending = undefined;
      afterOther = false;
      typed = { line: no, text: line.trim().slice(0, 120), lines: 0 };
      continue;
    }
    if (typed) {
      typed.lines++;
      continue;
    }
    if (form.kind === 'noise') {
      // A fence, an elision or a command typed ends the record before it: what follows is no rest of its line.
      if (pending) yield finished(pending);
      pending = undefined;
      continue;
    }
    if (pending?.kmsg && line.startsWith(' ')) continue;
    if (afterOther && /^\s/.test(line)) continue;
    if (pending) {
      // dmesg indents the further lines of a multi-line message; a wrapped line is not indented.
      const piece = line.trim();
      const glued = pending.width >= HARD_WRAP && !/^\s/.test(line);
      pending.text = `${pending.text}${glued ? '' : ' '}${piece}`;
      pending.width = widthOf(line);
      if (!/^\s/.test(line)) note({ line: no, text: line.slice(0, 120), message: 'read as the rest of the line before it (wrapped)' });
      continue;
    }
    note({ line: no, text: line.slice(0, 120), message: 'not a kernel log line' });
  }
  endTyped();
  if (pending) yield finished(pending);
  if (!found) throw new ParseError(refusal.parser, refusal.message, 0);
  if (issues) {
    issues.push(...unknown);
    if (dropped) issues.push({ line: no, text: '', message: `${dropped} more lines not read as kernel log lines` });
  }
}
