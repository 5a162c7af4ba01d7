import { ParseError } from '../../parsers/errors.js';
import { deviceOf, type KernelLogLine } from './kmsg.js';

const MAX_LINE = 8192;
/** `short`/`short-precise` (`Dec 01 10:00:00[.123456]`, month names in the host's locale), `short-iso[-precise]`, `short-full` (`Tue 2026-12-01 10:00:00 UTC`). */
const WALL = String.raw`(?:\S{2,12}\.? [ \d]\d \d{2}:\d{2}:\d{2}(?:\.\d+)?|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})|[A-Z][a-z]{2} \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? \S+)`;
/** `short-monotonic`: `[    6.496736]`, seconds since boot. */
const MONOTONIC = String.raw`\[\s*(\d+)\.(\d+)\]`;
/** A journal line of the kernel's: the time, the hostname (left out with --no-hostname), `kernel:`, the message. */
const KERNEL = new RegExp(String.raw`^(?:${MONOTONIC}|${WALL})(?: \S+)? kernel: (.*)$`);
/** A line of the journal, any identifier: `<time> [<host>] <identifier>[<pid>]: <message>`. */
const ENTRY = new RegExp(String.raw`^(?:${MONOTONIC}|${WALL}) (?:\S+ )?[^\s:]+(?:\[\d+\])?: `);

/**
 * The kernel's lines of `journalctl` text output (sos's logs plugin keeps the journal of the running boot,
 * `journalctl --no-pager [--catalog] --boot`; supportconfig `journalctl --no-pager --boot=0 --output=short-iso`;
 * `journalctl -k`/`--dmesg` holds only them): every line whose identifier is `kernel`, with its time since boot
 * when the output is `short-monotonic`; the other programs' lines, `-- Boot … --` and `-- Logs begin … --`
 * markers and `--catalog` explanations are not kernel lines. No priorities: journalctl's text prints none.
 * The first line must be a journal line or marker (else the artifact is not a journal); later lines that are
 * neither are continuation lines of a multi-line message and are skipped.
 */
export function* journalKernelRecords(lines: Iterable<string>): Generator<KernelLogLine> {
  let first = true;
  for (const raw of lines) {
    const line = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw.replace(/\r$/, '');
    if (line === '') continue;
    if (first) {
      first = false;
      if (!line.startsWith('-- ') && !ENTRY.test(line) && !KERNEL.test(line)) {
        throw new ParseError('journal', `not journalctl text output: ${JSON.stringify(line.slice(0, 80))}`, 1);
      }
    }
    const m = KERNEL.exec(line);
    if (!m) continue;
    const usec = m[1] !== undefined ? Number(m[1]) * 1_000_000 + Number(m[2]!.padEnd(6, '0').slice(0, 6)) : null;
    yield { level: null, seq: null, usec, text: m[3]!, device: deviceOf(m[3]!) };
  }
}
