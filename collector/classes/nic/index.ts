import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { savedDriverInfo, source as net } from './net.js';
import { savedDevlinkCommand, source as devlink } from './devlink.js';
import { redaction } from './redaction.js';
import { commands } from './commands.js';
import { savedModuleInfo } from './module-info.js';
import { devlinkShape, ethtoolShape } from './output-shape.js';
import { ioctls } from './ioctls.js';

/** `ethtool -i <interface>` as a saved output's name and text name the interface (one without it stands for `ethtool -i`). */
function driverInfoCommand(treeName: string, text?: string): string[] | undefined {
  const saved = savedDriverInfo(treeName, text);
  return saved === undefined ? undefined : ['ethtool', '-i', ...(saved.ifname !== undefined ? [saved.ifname] : [])];
}

/** The ethtool command a saved output stands for: `-i` (driver info), else `-m` (module info), as its name and text say. */
function ethtoolCommand(treeName: string, text?: string): string[] | undefined {
  const driver = driverInfoCommand(treeName, text);
  if (driver !== undefined) return driver;
  const module = savedModuleInfo(treeName, text);
  return module === undefined ? undefined : ['ethtool', '-m', ...(module.ifname !== undefined ? [module.ifname] : [])];
}

export const nic: CollectorClass = { name: 'nic', imports, sources: [net, devlink], redaction,
  commands: {
    devlink: { ...commands.devlink, saved: (n) => savedDevlinkCommand(n) !== undefined, standsFor: (n, text) => savedDevlinkCommand(n, text), shape: devlinkShape },
    ethtool: { ...commands.ethtool, saved: (n) => savedDriverInfo(n) !== undefined || savedModuleInfo(n) !== undefined, standsFor: ethtoolCommand, shape: ethtoolShape },
  },
  ioctls, aliases: ['net', 'devlink'] };
