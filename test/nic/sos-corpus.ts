import { savedDevlinkCommand } from '../../collector/classes/nic/devlink.js';
import { savedDriverInfoInterface } from '../../collector/classes/nic/net.js';
import type { SosCorpusPart } from '../import/sos-corpus-part.js';

export const nicSosCorpus: SosCorpusPart = {
  corpora: [new URL('./fixtures/real/', import.meta.url)],
  tools: ['ethtool', 'devlink'],
  required: ['ethtool', 'devlink'],
  sosCommand(tool, savedAs, text) {
    if (tool === 'ethtool') {
      const ifname = savedDriverInfoInterface(savedAs, text);
      return ifname ? { plugin: 'networking', argv: ['ethtool', '-i', ifname] } : undefined;
    }
    const argv = savedDevlinkCommand(savedAs);
    // sos runs `devlink dev info` as text, without a handle.
    return argv?.join(' ') === 'devlink dev info' && !text.trimStart().startsWith('{') ? { plugin: 'networking', argv } : undefined;
  },
};
