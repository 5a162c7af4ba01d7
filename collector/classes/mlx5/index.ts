import type { CollectorClass, UnnamedShape } from '../../source.js';
import { imports } from './imports.js';
import { source as mst } from './mst.js';
import { source as fwctl } from './fwctl.js';
import { redaction } from './redaction.js';
import { commands } from './commands.js';
import { flintShape, fwManagerShape, mlxconfigShape, mlxconfigUnnamed, mlxlinkUnnamed } from './output-shape.js';
import type { OutputShape } from '../../output-shapes.js';

import { replayAllowed } from '../../command-allowlist.js';
import { ioctls } from './ioctls.js';
import { FWMANAGER_PASTE_TOOLS, FWRESET_PASTE_TOOLS, LINK_PASTE_TOOLS, MST_PASTE_TOOLS, pastedFwManagerArgv, pastedFwResetArgv, pastedLinkArgv, pastedMstArgv } from './pasted.js';

/** Whether a saved output's name is one a tool's replay reads (for the collector's 'did you mean' on names it does not). */
function savedCheck(tool: string): ((treeName: string) => boolean) | undefined {
  const file = (n: string): string => n.split('/').pop()!;
  // A name is read only when the command it spells is one replay allows: else the collector refused it, and no other output was read in its place.
  const replayed = (argv: readonly string[] | undefined): boolean => argv !== undefined && replayAllowed(argv);
  if ((MST_PASTE_TOOLS as readonly string[]).includes(tool)) return (n) => replayed(pastedMstArgv(tool, file(n)));
  if ((FWMANAGER_PASTE_TOOLS as readonly string[]).includes(tool)) return (n) => replayed(pastedFwManagerArgv(tool, file(n)));
  if ((FWRESET_PASTE_TOOLS as readonly string[]).includes(tool)) return (n) => replayed(pastedFwResetArgv(tool, file(n)));
  if ((LINK_PASTE_TOOLS as readonly string[]).includes(tool)) return (n) => replayed(pastedLinkArgv(tool, file(n)));
  return undefined;
}

/** The devices a firmware manager's text names (`PCI Device Name:  pci0:2:0:0`), as the loader keys them: `0000:02:00.0`. */
function printedDevices(text: string | undefined): string[] {
  const names = [...(text ?? '').matchAll(/PCI Device Name:\s+(\S+)|pciName="([^"]+)"/g)].map((m) => (m[1] ?? m[2])!);
  return names.map((n) => {
    const bsd = /^pci(\d+):(\d+):(\d+):(\d+)$/.exec(n);
    const hex = (v: string, w: number): string => Number(v).toString(16).padStart(w, '0');
    return bsd ? `${hex(bsd[1]!, 4)}:${hex(bsd[2]!, 2)}:${hex(bsd[3]!, 2)}.${bsd[4]}` : /^[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i.test(n) ? `0000:${n}` : n;
  });
}

/**
 * The command a saved firmware manager output stands for: the query (an update run prints it first) of the devices its
 * text names; the image an update was given (`-i fw-ConnectX4-….bin`) is no device, so it does not make it another command.
 */
function fwManagerStandsFor(tool: string): ((treeName: string, text?: string) => readonly string[] | undefined) | undefined {
  if (!(FWMANAGER_PASTE_TOOLS as readonly string[]).includes(tool)) return undefined;
  return (n, text) => {
    const argv = pastedFwManagerArgv(tool, n.split('/').pop()!)?.filter((w, i, a) => a[i - 1] !== '-i' && a[i - 1] !== '--image-dir');
    return argv && [...argv, ...printedDevices(text).filter((d) => !argv.includes(d))];
  };
}

/** The tools whose outputs a text naming no tool is told to be by its lines (a firmware manager's as the query of the devices it names). */
const SHAPES: Readonly<Partial<Record<string, OutputShape>>> = {
  flint: flintShape,
  mlxconfig: mlxconfigShape,
  mlxfwmanager: (lines) => (fwManagerShape(lines) ? fwManagerStandsFor('mlxfwmanager')!('cmd/mlxfwmanager/_.out', lines.join('\n')) : undefined),
};

/** The tools whose output naming no device a text is told to be, to say so when nothing in it is read. */
const UNNAMED: Readonly<Partial<Record<string, UnnamedShape>>> = { mlxconfig: mlxconfigUnnamed, mlxlink: mlxlinkUnnamed };

export const mlx5: CollectorClass = { name: 'mlx5', imports, sources: [mst, fwctl], redaction, commands: Object.fromEntries(Object.entries(commands).map(([tool, p]) => {
  const saved = savedCheck(tool);
  const standsFor = fwManagerStandsFor(tool);
  const shape = SHAPES[tool];
  const unnamed = UNNAMED[tool];
  return [tool, { ...p, ...(saved ? { saved } : {}), ...(standsFor ? { standsFor } : {}), ...(shape ? { shape } : {}), ...(unnamed ? { unnamed } : {}) }];
})), ioctls, aliases: ['mlx', 'fwctl'] };
