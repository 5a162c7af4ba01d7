import fc from 'fast-check';
import { int, padded, pick } from '../analyzer/version/arbitraries.js';
import type { SchemeGenerators } from '../analyzer/version/scheme-generator.js';

/** BIOS versions of the shapes vendors use. */
export const platformGenerators: SchemeGenerators = {
  generators: {
    'dmi-bios': fc.oneof(
      fc.array(padded(30), { minLength: 2, maxLength: 4 }).map((xs) => xs.join('.')),
      fc.tuple(pick('8AET', 'N2HET'), int(99)).map(([id, b]) => `${id}${String(b).padStart(2, '0')}WW`),
      fc.tuple(pick('U46', 'U30'), int(3), int(99)).map(([rom, a, b]) => `${rom} v${a}.${String(b).padStart(2, '0')}`),
      pick('P68', 'P67', 'e2a91a9'),
    ),
  },
};
