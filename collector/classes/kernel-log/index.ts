import type { CollectorClass } from '../../source.js';
import { source } from './source.js';

export const kernelLog: CollectorClass = { name: 'kernel-log', sources: [source] };
