import type { ClassImports } from '../../source.js';

export const imports: ClassImports = {
  commands: { mstconfig: { readFromTree: true }, mlxconfig: { readFromTree: true }, mstflint: { readFromTree: true }, flint: { readFromTree: true }, mlxfwmanager: { readFromTree: true }, mlxup: { readFromTree: true }, mstfwmanager: { readFromTree: true } },
  sosPlugins: ['mellanox_firmware'],
  supportconfigTopics: ['ib.txt'],
  reportTools: ['mstconfig', 'mlxconfig', 'mstflint', 'flint', 'mlxfwmanager', 'mlxup', 'mstfwmanager', 'mstreg', 'mlxreg', 'mstlink', 'mlxlink', 'mstdump', 'mlxdump'],
};
