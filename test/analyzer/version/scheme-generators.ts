import { ataGenerators } from '../../ata/version-generators.js';
import { cpuGenerators } from '../../cpu/version-generators.js';
import { mlx5Generators } from '../../mlx5/version-generators.js';
import { nicGenerators } from '../../nic/version-generators.js';
import { nvmeGenerators } from '../../nvme/version-generators.js';
import { platformGenerators } from '../../platform/version-generators.js';
import type { SchemeGenerators } from './scheme-generator.js';

/** Each class's generators of the version schemes it defines, one line per class (test/analyzer/version/properties.test.ts). */
export const SCHEME_GENERATORS: readonly SchemeGenerators[] = [
  mlx5Generators,
  nicGenerators,
  cpuGenerators,
  platformGenerators,
  nvmeGenerators,
  ataGenerators,
];
