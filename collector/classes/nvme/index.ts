import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { source } from './source.js';
import { redaction } from './redaction.js';
import { commands } from './commands.js';
import { ioctls } from './ioctls.js';
import { savedNvmeCommand } from './saved.js';

export const nvme: CollectorClass = { name: 'nvme', imports, sources: [source], redaction, commands: { nvme: { ...commands.nvme, saved: (n) => savedNvmeCommand(n) !== undefined } }, ioctls };
