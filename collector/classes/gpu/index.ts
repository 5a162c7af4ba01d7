import type { CollectorClass } from '../../source.js';
import { source } from './source.js';

export const gpu: CollectorClass = { name: 'gpu', sources: [source] };
