import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { source } from './source.js';
import { redaction } from './redaction.js';

export const cpu: CollectorClass = { name: 'cpu', imports, sources: [source], redaction };
