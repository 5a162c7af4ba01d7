import type { AnalyzerClass } from '../../load/types.js';
import { nvmeFacts } from './facts.js';
import { nvmeLoader } from './loader.js';

export const nvme: AnalyzerClass = { name: 'nvme', loaders: [nvmeLoader], facts: [nvmeFacts], inventory: { nvme: { location: 'dev' } } };
