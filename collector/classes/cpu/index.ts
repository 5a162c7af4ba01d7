import type { CollectorClass } from '../../source.js';
import { source } from './source.js';
import { redaction } from './redaction.js';

export const cpu: CollectorClass = { name: 'cpu', sources: [source], redaction };
