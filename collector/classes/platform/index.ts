import type { CollectorClass } from '../../source.js';
import { source } from './source.js';

export const platform: CollectorClass = { name: 'platform', sources: [source] };
