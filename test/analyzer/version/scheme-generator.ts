import type fc from 'fast-check';
import type { VersionContext } from '../../../analyzer/version/index.js';

/** A class's arbitraries for the version schemes it defines (test/<class>/version-generators.ts), by scheme. */
export interface SchemeGenerators {
  generators: Record<string, fc.Arbitrary<string>>;
  /** The context a scheme reads a version under (the CPU signature of microcode). */
  contexts?: Record<string, fc.Arbitrary<VersionContext>>;
}
