import type { CollectorClass } from '../../source.js';
import { source } from './source.js';
import { source as smartctl } from './smartctl-source.js';
import { redaction } from './redaction.js';

export const ata: CollectorClass = { name: 'ata', sources: [source, smartctl], redaction, aliases: ['storage'] };
