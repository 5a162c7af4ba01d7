import type { Source } from '../source.js';

export const source: Source = {
  name: 'rdma',
  description: 'not written yet',
  collect(ctx) {
    ctx.skip('not implemented yet');
  },
};
