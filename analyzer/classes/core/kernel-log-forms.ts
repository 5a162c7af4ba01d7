/**
 * One line of a kernel log in any of the forms real hosts, reports and tickets hold it: /dev/kmsg records,
 * `dmesg` (plain, `-T`/`--ctime`, `-x`/`--decode`, `-r`/`--raw` with or without a space after `<N>`, `-d`,
 * `-e`, `--time-format iso`, a printk caller id), `journalctl` (`short*` formats, `-o json` lines), syslog files
 * (`/var/log/kern.log`, `/var/log/messages`: RFC 3164 with a hostname, rsyslog's ISO 8601 `RSYSLOG_FileFormat`,
 * RFC 5424 with `<PRI>1`). The caller removes line ends, colour codes and e-mail quote markers first.
 */

import { FENCE } from '../../parsers/code-fences.js';
import { ANY_PROMPT, BARE_COMMAND } from '../../parsers/shell-session.js';

export type LineForm =
  | { kind: 'record'; kmsg: boolean; level: number | null; seq: number | null; usec: number | null; text: string; device?: string }
  /** A journal or syslog line of another program, or a journal marker: not the kernel's, not unknown. */
  | { kind: 'other' }
  /** Lines around a pasted output that are not log lines: `...`, a code fence, a shell prompt. */
  | { kind: 'noise' }
  /** A prompt with a command typed that prints no kernel log (`root@host:~# ls -l /sys/class/net/eth0/device`): its output follows. */
  | { kind: 'command' }
  | { kind: 'unknown' };

const KMSG = /^(\d+),(\d+),(\d+),[^;]*;(.*)$/;

