import { int, pick } from '../analyzer/version/arbitraries.js';
import type { SchemeGenerators } from '../analyzer/version/scheme-generator.js';

/** Microcode revisions, read under a CPU signature. */
export const cpuGenerators: SchemeGenerators = {
  generators: {
    microcode: int(0xffffffff).map((n) => '0x' + n.toString(16)),
  },
  contexts: {
    microcode: pick({ cpuSignature: '06-8f-08/87' }, { cpuSignature: '06-4f-01/ef' }),
  },
};
