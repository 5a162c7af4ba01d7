import type { CollectorClass } from '../../source.js';
import { imports } from './imports.js';
import { source as mst } from './mst.js';
import { source as fwctl } from './fwctl.js';
import { redaction } from './redaction.js';
import { commands } from './commands.js';
import { ioctls } from './ioctls.js';
import { FWMANAGER_PASTE_TOOLS, FWRESET_PASTE_TOOLS, MST_PASTE_TOOLS, pastedFwManagerArgv, pastedFwResetArgv, pastedMstArgv } from './pasted.js';

/** Whether a saved output's name is one a tool's replay reads (for the collector's 'did you mean' on names it does not). */
function savedCheck(tool: string): ((treeName: string) => boolean) | undefined {
  const file = (n: string): string => n.split('/').pop()!;
  if ((MST_PASTE_TOOLS as readonly string[]).includes(tool)) return (n) => pastedMstArgv(tool, file(n)) !== undefined;
  if ((FWMANAGER_PASTE_TOOLS as readonly string[]).includes(tool)) return (n) => pastedFwManagerArgv(tool, file(n)) !== undefined;
  if ((FWRESET_PASTE_TOOLS as readonly string[]).includes(tool)) return (n) => pastedFwResetArgv(tool, file(n)) !== undefined;
  return undefined;
}

export const mlx5: CollectorClass = { name: 'mlx5', imports, sources: [mst, fwctl], redaction, commands: Object.fromEntries(Object.entries(commands).map(([tool, p]) => {
  const saved = savedCheck(tool);
  return [tool, saved ? { ...p, saved } : p];
})), ioctls, aliases: ['mlx', 'fwctl'] };
