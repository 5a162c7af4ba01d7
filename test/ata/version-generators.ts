import { joined, pick } from '../analyzer/version/arbitraries.js';
import type { SchemeGenerators } from '../analyzer/version/scheme-generator.js';

/** ATA revisions (opaque: equal or not comparable). */
export const ataGenerators: SchemeGenerators = {
  generators: {
    ata: joined(pick('MU0', '1', '2', 'SD1', ' ')),
  },
};
