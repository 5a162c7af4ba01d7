import fc from 'fast-check';
import { int, padded, pick } from '../analyzer/version/arbitraries.js';
import type { SchemeGenerators } from '../analyzer/version/scheme-generator.js';

/** Strings the mlx5 scheme orders: major.minor.subminor with an optional PSID. */
export const mlx5Generators: SchemeGenerators = {
  generators: {
    mlx5: fc
      .tuple(pick(14, 16, 22), int(40), padded(3000), fc.option(pick('MT_0000000226', 'MT_0000000359')))
      .map(([maj, min, sub, psid]) => `${maj}.${min}.${sub}${psid ? ` (${psid})` : ''}`),
  },
};
