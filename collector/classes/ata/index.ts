import type { CollectorClass } from '../../source.js';
import { source } from './source.js';

export const ata: CollectorClass = { name: 'ata', sources: [source] };
