import type { ClassFacts } from '../../facts/types.js';

export const kernelLogFacts: ClassFacts = {
  name: 'kernel-log',
  doc: 'The kernel log (dev/kmsg, `dmesg --raw` output, or the `dmesg` text or journal lines of an imported report or a pasted log, with level NULL where the form prints none) as rows of kernel_log; it adds no devices, firmware or settings.',
  tables: ['kernel_log'],
  devices: [],
  firmware: [],
  settings: [],
};
