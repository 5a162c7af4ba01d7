import type { CollectorClass } from '../../source.js';
import { redaction } from './redaction.js';
import { source } from './source.js';

export const scsi: CollectorClass = { name: 'scsi', sources: [source], redaction };
