import fc from 'fast-check';

/** Small-alphabet arbitraries for version strings, shared by the scheme generators (test/<class>/version-generators.ts). */
export const pick = <T>(...xs: T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
export const joined = (parts: fc.Arbitrary<string>, maxLength = 8): fc.Arbitrary<string> =>
  fc.array(parts, { maxLength }).map((xs) => xs.join(''));
export const int = (max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max });
export const padded = (max: number): fc.Arbitrary<string> =>
  fc.tuple(int(max), int(3)).map(([n, pad]) => String(n).padStart(pad + 1, '0'));
export const hex = (max: number): fc.Arbitrary<string> => int(max).map((n) => n.toString(16));
