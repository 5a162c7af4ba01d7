import type { Source } from '../source.js';

export const source: Source = {
  name: 'storage',
  description: 'not written yet',
  collect(ctx) {
    ctx.skip('not implemented yet');
  },
};
