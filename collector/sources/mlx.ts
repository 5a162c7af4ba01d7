import type { Source } from '../source.js';

export const source: Source = {
  name: 'mlx',
  description: 'NVIDIA/Mellanox ConnectX functions: mstconfig NV configuration and mstflint firmware query',
  collect(ctx) {
    ctx.skip('not yet');
  },
};
