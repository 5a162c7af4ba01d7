import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { source as net } from './net.js';
import { source as devlink } from './devlink.js';
import { redaction } from './redaction.js';
import { commands } from './commands.js';
import { ioctls } from './ioctls.js';

export const nic: CollectorClass = { name: 'nic', imports, sources: [net, devlink], redaction, commands, ioctls, aliases: ['net', 'devlink'] };
