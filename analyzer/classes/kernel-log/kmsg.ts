import { ParseError } from '../../parsers/errors.js';

export interface KernelLogLine {
  /** syslog priority 0 (emerg) … 7 (debug), without the facility. */
  level: number;
  seq: number | null;
  /** Microseconds since boot. */
  usec: number | null;
  text: string;
  /** The PCI function a driver message names, e.g. `0000:3b:00.0` from `mlx5_core 0000:3b:00.0: …`. */
  device: string | null;
}

const KMSG = /^(\d+),(\d+),(\d+),[^;]*;(.*)$/;
const RAW = /^<(\d+)>(?:\[\s*(\d+)\.(\d+)\]\s?)?(.*)$/;
/** dev_printk/netdev_printk prefixes name a PCI function as `driver 0000:3b:00.0: …` or `driver 0000:3b:00.0 eth0: …`. */
const DEV = /^[^\s:]+ ([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])[: ]/;
const MAX_LINE = 8192;

function device(text: string): string | null {
  const m = DEV.exec(text);
  return m ? m[1]! : null;
}

/**
 * The kernel log as /dev/kmsg gives it (`prio,seq,usec,flags;message` records, continuation lines starting
 * with a space carry key=value metadata and are skipped) or as `dmesg --raw` prints it (`<prio>[ sec.usec] message`).
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
      yield { level: Number(m[1]) & 7, seq: Number(m[2]), usec: Number(m[3]), text: m[4]!, device: device(m[4]!) };
      continue;
    }
    m = RAW.exec(cut);
    if (m) {
      found = true;
      const usec = m[2] !== undefined ? Number(m[2]) * 1_000_000 + Number(m[3]!.padEnd(6, '0').slice(0, 6)) : null;
      yield { level: Number(m[1]) & 7, seq: null, usec, text: m[4]!, device: device(m[4]!) };
      continue;
    }
    if (!found && first) throw new ParseError('kmsg', 'neither /dev/kmsg records nor dmesg --raw lines', 0);
  }
}
