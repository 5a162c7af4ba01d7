import type { AnalyzerClass } from '../../load/types.js';
import { mlxFirmwareActivation } from './activation.js';
import { checkFirmwareFamily, checkNvConstraints, checkNvDatabaseDiffers, nvCheckOverSet } from './checks.js';
import { nameMlxDevices } from './device-names.js';
import { mlx5Facts } from './facts.js';
import { IB_HCA_CLASS, IB_SWITCH_CLASS, inBandPlace } from './in-band.js';
import { mlx5Loader } from './loader.js';
import { mlx5Scheme } from './version-scheme.js';

export const mlx5: AnalyzerClass = {
  name: 'mlx5',
  loaders: [mlx5Loader],
  facts: [mlx5Facts],
  inventory: { fwctl: { location: 'none' }, [IB_SWITCH_CLASS]: { noun: 'InfiniBand switch', place: inBandPlace }, [IB_HCA_CLASS]: { noun: 'InfiniBand adapter', place: inBandPlace } },
  nameDevices: (db, bundleId) => nameMlxDevices(db, bundleId),
  schemes: { mlx5: mlx5Scheme },
  // ConnectX (and ConnectX-3, mlx4) firmware, whichever class recorded it: by driver, else by the Mellanox vendor id.
  versionSchemes: { drivers: { mlx5_core: 'mlx5', mlx5_ib: 'mlx5', mlx4_core: 'mlx5', mlx4_en: 'mlx5', mlx4_ib: 'mlx5' }, vendors: { 0x15b3: 'mlx5' } },
  compared: [{ namespace: 'mlxconfig', modes: ['current', 'next_boot'], label: 'NV config' }],
  checks: {
    'mlx5-firmware-family': (ctx) => checkFirmwareFamily(ctx.db),
    'mlx5-nvconfig-constraints': (ctx) => nvCheckOverSet(ctx.db, (bundleId) => checkNvConstraints(ctx.db, bundleId, ctx.options)),
    'mlx5-nvconfig-database-differs': (ctx) => nvCheckOverSet(ctx.db, (bundleId) => checkNvDatabaseDiffers(ctx.db, bundleId, ctx.options)),
  },
  remediations: { 'core.devlink-firmware-stored-differs': mlxFirmwareActivation },
  // The checks above read it as options.mlxconfigDb (configDbFor).
  vendorDataOptions: [
    { flag: 'mlxconfig-db', help: 'mstflint mlxconfig database for ConnectX constraint checks', testHelp: 'mstflint mlxconfig database for builtin ConnectX checks' },
  ],
};
