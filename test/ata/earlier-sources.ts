import type { EarlierSources } from '../analyzer/load/earlier-source-part.js';

export const ataEarlierSources: EarlierSources = { class: 'ata', names: ['storage', 'smartctl'], of: (name) => (name.startsWith('cmd/smartctl/') ? 'smartctl' : 'storage') };