/** dmesg's time since boot, with `-d`'s delta: `[    1.234567]`, `[ 1.234567 <    0.000123>]`. */
const MONO = String.raw`\[\s*(\d+)\.(\d+)(?:\s*<\s*[\d.]+>)?\]`;
/** Stamps that carry no time since boot: `-T` (`[Tue Dec  1 10:00:00 2026]`), `-e` (`[Dec 1 10:00]`, `[  +0.000123]`), `-d` alone (`[<    0.000123>]`). */
const WALL = String.raw`\[(?:[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}|[A-Z][a-z]{2} ?[ \d]?\d \d{2}:\d{2}|\s*\+\s*[\d.]+|\s*<\s*[\d.]+>)\]`;
/** `--time-format iso`: `2026-12-01T10:00:00,123456+00:00`. */
const DMESG_ISO = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2},\d+[+-]\d{2}:?\d{2}`;
/** What follows a stamp: a printk caller id (`[   T4552] `, `[    C1] `) is not part of the message. */
const CALLER = /^\[\s*[TC]\d+\] ?/;

const STAMPED = new RegExp(String.raw`^(?:${MONO}|${WALL}|${DMESG_ISO})(.*)$`);
/** `<3>[    1.2] msg`, `<3> [    1.2] msg` (Intel's CI logs), `<3>msg` (`dmesg -r -t`). */
const RAW = /^<(\d{1,3})> ?(.*)$/;
/** `dmesg -x`: `kern  :err   : [...] msg`, also collapsed to `kern :err : ` when pasted. */
const DECODED = /^(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local[0-7])\s*:\s*(emerg|alert|crit|err|warn|notice|info|debug)\s*: ?(.*)$/;
const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'];

/** journalctl `short`/`short-precise` and RFC 3164 (`Dec  1 10:00:00[.123456]`, local month names), `short-iso[-precise]` and rsyslog's ISO 8601, `short-full`. */
const SYSLOG_TIME = String.raw`(?:\S{2,12}\.? [ \d]\d \d{2}:\d{2}:\d{2}(?:\.\d+)?|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})|[A-Z][a-z]{2} \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? \S+)`;
/** `<time> [host] <identifier>[<pid>]: message`, after an optional `<PRI>` of a forwarded line; `short-monotonic` has `[ sec.usec]` for the time. */
const SYSLOG = new RegExp(String.raw`^(?:<(\d{1,3})>)?(?:${SYSLOG_TIME}|${MONO}) (?:(\S+) )?([^\s:\[]+)(\[\d+\])?: (.*)$`);
/** RFC 5424: `<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG`. */
const RFC5424 = /^<(\d{1,3})>1 \S+ \S+ (\S+) \S+ \S+ (?:-|(?:\[(?:[^\]\\]|\\.)*\])+) ?(.*)$/;

const ELISION = /^(?:\.{3,}|…|\(\s*(?:\.{3,}|…)\s*\)|\[\s*(?:\.{3,}|…|snip)\s*\]|<\s*(?:\.{3,}|snip(?:ped)?)\s*>|-+\s*(?:snip|cut here)\s*-+)$/i;
/**
 * A driver's message on a PCI function with no time before it (`dmesg -t`, a kernel built without printk times, a
 * document quoting the log without its stamps): `ionic 0000:b5:00.0: Link up`, `ionic 0000:b5:00.0 enp181s0: renamed
 * from eth0`. The driver's name and the full address say it is the kernel's; indented, it is a log a page indented whole.
 */
const UNSTAMPED_DEVICE = /^[a-z][\w.-]* [0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7](?::| [\w.-]+:) \S/;
const PROMPT = /^(?:\[[^\]]*\]|[\w.@:~/-]*)?[$#]\s+(?:sudo\s+)?(?:\S*\/)?(?:dmesg|journalctl|cat|grep|tail|head|less|zcat|egrep)\b/;
/** A command that prints the kernel log or a part of it, typed bare. */
const LOG_COMMAND = /^(?:sudo\s+)?(?:\S*\/)?(?:dmesg|journalctl|cat|grep|tail|head|less|zcat|egrep)\b/;

export function microseconds(sec: string, frac: string): number {
  return Number(sec) * 1_000_000 + Number(frac.padEnd(6, '0').slice(0, 6));
}

/** The rest of a dmesg line after its stamp (if any), with its time since boot. */
function stamped(rest: string): { usec: number | null; text: string } | undefined {
  const m = STAMPED.exec(rest);
  if (!m) return undefined;
  const text = m[3]!.startsWith(' ') ? m[3]!.slice(1) : m[3]!;
  return { usec: m[1] !== undefined ? microseconds(m[1], m[2]!) : null, text: text.replace(CALLER, '') };
}

/** A syslog or journal line of the kernel's: its message, without the `[ sec.usec]` kern.log adds when the kernel printed it. */
function syslogRecord(pri: string | undefined, mono: [string, string] | undefined, body: string): LineForm {
  const inner = /^\[\s*(\d+)\.(\d+)\] ?(.*)$/.exec(body);
  const usec = mono ? microseconds(mono[0], mono[1]) : inner ? microseconds(inner[1]!, inner[2]!) : null;
  return { kind: 'record', kmsg: false, level: pri !== undefined ? Number(pri) & 7 : null, seq: null, usec, text: inner ? inner[3]! : body };
}

interface JournalJson {
  MESSAGE?: unknown;
  PRIORITY?: unknown;
  _TRANSPORT?: unknown;
  SYSLOG_IDENTIFIER?: unknown;
  _SOURCE_MONOTONIC_TIMESTAMP?: unknown;
  __MONOTONIC_TIMESTAMP?: unknown;
  _KERNEL_DEVICE?: unknown;
}

/** `journalctl -o json`: one entry per line; a MESSAGE that is not UTF-8 is an array of bytes. */
function journalJson(line: string): LineForm {
  let e: JournalJson;
  try {
    const v: unknown = JSON.parse(line);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return { kind: 'unknown' };
    e = v as JournalJson;
  } catch {
    return { kind: 'unknown' };
  }
  const kernel = e._TRANSPORT === 'kernel' || (e._TRANSPORT === undefined && e.SYSLOG_IDENTIFIER === 'kernel');
  if (!kernel) return e.MESSAGE !== undefined || e._TRANSPORT !== undefined ? { kind: 'other' } : { kind: 'unknown' };
  const message = typeof e.MESSAGE === 'string' ? e.MESSAGE
    : Array.isArray(e.MESSAGE) && e.MESSAGE.every((b) => Number.isInteger(b) && b >= 0 && b < 256) ? Buffer.from(e.MESSAGE as number[]).toString('utf8') : undefined;
  if (message === undefined) return { kind: 'unknown' };
  const num = (v: unknown): number | null => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);
  const level = num(e.PRIORITY);
  const device = typeof e._KERNEL_DEVICE === 'string' ? /^\+pci:([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])$/.exec(e._KERNEL_DEVICE)?.[1] : undefined;
  return {
    kind: 'record', kmsg: false, level: level === null ? null : level & 7, seq: null,
    usec: num(e._SOURCE_MONOTONIC_TIMESTAMP) ?? num(e.__MONOTONIC_TIMESTAMP), text: message.replace(/\n[\s\S]*$/, ''),
    ...(device ? { device } : {}),
  };
}

/** What one cleaned line is (see the file comment for the forms). */
export function classifyLine(line: string): LineForm {
  let m = KMSG.exec(line);
  if (m) return { kind: 'record', kmsg: true, level: Number(m[1]) & 7, seq: Number(m[2]), usec: Number(m[3]), text: m[4]! };
  // A wiki's code block (`{{{`) opens with braces as journalctl -o json's lines do.
  if (line.startsWith('{') && !FENCE.test(line.trim())) return journalJson(line);
  m = RFC5424.exec(line);
  if (m) return m[2] === 'kernel' ? { kind: 'record', kmsg: false, level: Number(m[1]) & 7, seq: null, usec: null, text: m[3]! } : { kind: 'other' };
  m = SYSLOG.exec(line);
  // After `[ sec.usec]` a line is dmesg's (`usb 1-1: …`, `systemd[1]: …`) unless it names `kernel:` or a host and a `name[pid]:`.
  if (m && (m[2] === undefined || m[5] === 'kernel' || (m[4] !== undefined && m[6] !== undefined))) {
    if (m[5] !== 'kernel') return { kind: 'other' };
    return syslogRecord(m[1], m[2] !== undefined ? [m[2], m[3]!] : undefined, m[7]!);
  }
  m = DECODED.exec(line);
  if (m) {
    const s = stamped(m[2]!) ?? { usec: null, text: m[2]! };
    return { kind: 'record', kmsg: false, level: LEVELS.indexOf(m[1]!), seq: null, ...s };
  }
  m = RAW.exec(line);
  if (m) {
    const s = stamped(m[2]!) ?? { usec: null, text: m[2]! };
    return { kind: 'record', kmsg: false, level: Number(m[1]) & 7, seq: null, ...s };
  }
  const s = stamped(line);
  if (s) return { kind: 'record', kmsg: false, level: null, seq: null, ...s };
  const bare = line.trim();
  if (bare.startsWith('-- ') && bare.endsWith(' --')) return { kind: 'other' };
  if (/^-- /.test(bare) || bare === '--') return { kind: 'other' };
  if (ELISION.test(bare) || FENCE.test(bare) || PROMPT.test(bare)) return { kind: 'noise' };
  if (ANY_PROMPT.test(bare)) return { kind: 'command' };
  // A command line typed bare at the margin (`lspci -vvv`, `smartctl -a /dev/sda`): another tool's output follows, or
  // more of the log when it is one that prints the log (`dmesg | grep nvme`).
  if (!/^\s/.test(line) && BARE_COMMAND.test(bare)) return LOG_COMMAND.test(bare) ? { kind: 'noise' } : { kind: 'command' };
  if (UNSTAMPED_DEVICE.test(bare)) return { kind: 'record', kmsg: false, level: null, seq: null, usec: null, text: bare };
  return { kind: 'unknown' };
}
