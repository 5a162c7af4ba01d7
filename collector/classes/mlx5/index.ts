import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { source as mst } from './mst.js';
import { source as fwctl } from './fwctl.js';
import { redaction } from './redaction.js';
import { commands } from './commands.js';
import { ioctls } from './ioctls.js';
import { MST_PASTE_TOOLS, pastedMstArgv } from './pasted.js';

export const mlx5: CollectorClass = { name: 'mlx5', imports, sources: [mst, fwctl], redaction, commands: Object.fromEntries(Object.entries(commands).map(([tool, p]) => [tool, (MST_PASTE_TOOLS as readonly string[]).includes(tool) ? { ...p, saved: (n: string) => pastedMstArgv(tool, n.split('/').pop()!) !== undefined } : p])), ioctls, aliases: ['mlx', 'fwctl'] };
