import type { AnalyzerClass } from '../../load/types.js';
import { testLines } from '../../rules/types.js';
import { parseKernelLog } from '../core/kmsg.js';
import { gpuFacts } from './facts.js';
import { intelUcFacts } from './intel-uc-loader.js';
import { gpuLoader } from './loader.js';

export const gpu: AnalyzerClass = {
  name: 'gpu',
  loaders: [gpuLoader],
  facts: [gpuFacts],
  // A rule test's kernel log gives the Intel GPU firmware rows the loader reads from a bundle's.
  ruleTestFacts: (t, sink) => {
    const lines = testLines(t, 'kernel_log');
    if (lines?.length) intelUcFacts(parseKernelLog(lines.join('\n')), sink, 'kernel_log');
  },
};
