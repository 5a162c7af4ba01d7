import type { EarlierSources } from '../analyzer/load/earlier-source-part.js';

export const nicEarlierSources: EarlierSources = { class: 'nic', names: ['net', 'devlink'], of: (name) => (name.startsWith('cmd/devlink/') ? 'devlink' : 'net') };
