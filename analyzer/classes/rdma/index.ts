import type { AnalyzerClass } from '../../load/types.js';
import { rdmaLoader } from './loader.js';
import { rdmaFacts } from './facts.js';

export const rdma: AnalyzerClass = { name: 'rdma', loaders: [rdmaLoader], facts: [rdmaFacts] };
