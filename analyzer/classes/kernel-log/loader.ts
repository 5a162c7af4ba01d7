import { parseKernelLog } from './kmsg.js';
import type { ClassLoader } from '../../load/types.js';

/** The kernel log (`dev/kmsg`, or `dmesg --raw` output where /dev/kmsg was unreadable) into kernel_log. */
export const kernelLogLoader: ClassLoader = {
  name: 'kernel-log',
  load(ctx) {
    for (const name of ['dev/kmsg', 'cmd/dmesg/--raw.out']) {
      const lines = ctx.parse(name, 'kmsg', parseKernelLog);
      if (!lines) continue;
      for (const l of lines) ctx.sink.kernelLog({ ...l, artifact: name });
      return;
    }
  },
};
