import type { EarlierSources } from '../analyzer/load/earlier-source-part.js';

export const kernelLogEarlierSources: EarlierSources = { class: 'kernel-log', names: ['platform'], of: () => 'platform' };
