import type { CollectorClass } from '../../source.js';
import { source } from './source.js';

export const cpu: CollectorClass = { name: 'cpu', sources: [source] };
