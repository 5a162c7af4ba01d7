import type { AnalyzerClass } from '../../load/types.js';
import { coreFacts } from '../core/facts.js';
import { cpuFacts } from '../cpu/facts.js';
import { platformFacts } from './facts.js';
import { platformLoader } from './loader.js';

/** Its loader also reads the CPUs and the kernel, so it carries their declarations until they have loaders of their own. */
export const platform: AnalyzerClass = { name: 'platform', loaders: [platformLoader], facts: [platformFacts, cpuFacts, coreFacts] };
