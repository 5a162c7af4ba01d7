import { SIOCETHTOOL } from './ethtool-ioctl.js';
import { IoctlRefused } from '../../ioctl/refused.js';
import type { IoctlPolicies } from '../../source.js';

/** ethtool sub-commands that only read. */
export const ETHTOOL_READ_COMMANDS: ReadonlyMap<number, string> = new Map([
  [0x03, 'ETHTOOL_GDRVINFO'],
  [0x04, 'ETHTOOL_GREGS'],
  [0x05, 'ETHTOOL_GWOL'],
  [0x0a, 'ETHTOOL_GLINK'],
  [0x0b, 'ETHTOOL_GEEPROM'],
  [0x0e, 'ETHTOOL_GCOALESCE'],
  [0x10, 'ETHTOOL_GRINGPARAM'],
  [0x12, 'ETHTOOL_GPAUSEPARAM'],
  [0x1b, 'ETHTOOL_GSTRINGS'],
  [0x20, 'ETHTOOL_GPERMADDR'],
  [0x27, 'ETHTOOL_GPFLAGS'],
  [0x37, 'ETHTOOL_GSSET_INFO'],
  [0x3a, 'ETHTOOL_GFEATURES'],
  [0x3c, 'ETHTOOL_GCHANNELS'],
  [0x42, 'ETHTOOL_GMODULEINFO'],
  [0x43, 'ETHTOOL_GMODULEEEPROM'],
  [0x44, 'ETHTOOL_GEEE'],
  [0x4c, 'ETHTOOL_GLINKSETTINGS'],
  [0x50, 'ETHTOOL_GFECPARAM'],
]);

/** ethtool commands that some drivers answer by stalling the device; only with --include-eeprom. */
export const ETHTOOL_EEPROM_COMMANDS: ReadonlySet<number> = new Set([0x0b, 0x42, 0x43]);

/** SIOCETHTOOL on a network interface, with an ethtool command that only reads. */
export const ioctls: IoctlPolicies = {
  SIOCETHTOOL: {
    request: SIOCETHTOOL,
    check(call, policy) {
      if (call.target.kind !== 'netdev') throw new IoctlRefused('SIOCETHTOOL needs a network interface');
      const data = call.pointers?.[0]?.buffer;
      if (!data || data.length < 4) throw new IoctlRefused('SIOCETHTOOL without an ethtool command buffer');
      const cmd = data.readUInt32LE(0);
      if (!ETHTOOL_READ_COMMANDS.has(cmd)) throw new IoctlRefused(`ethtool command 0x${cmd.toString(16)} is not read-only`);
      if (ETHTOOL_EEPROM_COMMANDS.has(cmd) && !policy.includeEeprom) {
        throw new IoctlRefused(`${ETHTOOL_READ_COMMANDS.get(cmd)} needs --include-eeprom`);
      }
    },
  },
};
