import fc from 'fast-check';
import { hex, int, pick } from '../analyzer/version/arbitraries.js';
import type { SchemeGenerators } from '../analyzer/version/scheme-generator.js';

/** Strings the intel-nvm and bnxt schemes order, from small alphabets so that equal and close versions are common. */
export const nicGenerators: SchemeGenerators = {
  generators: {
    'intel-nvm': fc.oneof(
      fc
        .tuple(int(9), int(0x4f), fc.option(hex(0xffffffff)), fc.option(fc.tuple(int(2), int(4000), int(2))))
        .map(([maj, min, ee, combo]) => {
          let s = `${maj.toString(16)}.${min.toString(16).padStart(2, '0')}`;
          if (ee !== null) s += ` 0x${ee}`;
          if (ee !== null && combo) s += ` ${combo.join('.')}`;
          return s;
        }),
      fc.tuple(hex(3), hex(3), hex(20)).map((xs) => xs.join('.')),
    ),
    bnxt: fc.oneof(
      fc
        .tuple(pick(20, 212, 220, 227), int(2), int(200), int(2), fc.option(fc.tuple(int(230), int(2), int(120), int(1))))
        .map(([a, b, c, d, pkg]) => `${a}.${b}.${c}.${d}${pkg ? `/pkg ${pkg.join('.')}` : ''}`),
      fc.tuple(int(8), int(12), int(20)).map((v) => `bc ${v.join('.')}`),
    ),
  },
};
