import type { CollectorClass } from '../../source.js';
import { source } from './source.js';
import { source as smartctl } from './smartctl-source.js';

export const ata: CollectorClass = { name: 'ata', sources: [source, smartctl], aliases: ['storage'] };
