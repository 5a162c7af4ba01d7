import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { redaction } from './redaction.js';
import { source } from './source.js';

export const scsi: CollectorClass = { name: 'scsi', imports, sources: [source], redaction };
