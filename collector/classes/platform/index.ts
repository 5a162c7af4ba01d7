import type { CollectorClass } from '../../source.js';
import { source } from './source.js';
import { redaction } from './redaction.js';

export const platform: CollectorClass = { name: 'platform', sources: [source], redaction };
