import type { CollectorClass } from '../../source.js';
import { source } from './source.js';
import { redaction } from './redaction.js';

export const gpu: CollectorClass = { name: 'gpu', sources: [source], redaction };
