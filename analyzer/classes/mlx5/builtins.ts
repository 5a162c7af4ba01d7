import { registerBuiltin } from '../../rules/builtin.js';
import { checkFirmwareFamily, checkNvConstraints, checkNvDatabaseDiffers } from './checks.js';

registerBuiltin('mlx5-firmware-family', (ctx) => checkFirmwareFamily(ctx.db, ctx.bundleId));
registerBuiltin('mlx5-nvconfig-constraints', (ctx) => checkNvConstraints(ctx.db, ctx.bundleId, ctx.options));
registerBuiltin('mlx5-nvconfig-database-differs', (ctx) => checkNvDatabaseDiffers(ctx.db, ctx.bundleId, ctx.options));
