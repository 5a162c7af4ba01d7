import { statSync } from 'node:fs';
import { headAt, isGzipHead, looksLikeText } from '../bundle/other-format.js';
import { basename, resolve } from 'node:path';
import { shellWord } from './collect-summary.js';
import { STDIN_NAME } from './stdin-bundle.js';

/** Text files given where a bundle goes that were read as a tree and held nothing fwsnap reads, with why: what reads text was tried. */
export const TEXTS_TRIED = new Map<string, string>();

/** How much of a file tells text from the rest. */
const HEAD = 4096;

/**
 * What to do with a path given as a bundle that could not be read as one, when it is plainly something else: a
 * directory (a tree of saved tool outputs or of a host's files) or a file that is not gzip-compressed (a tool's output
 * saved as text, or no bundle at all). Empty when the path is a gzip file or cannot be looked at: the reader's words stand.
 */
export function inputHint(path: string): string {
  if (path === STDIN_NAME) return '';
  let dir = false;
  let file = false;
  try {
    const st = statSync(path);
    dir = st.isDirectory();
    file = st.isFile();
  } catch {
    return ''; // Not there, or under a file: the message already says so.
  }
  if (dir) {
    const tree = shellWord(path);
    return `; a tree of saved tool outputs or of a host's files is made into a bundle first: \`fwsnap collect --root ${tree} -o ${shellWord(`${basename(resolve(path))}.tar.gz`)}\`, then analyze that (or \`fwsnap check --root ${tree}\` in one step)`;
  }
  const b = file ? headAt(path, HEAD) : undefined;
  // An empty file: the reader already says so.
  if (b === undefined || b.length === 0 || isGzipHead(b)) return '';
  if (looksLikeText(b)) return textWords(path);
  return '; it is not gzip-compressed, as every bundle is (a .tar.gz that fwsnap collect writes)';
}

/** What reads a text file given where a bundle goes: analyze and collect --root read it as a tree holding it alone. */
export const textWords = (path: string): string =>
  `; a saved tool output or a ticket holding outputs is read as it is by \`fwsnap analyze ${shellWord(path)}\`, and made into a bundle by \`fwsnap collect --root ${shellWord(path)}\``;
