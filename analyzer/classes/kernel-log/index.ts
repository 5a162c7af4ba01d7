import type { AnalyzerClass } from '../../load/types.js';
import { kernelLogFacts } from './facts.js';
import { kernelLogLoader } from './loader.js';

export const kernelLog: AnalyzerClass = { name: 'kernel-log', loaders: [kernelLogLoader], facts: [kernelLogFacts] };
