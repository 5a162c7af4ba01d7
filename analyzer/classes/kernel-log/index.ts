import type { AnalyzerClass } from '../../load/types.js';
import { kernelLogFacts } from './facts.js';
import { parseKernelLog } from '../core/kmsg.js';
import { kernelLogLoader } from './loader.js';

export const kernelLog: AnalyzerClass = {
  name: 'kernel-log',
  loaders: [kernelLogLoader],
  facts: [kernelLogFacts],
  ruleTestFacts: (t, sink) => {
    if (t.kernel_log?.length) for (const { device, ...l } of parseKernelLog(t.kernel_log.join('\n'))) sink.kernelLog({ ...l, deviceKey: device });
  },
};
