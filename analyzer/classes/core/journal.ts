import type { LineIssue } from '../../parsers/text-input.js';
import { kernelLogRecords, type KernelLogLine } from './kmsg.js';

/**
 * The kernel's lines of `journalctl` output (sos's logs plugin keeps the journal of the running boot,
 * `journalctl --no-pager [--catalog] --boot`; supportconfig `journalctl --no-pager --boot=0 --output=short-iso`;
 * `journalctl -k`/`--dmesg` holds only them): every line whose identifier is `kernel`, in any `short*` format or as
 * `-o json` lines (which carry the priority and the time since boot), with its time since boot when the output is
 * `short-monotonic`; the other programs' lines, `-- Boot … --` and `-- Logs begin … --` markers and `--catalog`
 * explanations are not kernel lines, and neither are the indented further lines of their messages. An artifact
 * with not one kernel line is refused.
 */
export function journalKernelRecords(lines: Iterable<string>, issues?: LineIssue[]): Generator<KernelLogLine> {
  return kernelLogRecords(lines, issues, { parser: 'journal', message: 'not journalctl text output: not one kernel line' });
}
