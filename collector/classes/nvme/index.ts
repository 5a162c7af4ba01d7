import type { CollectorClass } from '../../source.js';
import { source } from './source.js';

export const nvme: CollectorClass = { name: 'nvme', sources: [source] };
