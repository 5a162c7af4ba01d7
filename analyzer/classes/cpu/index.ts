import type { AnalyzerClass } from '../../load/types.js';
import { cpuFacts } from './facts.js';
import { cpuLoader } from './loader.js';

export const cpu: AnalyzerClass = { name: 'cpu', loaders: [cpuLoader], facts: [cpuFacts], versionSchemes: { components: { microcode: 'microcode', 'cpu-microcode': 'microcode', ucode: 'microcode' } } };
