import type { AnalyzerClass } from '../../load/types.js';
import { testLines } from '../../rules/types.js';
import { KERNEL_LOG_FIELD, kernelLogFacts } from './facts.js';
import { parseKernelLog } from '../core/kmsg.js';
import { kernelLogLoader } from './loader.js';
import { kernelLogTables, kernelLogWriter } from './tables.js';

export const kernelLog: AnalyzerClass = {
  name: 'kernel-log',
  loaders: [kernelLogLoader],
  facts: [kernelLogFacts],
  tables: kernelLogTables,
  ruleTestFacts: (t, sink) => {
    const lines = testLines(t, KERNEL_LOG_FIELD);
    if (!lines?.length) return;
    const log = sink.tables(kernelLogWriter);
    for (const { device, ...l } of parseKernelLog(lines.join('\n'))) log.line({ ...l, deviceKey: device });
  },
};
