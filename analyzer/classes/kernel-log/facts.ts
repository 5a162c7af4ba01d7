import type { ClassFacts } from '../../facts/types.js';

export const kernelLogFacts: ClassFacts = {
  name: 'kernel-log',
  doc: 'The kernel log (dev/kmsg, `dmesg --raw` output, or an imported report\'s plain `dmesg` text with level NULL) as rows of kernel_log; it adds no devices, firmware or settings.',
  tables: ['kernel_log'],
  devices: [],
  firmware: [],
  settings: [],
};
