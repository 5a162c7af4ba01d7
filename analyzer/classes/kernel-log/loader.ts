import { kernelLogRecords } from './kmsg.js';
import type { ClassLoader } from '../../load/types.js';

/**
 * The kernel log into kernel_log: `dev/kmsg`, or `dmesg --raw` output where /dev/kmsg was unreadable, or the plain
 * `dmesg` / `dmesg -T` text an imported report holds (rows without a level).
 */
export const kernelLogLoader: ClassLoader = {
  name: 'kernel-log',
  load(ctx) {
    for (const name of ['dev/kmsg', 'cmd/dmesg/--raw.out', 'cmd/dmesg/_.out', 'cmd/dmesg/-T.out']) {
      const lines = ctx.lines(name);
      if (!lines) continue;
      // Row by row: a log of millions of short lines never becomes one array.
      ctx.parse(name, 'kmsg', () => {
        for (const l of kernelLogRecords(lines)) ctx.sink.kernelLog({ ...l, artifact: name });
      });
      return;
    }
  },
};
