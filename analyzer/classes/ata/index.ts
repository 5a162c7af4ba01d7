import type { AnalyzerClass } from '../../load/types.js';
import { ataFacts } from './facts.js';
import { storageLoader } from './loader.js';
import { smartctlFacts } from './smartctl-facts.js';
import { smartctlLoader } from './smartctl-loader.js';

export const ata: AnalyzerClass = { name: 'ata', loaders: [storageLoader, smartctlLoader], facts: [ataFacts, smartctlFacts] };
