import type { CollectorClass } from '../../source.js';
import { source } from './source.js';

export const scsi: CollectorClass = { name: 'scsi', sources: [source] };
