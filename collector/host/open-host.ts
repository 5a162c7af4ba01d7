import { CLASSES } from '../classes/index.js';
import { toolTable } from '../tree-leftovers.js';
import { LiveReader, type LiveReaderOptions } from './live-reader.js';
import type { HostReader } from './reader.js';
import { TreeReader } from './tree-reader.js';

/** Every tool some class reads the output of: a captured tree's outputs saved at its top are found by these names. */
const TOOLS = CLASSES.flatMap((c) => Object.keys(c.commands ?? {}));
/** How a text naming no tool shows whose output it is, and which saved names each tool's class reads, by tool. */
const TABLE = toolTable(CLASSES);

/** The reader for `--root`: the live host for "/", a captured tree for any other directory. */
export function openHost(root: string, live: LiveReaderOptions): HostReader {
  return root === '/' ? new LiveReader(live) : new TreeReader(root, TOOLS, TABLE.shapes, TABLE.saved);
}
