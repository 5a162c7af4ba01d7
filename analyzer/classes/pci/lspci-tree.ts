/**
 * `lspci -t` (also `-tv`, `-tvnn`): the bus tree, `-[0000:00]-+-00.0` then `+-1c.0-[01]----00.0` under it. It names
 * each function by its device and function number only, the bus being where the line hangs, and no ids unless `-nn`
 * is given with `-v`: fwsnap keeps it and does not read it. This tells the tree from the verbose text lspci's parser
 * reads, so a tree saved under a name with no `-t` is named as the tree rather than listed line by line.
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
