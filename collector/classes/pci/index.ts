import type { CollectorClass } from '../../source.js';
import { source } from './source.js';
import { redaction } from './redaction.js';

export const pci: CollectorClass = { name: 'pci', sources: [source], redaction };
