import fc from 'fast-check';
import { ParseError } from '../../analyzer/parsers/errors.js';

/**
 * The property every parser must have: on any input it returns, or throws a ParseError — nothing else.
 * Each parser is tried on each input on its own, so one parser's refusal does not hide another's bug.
 */
export function expectOnlyParseErrors<T>(inputs: fc.Arbitrary<T>, parsers: readonly ((input: T) => unknown)[], numRuns = 100): void {
  fc.assert(
    fc.property(inputs, (input) => {
      for (const parse of parsers) {
        try {
          parse(input);
        } catch (e) {
          if (!(e instanceof ParseError)) throw e;
        }
      }
    }),
    { numRuns },
  );
}
