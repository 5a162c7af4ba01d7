import type { CollectorClass } from '../../source.js';
import { source } from './source.js';
import { redaction } from './redaction.js';

export const rdma: CollectorClass = { name: 'rdma', sources: [source], redaction };
