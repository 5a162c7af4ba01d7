import type { CollectorClass } from '../../source.js';
import { source } from './source.js';

export const pci: CollectorClass = { name: 'pci', sources: [source] };
