import type { ClassImports } from '../../source.js';

export const imports: ClassImports = {
  commands: { mstconfig: { readFromTree: true }, mlxconfig: { readFromTree: true }, mstflint: { readFromTree: true }, flint: { readFromTree: true } },
  sosPlugins: ['mellanox_firmware'],
  supportconfigTopics: ['ib.txt'],
  reportTools: ['mstconfig', 'mlxconfig', 'mstflint', 'flint', 'mstreg', 'mlxreg', 'mstlink', 'mlxlink', 'mstdump', 'mlxdump'],
};
