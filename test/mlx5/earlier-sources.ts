import type { EarlierSources } from '../analyzer/load/earlier-source-part.js';

export const mlx5EarlierSources: EarlierSources = { class: 'mlx5', names: ['mlx', 'fwctl'], of: (name) => (name.includes('fwctl') ? 'fwctl' : 'mlx') };
