import { joined, pick } from '../analyzer/version/arbitraries.js';
import type { SchemeGenerators } from '../analyzer/version/scheme-generator.js';

/** NVMe revisions (opaque: equal or not comparable). */
export const nvmeGenerators: SchemeGenerators = {
  generators: {
    nvme: joined(pick('3B2Q', 'GXA7', 'EDA5', ' ', '1')),
  },
};
