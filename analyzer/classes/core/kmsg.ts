import { ParseError } from '../../parsers/errors.js';

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

const KMSG = /^(\d+),(\d+),(\d+),[^;]*;(.*)$/;
const RAW = /^<(\d+)>(?:\[\s*(\d+)\.(\d+)\]\s?)?(.*)$/;
/** `dmesg` without --raw: `[    1.234567] message`. */
const PLAIN = /^\[\s*(\d+)\.(\d+)\]\s?(.*)$/;
/** `dmesg -T`: `[Tue Dec  1 10:00:00 2026] message` (wall-clock time, which fwsnap does not keep). */
const WALL = /^\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}\]\s?(.*)$/;
/** dev_printk/netdev_printk prefixes name a PCI function as `driver 0000:3b:00.0: …` or `driver 0000:3b:00.0 eth0: …`. */
const DEV = /^[^\s:]+ ([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])[: ]/;
const MAX_LINE = 8192;

function microseconds(sec: string, frac: string): number {
  return Number(sec) * 1_000_000 + Number(frac.padEnd(6, '0').slice(0, 6));
}

export function deviceOf(text: string): string | null {
  const m = DEV.exec(text);
  return m ? m[1]! : null;
}

/**
 * The kernel log as /dev/kmsg gives it (`prio,seq,usec,flags;message` records, continuation lines starting
 * with a space carry key=value metadata and are skipped), as `dmesg --raw` prints it (`<prio>[ sec.usec] message`),
 * or as plain `dmesg` (`[ sec.usec] message`) and `dmesg -T` (`[Tue Dec  1 10:00:00 2026] message`) print it, as
 * sosreports and supportconfig keep it: those lines have no priority (level null).
 */
export function parseKernelLog(data: Buffer | string): KernelLogLine[] {
  const text = typeof data === 'string' ? data : data.toString('utf8');
  return [...kernelLogRecords(text.split('\n'))];
}

/** parseKernelLog one line at a time, for logs read piece by piece. */
export function* kernelLogRecords(lines: Iterable<string>): Generator<KernelLogLine> {
  let i = 0;
  let found = false;
  for (const line of lines) {
    const first = i++ === 0;
    if (line === '' || line.startsWith(' ')) continue;
    const cut = line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line;
    let m = KMSG.exec(cut);
    if (m) {
      found = true;
      yield { level: Number(m[1]) & 7, seq: Number(m[2]), usec: Number(m[3]), text: m[4]!, device: deviceOf(m[4]!) };
      continue;
    }
    m = RAW.exec(cut);
    if (m) {
      found = true;
      const usec = m[2] !== undefined ? microseconds(m[2], m[3]!) : null;
      yield { level: Number(m[1]) & 7, seq: null, usec, text: m[4]!, device: deviceOf(m[4]!) };
      continue;
    }
    m = PLAIN.exec(cut);
    if (m) {
      found = true;
      yield { level: null, seq: null, usec: microseconds(m[1]!, m[2]!), text: m[3]!, device: deviceOf(m[3]!) };
      continue;
    }
    m = WALL.exec(cut);
    if (m) {
      found = true;
      yield { level: null, seq: null, usec: null, text: m[1]!, device: deviceOf(m[1]!) };
      continue;
    }
    if (!found && first) throw new ParseError('kmsg', 'neither /dev/kmsg records, dmesg --raw lines nor dmesg text', 0);
  }
}
