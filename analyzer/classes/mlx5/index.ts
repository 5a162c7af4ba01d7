import type { AnalyzerClass } from '../../load/types.js';
import { mlx5Facts } from './facts.js';
import { mlxLoader } from './loader.js';

export const mlx5: AnalyzerClass = { name: 'mlx5', loaders: [mlxLoader], facts: [mlx5Facts] };
