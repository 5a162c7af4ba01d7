import type { ClassImports } from '../../source.js';

export const imports: ClassImports = {
  commands: {
    // `ethtool_-i_<interface>`: an interface name may itself hold `_`, so everything after `-i` is the name.
    ethtool: { readFromTree: true, sosArgs: (name) => /^(-i|--driver)_(.+)$/.exec(name)?.slice(1, 3) },
    devlink: { readFromTree: true },
  },
  sosPlugins: ['networking'],
  supportconfigTopics: ['network.txt'],
  reportTools: ['ethtool', 'devlink'],
};
