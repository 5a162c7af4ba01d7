import type { ClassFacts } from '../../facts/types.js';
import { kernelLogTables } from './tables.js';

/** The rule-test field that holds the test bundle's kernel log. */
export const KERNEL_LOG_FIELD = 'kernel_log';

export const kernelLogFacts: ClassFacts = {
  name: 'kernel-log',
  doc: 'The kernel log (dev/kmsg, `dmesg --raw` output, or the `dmesg` text or journal lines of an imported report or a pasted log, with level NULL where the form prints none) as rows of kernel_log; it adds no devices, firmware or settings.',
  tables: Object.keys(kernelLogTables.doc),
  testFields: [{ name: KERNEL_LOG_FIELD, type: 'lines', doc: 'the bundle\'s kernel log, as /dev/kmsg records or `dmesg --raw` lines' }],
  devices: [],
  firmware: [],
  settings: [],
};
