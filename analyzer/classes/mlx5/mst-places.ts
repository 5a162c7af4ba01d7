import type { LoadContext } from '../../load/types.js';
import { parseMstStatus } from './mst-status.js';
import { MST_STATUS_COMMAND } from './other-tools.js';
import { toolLines, type ToolLine } from './tool-lines.js';

/** `mst status` saved on its own (`cmd/mst/status_-v.out`). */
export const MST_STATUS_OUTPUTS = /^cmd\/mst\/.*\.out$/;
/** The mst tools' saved outputs, whose pasted sessions may show `mst status` above the tool's own run. */
const SESSION_OUTPUTS = /^cmd\/(?:mstflint|flint|mstconfig|mlxconfig|mlxfwmanager|mlxup|mstfwmanager|mlxfwreset|mstfwreset|mlxlink|mstlink)\/.*\.out$/;

/**
 * The lines of a text that are `mst status`'s output: those under its command line, and in its own saved output (`own`)
 * also those under no command line; the output of another command (`mst start` above it) is not.
 */
export const mstStatusLines = (text: string, own: boolean): ToolLine[] =>
  toolLines(text).lines.filter((l) => (l.command === undefined ? own : MST_STATUS_COMMAND.test(l.command)));

const places = new WeakMap<LoadContext, Map<string, string>>();

/** An mst node's name without the directory the mst driver puts it in (`/dev/mst/mt4119_pciconf0` → `mt4119_pciconf0`). */
export const mstNodeName = (n: string): string => /^\/dev\/mst\/([^/]+)$/.exec(n)?.[1] ?? n;

/**
 * The PCI function each mst node (and RDMA device) `mst status` shows in this bundle reaches: from its saved output and
 * from the sessions pasted with the mst tools' outputs (its table rows and `domain:bus:dev.fn=` lines are like no other tool's). A name two listings place at different functions is placed nowhere.
 */
export function mstPlaces(ctx: LoadContext): ReadonlyMap<string, string> {
  const known = places.get(ctx);
  if (known) return known;
  const found = new Map<string, string>();
  const unsure = new Set<string>();
  const place = (name: string, bdf: string): void => {
    const prior = found.get(name);
    if (prior !== undefined && prior !== bdf) unsure.add(name);
    found.set(name, bdf);
  };
  // A session's listing is read wherever its lines are, also where a paste's form hid its command line from the text layer.
  const read = (name: string, own: boolean): void => {
    const text = ctx.text(name);
    if (text === undefined) return;
    for (const n of parseMstStatus(own ? mstStatusLines(text, true) : toolLines(text).lines).nodes) {
      if (n.bdf === undefined) continue;
      place(mstNodeName(n.node), n.bdf);
      if (n.rdma !== undefined) place(n.rdma, n.bdf);
    }
  };
  for (const name of ctx.names(MST_STATUS_OUTPUTS)) read(name, true);
  for (const name of ctx.names(SESSION_OUTPUTS)) read(name, false);
  for (const n of unsure) found.delete(n);
  places.set(ctx, found);
  return found;
}
