import { journalKernelRecords } from './journal.js';
import { kernelLogRecords, type KernelLogLine } from './kmsg.js';
import type { LoadContext } from '../../load/types.js';
import type { LineIssue } from '../../parsers/text-input.js';

/** Journal outputs an import keeps (collector/import: the running boot's, or `-k`/`--dmesg`). */
const JOURNAL = /^cmd\/journalctl\/[^/]+\.out$/;
/** Collect's own, then a report's plain dmesg; any other saved dmesg output (`-x.out`, `-T_-x.out`) after them. */
const PREFERRED = ['dev/kmsg', 'cmd/dmesg/--raw.out', 'cmd/dmesg/_.out', 'cmd/dmesg/-T.out'];
const DMESG = /^cmd\/dmesg\/[^/]+\.out$/;
const KERNEL_ONLY = /[/_](?:-k|--dmesg)(?:_|\.out$)/;

/** A bundle's kernel log: the artifact it is read from, the parser that reads it, and its records one at a time. */
export interface KernelLogArtifact {
  name: string;
  parser: 'kmsg' | 'journal';
  /** Its records; lines that are no kernel log line are added to `issues` once the records are read. */
  records(issues?: LineIssue[]): Iterable<KernelLogLine>;
}

/**
 * The kernel log of a bundle: `dev/kmsg`, or `dmesg --raw` output where /dev/kmsg was unreadable, or the plain
 * `dmesg` / `dmesg -T` text an imported report holds (rows without a level), or another saved `dmesg` output, or, when a report has none of these,
 * the kernel's lines of its journal (`journalctl` text; a `-k`/`--dmesg` output first). Shared: the kernel-log class's
 * loader parses and stores it, and other classes read the lines they derive facts from back (storedKernelLog).
 */
export function kernelLogArtifact(ctx: LoadContext): KernelLogArtifact | undefined {
  const saved = ctx.names(DMESG).filter((n) => !PREFERRED.includes(n));
  for (const name of [...PREFERRED, ...saved]) {
    if (ctx.lines(name) === undefined) continue;
    return { name, parser: 'kmsg', records: (issues) => kernelLogRecords(ctx.lines(name) ?? [], issues) };
  }
  const journals = ctx.names(JOURNAL).sort((a, b) => Number(KERNEL_ONLY.test(b)) - Number(KERNEL_ONLY.test(a)));
  const name = journals[0];
  return name && ctx.lines(name) !== undefined ? { name, parser: 'journal', records: (issues) => journalKernelRecords(ctx.lines(name) ?? [], issues) } : undefined;
}

const globLiteral = (s: string): string => s.replace(/[*?[]/g, (c) => `[${c}]`).replace(/'/g, "''");

/**
 * The lines of this bundle's kernel log whose text starts with one of `prefixes`, in log order, as the kernel-log
 * class stored them (its loader runs before every class that declares it reads kernel-log): the log is parsed once
 * per analyze, and a class reading a few of its lines reads them from kernel_log_rows instead of parsing it again.
 * Read one at a time: write nothing until they are read.
 */
export function* storedKernelLog(ctx: LoadContext, prefixes: readonly string[]): Generator<KernelLogLine> {
  const where = prefixes.map((p) => `t.text GLOB '${globLiteral(p)}*'`).join(' OR ');
  const rows = ctx.query(`SELECT k.seq, k.usec, k.level, k.device_key AS device, t.text FROM kernel_log_rows k JOIN kernel_log_texts t ON t.id = k.text_id
    WHERE k.bundle_id = @bundle AND (${where}) ORDER BY k.no`);
  for (const r of rows) yield r as unknown as KernelLogLine;
}
