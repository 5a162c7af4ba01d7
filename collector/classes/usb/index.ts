import type { CollectorClass } from '../../source.js';
import { redaction } from './redaction.js';
import { source } from './source.js';

export const usb: CollectorClass = { name: 'usb', sources: [source], redaction };
