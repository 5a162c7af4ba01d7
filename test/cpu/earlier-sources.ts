import type { EarlierSources } from '../analyzer/load/earlier-source-part.js';

export const cpuEarlierSources: EarlierSources = { class: 'cpu', names: ['platform'], of: () => 'platform' };
