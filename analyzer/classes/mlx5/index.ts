import type { AnalyzerClass } from '../../load/types.js';
import { checkFirmwareFamily, checkNvConstraints, checkNvDatabaseDiffers } from './checks.js';
import { mlx5Facts } from './facts.js';
import { mlx5Loader } from './loader.js';

export const mlx5: AnalyzerClass = {
  name: 'mlx5',
  loaders: [mlx5Loader],
  facts: [mlx5Facts],
  inventory: { fwctl: { location: 'none' } },
  compared: [{ namespace: 'mlxconfig', modes: ['current', 'next_boot'], label: 'NV config' }],
  checks: {
    'mlx5-firmware-family': (ctx) => checkFirmwareFamily(ctx.db, ctx.bundleId),
    'mlx5-nvconfig-constraints': (ctx) => checkNvConstraints(ctx.db, ctx.bundleId, ctx.options),
    'mlx5-nvconfig-database-differs': (ctx) => checkNvDatabaseDiffers(ctx.db, ctx.bundleId, ctx.options),
  },
};
