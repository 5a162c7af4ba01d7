import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { formatOfHead, headAt, TEXT } from '../bundle/other-format.js';

/** Why a text file given as a tree gives no bundle: nothing in it was read. */
export const TEXT_NOTHING_READ =
  "text, and no output of a tool fwsnap reads was found in it: neither its name nor a command typed in it names one, and its lines are no one tool's output (docs/bundle-format.md, \"Outputs saved under the names people give them\")";

/**
 * Whether a path given as a tree is a text file a person saved (a ticket, a tool's output): such a file is read as a
 * tree holding it alone at its top, under its own name, as if its folder held nothing else (docs/bundle-format.md).
 */
export function isTextFile(path: string): boolean {
  let st;
  try {
    st = statSync(path);
  } catch {
    return false;
  }
  if (!st.isFile()) return false;
  const head = headAt(path);
  return head !== undefined && formatOfHead(head) === TEXT;
}

/**
 * Runs `use` on a temporary tree holding a copy of `file` under its name: at the top, or under `cmd/<tool>/` when it
 * lies in such a folder of a tree (where its name is read as the tool's arguments). The tree is removed after.
 * With `text`, the copy holds that text in place of the file's (one host's lines of a parallel shell's output).
 */
export async function withOneFileTree<T>(file: string, use: (tree: string) => Promise<T>, text?: string): Promise<T> {
  const tree = mkdtempSync(join(tmpdir(), 'fwsnap-text-'));
  try {
    const folder = dirname(resolve(file));
    const at = basename(dirname(folder)) === 'cmd' ? join(tree, 'cmd', basename(folder)) : tree;
    mkdirSync(at, { recursive: true });
    if (text !== undefined) writeFileSync(join(at, basename(file)), text);
    else copyFileSync(file, join(at, basename(file)));
    return await use(tree);
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}

