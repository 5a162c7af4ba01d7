import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { source as mst } from './mst.js';
import { source as fwctl } from './fwctl.js';
import { redaction } from './redaction.js';
import { commands } from './commands.js';
import { ioctls } from './ioctls.js';

export const mlx5: CollectorClass = { name: 'mlx5', imports, sources: [mst, fwctl], redaction, commands, ioctls, aliases: ['mlx', 'fwctl'] };
