import { basename, dirname } from 'node:path';
import { formatOfHead, headAt, isGzipHead, TEXT } from '../bundle/other-format.js';
import { shellWord } from './shell-word.js';

/**
 * What a file given as `--root` is, and what reads it: a bundle fwsnap wrote (or a tree someone archived), another
 * archive, or a saved tool output (whose folder is the tree). A report's archive never gets here: it is imported.
 */
export function notTreeWords(given: string, path: string): string {
  const b = headAt(path) ?? Buffer.alloc(0);
  const it = shellWord(given);
  if (isGzipHead(b))
    return `; it is gzip-compressed: a bundle fwsnap wrote is read as it is by \`fwsnap analyze ${it}\`, and a captured tree someone archived is given as its extracted folder (\`mkdir tree && tar -xzf ${it} -C tree\`, then --root tree)`;
  const what = formatOfHead(b);
  if (what === TEXT) {
    const folder = basename(dirname(path)) === 'cmd' ? dirname(dirname(path)) : dirname(path);
    return `; it is a file: a tree is a folder, where a saved tool output is read under cmd/<tool>/ or at the top by a name that starts with its tool's (docs/bundle-format.md), so --root ${shellWord(folder)} reads it with the folder's other outputs`;
  }
  if (what !== undefined) return `; it is ${what}: a captured tree someone archived is given as its extracted folder (extract it, then --root that folder)`;
  return '';
}
