import { closeSync, openSync, readSync } from 'node:fs';
import { CLASSES } from './classes/index.js';
import { shapeLines } from './output-shapes.js';
import { TEXT_NOTHING_READ } from './one-file-tree.js';
import type { CollectorClass, UnnamedOutput } from './source.js';

const HEAD = 256 * 1024;

/** The one tool's output naming no device that a text's lines are, or undefined (none, or two tools' alike). */
export function unnamedOutput(data: Buffer, classes: readonly CollectorClass[] = CLASSES): UnnamedOutput | undefined {
  const lines = shapeLines(data);
  let found: UnnamedOutput | undefined;
  for (const c of classes) {
    for (const p of Object.values(c.commands ?? {})) {
      const u = p.unnamed?.(lines);
      if (u === undefined) continue;
      if (found !== undefined) return undefined;
      found = u;
    }
  }
  return found;
}

function head(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(HEAD);
    return b.subarray(0, readSync(fd, b, 0, HEAD, 0));
  } finally {
    closeSync(fd);
  }
}

/** Why nothing was read in a text file given as a tree: a tool's output naming no device is said to be one. */
export function nothingReadReason(path: string): string {
  let u: UnnamedOutput | undefined;
  try {
    u = unnamedOutput(head(path));
  } catch {
    u = undefined;
  }
  if (u === undefined) return TEXT_NOTHING_READ;
  return `text holding ${u.what}, which names no device, so none of it can be stored: it is read when the command that printed it is typed above it with its device (\`${u.typed}\`), or when the file is named for that command (\`${u.named}\`) (docs/bundle-format.md, "Outputs saved under the names people give them")`;
}
