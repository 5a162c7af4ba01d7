import type { AnalyzerClass } from '../../load/types.js';
import { gpuFacts } from './facts.js';
import { gpuLoader } from './loader.js';

export const gpu: AnalyzerClass = { name: 'gpu', loaders: [gpuLoader], facts: [gpuFacts] };
