import type { LoadContext } from '../../load/types.js';
import type { LineIssue } from '../../parsers/text-input.js';
import { parseMstStatus, type MstNode } from './mst-status.js';
import { MST_STATUS_COMMAND } from './other-tools.js';
import { toolLines, type ToolLine } from './tool-lines.js';

/** `mst status` saved on its own (`cmd/mst/status_-v.out`). */
export const MST_STATUS_OUTPUTS = /^cmd\/mst\/.*\.out$/;
/** The mst tools' saved outputs, whose pasted sessions may show `mst status` above the tool's own run. */
export const MST_SESSION_OUTPUTS = /^cmd\/(?:mstflint|flint|mstconfig|mlxconfig|mlxfwmanager|mlxup|mstfwmanager|mlxfwreset|mstfwreset|mlxlink|mstlink)\/.*\.out$/;

/**
 * The lines of a text that are `mst status`'s output: those under its command line, and in its own saved output (`own`)
 * also those under no command line; the output of another command (`mst start` above it) is not.
 */
export const mstStatusLines = (text: string, own: boolean): ToolLine[] =>
  toolLines(text).lines.filter((l) => (l.command === undefined ? own : MST_STATUS_COMMAND.test(l.command)));

/** An mst node's name without the directory the mst driver puts it in (`/dev/mst/mt4119_pciconf0` → `mt4119_pciconf0`). */
export const mstNodeName = (n: string): string => /^\/dev\/mst\/([^/]+)$/.exec(n)?.[1] ?? n;

/** The nodes an artifact's `mst status` listing shows, and in its own saved output the lines it could not read. */
export interface MstListing {
  artifact: string;
  nodes: MstNode[];
  issues: readonly LineIssue[];
}

const listings = new WeakMap<LoadContext, MstListing[]>();
const places = new WeakMap<LoadContext, Map<string, string>>();

/**
 * Every `mst status` listing of this bundle: its saved outputs (parsed once, here), and the sessions pasted with the mst
 * tools' outputs, read wherever its lines are (its table rows and `domain:bus:dev.fn=` lines are like no other tool's),
 * also where a paste's form hid its command line from the text layer. The first call parses, so the loader makes it
 * before anything asks for a place: a parse inside another artifact's parse would take that artifact's issues.
 */
export function mstListings(ctx: LoadContext): readonly MstListing[] {
  const known = listings.get(ctx);
  if (known) return known;
  const found: MstListing[] = [];
  for (const artifact of ctx.names(MST_STATUS_OUTPUTS)) {
    const st = ctx.parse(artifact, 'mst-status', (d) => parseMstStatus(mstStatusLines(d.toString('utf8'), true)));
    if (st) found.push({ artifact, ...st });
  }
  for (const artifact of ctx.names(MST_SESSION_OUTPUTS)) {
    const text = ctx.text(artifact);
    const nodes = text === undefined ? [] : parseMstStatus(toolLines(text).lines).nodes;
    if (nodes.length > 0) found.push({ artifact, nodes, issues: [] });
  }
  listings.set(ctx, found);
  return found;
}

/** The PCI function each mst node (and RDMA device) the bundle's listings show reaches; a name two listings place at different functions is placed nowhere. */
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
  for (const { nodes } of mstListings(ctx)) {
    for (const n of nodes) {
      if (n.bdf === undefined) continue;
      place(mstNodeName(n.node), n.bdf);
      if (n.rdma !== undefined) place(n.rdma, n.bdf);
    }
  }
  for (const n of unsure) found.delete(n);
  places.set(ctx, found);
  return found;
}
