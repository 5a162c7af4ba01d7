import type { CollectorClass } from '../../source.js';
import { bmc, esrt, mei, psp, tpm } from './firmware-parts.js';
import { source } from './source.js';
import { redaction } from './redaction.js';

export const platform: CollectorClass = { name: 'platform', sources: [source, esrt, mei, tpm, bmc, psp], redaction };
