import { journalKernelRecords } from './journal.js';
import { kernelLogRecords } from './kmsg.js';
import type { ClassLoader } from '../../load/types.js';

/** Journal outputs an import keeps (collector/import: the running boot's, or `-k`/`--dmesg`). */
const JOURNAL = /^cmd\/journalctl\/[^/]+\.out$/;
const KERNEL_ONLY = /[/_](?:-k|--dmesg)(?:_|\.out$)/;

/**
 * The kernel log into kernel_log: `dev/kmsg`, or `dmesg --raw` output where /dev/kmsg was unreadable, or the plain
 * `dmesg` / `dmesg -T` text an imported report holds (rows without a level), or, when a report has none of these,
 * the kernel's lines of its journal (`journalctl` text; a `-k`/`--dmesg` output first).
 */
export const kernelLogLoader: ClassLoader = {
  name: 'kernel-log',
  load(ctx) {
    for (const name of ['dev/kmsg', 'cmd/dmesg/--raw.out', 'cmd/dmesg/_.out', 'cmd/dmesg/-T.out']) {
      const lines = ctx.lines(name);
      if (!lines) continue;
      // Row by row: a log of millions of short lines never becomes one array.
      ctx.parse(name, 'kmsg', () => {
        for (const { device, ...l } of kernelLogRecords(lines)) ctx.sink.kernelLog({ ...l, deviceKey: device, artifact: name });
      });
      return;
    }
    const journals = ctx.names(JOURNAL).sort((a, b) => Number(KERNEL_ONLY.test(b)) - Number(KERNEL_ONLY.test(a)));
    const name = journals[0];
    const lines = name ? ctx.lines(name) : undefined;
    if (!name || !lines) return;
    ctx.parse(name, 'journal', () => {
      for (const { device, ...l } of journalKernelRecords(lines)) ctx.sink.kernelLog({ ...l, deviceKey: device, artifact: name });
    });
  },
};

