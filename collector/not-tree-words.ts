import { EMPTY_FILE, formatOfHead, headAt, isGzipHead } from '../bundle/other-format.js';
import { shellWord } from './shell-word.js';

/**
 * What a file given as `--root` is, and what reads it: a bundle fwsnap wrote (or a tree someone archived), another
 * archive. A report's archive never gets here (it is imported), nor a text file (it is a tree holding it alone: one-file-tree.ts).
 */
export function notTreeWords(given: string, path: string): string {
  const head = headAt(path);
  if (head?.length === 0) return `; the file is ${EMPTY_FILE}: it holds no tool output to read`;
  const b = head ?? Buffer.alloc(0);
  const it = shellWord(given);
  if (isGzipHead(b))
    return `; it is gzip-compressed: a bundle fwsnap wrote is read as it is by \`fwsnap analyze ${it}\`, and a captured tree someone archived is given as its extracted folder (\`mkdir tree && tar -xzf ${it} -C tree\`, then --root tree)`;
  const what = formatOfHead(b);
  if (what !== undefined) return `; it is ${what}: a captured tree someone archived is given as its extracted folder (extract it, then --root that folder)`;
  return '';
}
