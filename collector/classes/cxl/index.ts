import type { CollectorClass } from '../../source.js';
import { redaction } from './redaction.js';
import { source } from './source.js';

export const cxl: CollectorClass = { name: 'cxl', sources: [source], redaction };
