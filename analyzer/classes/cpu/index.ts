import type { AnalyzerClass } from '../../load/types.js';
import { cpuFacts } from './facts.js';
import { cpuLoader } from './loader.js';
import { microcodeScheme } from './microcode-scheme.js';

export const cpu: AnalyzerClass = { name: 'cpu', loaders: [cpuLoader], facts: [cpuFacts], schemes: { microcode: microcodeScheme },
  versionSchemes: { components: { microcode: 'microcode', 'cpu-microcode': 'microcode', ucode: 'microcode' } } };
