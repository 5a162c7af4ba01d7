/**
 * `lspci -t` (also `-tv`, `-tvnn`): the bus tree, `-[0000:00]-+-00.0` then `+-1c.0-[01]----00.0` under it. It names
 * each function by its device and function number only, the bus being where the line hangs, and no ids unless `-nn`
 * is given with `-v`: of it fwsnap reads only the bridge above each bus (lspciTreeBridges), which places the functions a
 * verbose text shows without their bridge. This tells the tree from the verbose text lspci's parser reads, so a tree
 * saved under a name with no `-t` is named as the tree rather than listed line by line.
 */
import { cleanText } from '../../parsers/text-input.js';

/** A root bus of the tree: `-[0000:00]-`, `-+-[0000:80]-`, `\-[0000:00]-`, lspci before domains `-[00]-`. */
const ROOT = /^[-+\\| ]*-?\[(?:[0-9a-f]{4,8}:)?[0-9a-f]{2}\]-/i;
/**
 * A line of the tree under a root: its margin of `|` and spaces, then a branch `+-`, `\-` (a page reading Markdown
 * drops that backslash: `-`) or a continuation `|`.
 */
const BRANCH = /^[ |]*(?:[+\\]?-|\|)/;
/** A function on a line: `00.0`, `1c.0-[01]`, after the branch's `-`. */
const FUNCTION = /-([0-9a-f]{2}\.[0-7])(?=-|\s|$)/gi;

export interface LspciTree {
  /** The root buses printed (`0000:00`, `00`). */
  roots: string[];
  /** How many functions the tree shows. */
  functions: number;
}

/** The tree's roots and functions when the text is lspci -t's tree (a root, then only roots and branches); else undefined. */
export function lspciTree(text: string): LspciTree | undefined {
  const lines = cleanText(text).lines.filter((l) => l.command === undefined || /\blspci\b/.test(l.command)).map((l) => l.text.replace(/\s+$/, '')).filter((t) => t !== '');
  // A person's words above it (`My lspci shows:`) are no part of it: the tree starts at its first root.
  const first = lines.findIndex((t) => ROOT.test(t));
  if (first < 0) return undefined;
  const roots: string[] = [];
  let functions = 0;
  for (const line of lines.slice(first)) {
    const root = /\[((?:[0-9a-f]{4,8}:)?[0-9a-f]{2})\]-/i.exec(line);
    if (ROOT.test(line) && root) roots.push(root[1]!.toLowerCase());
    else if (!BRANCH.test(line)) return undefined;
    functions += [...line.replace(/\[[^\]]*\]/g, (m) => (/^\[(?:[0-9a-f]{4,8}:)?[0-9a-f]{2}(?:-[0-9a-f]{2})?\]$/i.test(m) ? m : '')).matchAll(FUNCTION)].length;
  }
  return { roots, functions };
}

/** A bridge and the buses below it, as the tree prints them: `1c.0-[02]`, `00.0-[04-3b]`. */
const TREE_BRIDGE = /-([0-9a-f]{2}\.[0-7])-\[([0-9a-f]{2})(?:-([0-9a-f]{2}))?\]/gi;
const ROOT_ON_LINE = /\[(?:([0-9a-f]{4,8}):)?([0-9a-f]{2})\]-/i;

/**
 * The bridge above each bus the tree shows (`0000:04` → `0000:03:00.0`): what the tree adds to a verbose text that prints
 * no bus numbers (-v) or not the bridge (an excerpt). A bridge's own bus is not printed: after another bridge on its line
 * (`-[03-3b]----00.0-[04-3b]`) it is that bridge's first bus; at the start of a line it is the bus whose range is the
 * narrowest holding its own (bus ranges nest), else the root's. Read from the bus numbers, not the columns, which a
 * paste loses (a web page collapses the spaces, Markdown drops `\` and a margin's `|`). Undefined when the text is no tree.
 */
export function lspciTreeBridges(text: string): Map<string, string> | undefined {
  if (lspciTree(text) === undefined) return undefined;
  const lines = cleanText(text).lines.filter((l) => l.command === undefined || /\blspci\b/.test(l.command)).map((l) => l.text);
  const above = new Map<string, string>();
  const ranges: { domain: string; first: number; last: number }[] = [];
  let root: { domain: string; bus: number } | undefined;
  const hex2 = (n: number): string => n.toString(16).padStart(2, '0');
  for (const line of lines) {
    const r = ROOT_ON_LINE.exec(line);
    if (r && ROOT.test(line)) root = { domain: (r[1] ?? '0000').toLowerCase().padStart(4, '0'), bus: parseInt(r[2]!, 16) };
    if (!root) continue;
    let previous: { end: number; bus: number } | undefined;
    for (const m of line.matchAll(TREE_BRIDGE)) {
      const secondary = parseInt(m[2]!, 16);
      const last = m[3] !== undefined ? parseInt(m[3], 16) : secondary;
      const chained = previous !== undefined && /^-+\+?-?$/.test(line.slice(previous.end, m.index));
      const holding = ranges.filter((g) => g.domain === root!.domain && g.first < secondary && secondary <= g.last).sort((a, b) => a.last - a.first - (b.last - b.first))[0];
      const bus = chained ? previous!.bus : holding ? holding.first : root.bus;
      const key = `${root.domain}:${hex2(secondary)}`;
      if (!above.has(key)) above.set(key, `${root.domain}:${hex2(bus)}:${m[1]!.toLowerCase()}`);
      ranges.push({ domain: root.domain, first: secondary, last });
      previous = { end: m.index + m[0].length, bus: secondary };
    }
  }
  return above;
}
