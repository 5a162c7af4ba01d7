import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { savedDriverInfo, source as net } from './net.js';
import { savedDevlinkCommand, source as devlink } from './devlink.js';
import { redaction } from './redaction.js';
import { commands } from './commands.js';
import { ioctls } from './ioctls.js';

export const nic: CollectorClass = { name: 'nic', imports, sources: [net, devlink], redaction,
  commands: {
    devlink: { ...commands.devlink, saved: (n) => savedDevlinkCommand(n) !== undefined },
    ethtool: { ...commands.ethtool, saved: (n) => savedDriverInfo(n) !== undefined },
  },
  ioctls, aliases: ['net', 'devlink'] };
