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
    // sos runs `devlink dev info` as text, without a handle. A sample where devlink printed neither a handle nor an error
    // (the shell's `echo $?` below a command with no output) would be an empty file in a sosreport, which says nothing.
    const printed = /^[>\s]*(?:[a-z_]+\/\S+|Error|kernel answers|devlink answers)/im.test(text);
    return argv?.join(' ') === 'devlink dev info' && printed && !text.trimStart().startsWith('{') ? { plugin: 'networking', argv } : undefined;
  },
};
