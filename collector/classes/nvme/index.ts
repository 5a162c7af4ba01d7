import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { source } from './source.js';
import { redaction } from './redaction.js';
import { commands } from './commands.js';
import { ioctls } from './ioctls.js';

export const nvme: CollectorClass = { name: 'nvme', imports, sources: [source], redaction, commands, ioctls };
