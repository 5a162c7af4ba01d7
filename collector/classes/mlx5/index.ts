import type { CollectorClass } from '../../source.js';
import { source as mstSource } from './mst.js';
import { source as fwctlSource } from './fwctl.js';

export const mlx5: CollectorClass = { name: 'mlx5', sources: [mstSource, fwctlSource] };
