import type { AnalyzerClass } from '../../load/types.js';
import { nvmeFacts } from './facts.js';
import { nvmeLoader } from './loader.js';
import { nvmeListLoader } from './nvme-list-loader.js';

export const nvme: AnalyzerClass = { name: 'nvme', loaders: [nvmeLoader, nvmeListLoader], facts: [nvmeFacts], versionSchemes: { components: { nvme: 'nvme' }, drivers: { nvme: 'nvme' } }, inventory: { nvme: { location: 'dev' } } };
