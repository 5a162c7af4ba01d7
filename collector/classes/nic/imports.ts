import type { ClassImports } from '../../source.js';

export const imports: ClassImports = {
  commands: { ethtool: { readFromTree: true }, devlink: { readFromTree: true } },
  sosPlugins: ['networking'],
  supportconfigTopics: ['network.txt'],
  reportTools: ['ethtool', 'devlink'],
};
