import type { AnalyzerClass } from '../../load/types.js';
import { cxlFacts } from './facts.js';
import { cxlLoader } from './loader.js';

export const cxl: AnalyzerClass = { name: 'cxl', loaders: [cxlLoader], facts: [cxlFacts] };
