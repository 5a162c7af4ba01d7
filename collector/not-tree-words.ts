import { closeSync, constants as fsc, openSync, readSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { shellWord } from './shell-word.js';

/** The first bytes of a file, empty when it cannot be read. */
function head(path: string, n: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, fsc.O_RDONLY | fsc.O_NONBLOCK);
  } catch {
    return Buffer.alloc(0);
  }
  try {
    const b = Buffer.alloc(n);
    return b.subarray(0, readSync(fd, b, 0, n, 0));
  } catch {
    return Buffer.alloc(0);
  } finally {
    closeSync(fd);
  }
}

const GZIP = Buffer.from([0x1f, 0x8b]);
const XZ = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
const ZSTD = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

/**
 * What a file given as `--root` is, and what reads it: a bundle fwsnap wrote (or a tree someone archived), another
 * archive, or a saved tool output (whose folder is the tree). A report's archive never gets here: it is imported.
 */
export function notTreeWords(given: string, path: string): string {
  const b = head(path, 512);
  const it = shellWord(given);
  if (b.subarray(0, 2).equals(GZIP))
    return `; it is gzip-compressed: a bundle fwsnap wrote is read as it is by \`fwsnap analyze ${it}\`, and a captured tree someone archived is given as its extracted folder (\`mkdir tree && tar -xzf ${it} -C tree\`, then --root tree)`;
  if (b.subarray(0, 6).equals(XZ) || b.subarray(0, 3).toString('latin1') === 'BZh' || b.subarray(0, 4).equals(ZSTD) || b.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004')
    return `; it is an archive: a captured tree is given as its extracted folder (\`mkdir tree && tar -xf ${it} -C tree\`, then --root tree)`;
  if (b.length && !b.includes(0)) {
    const folder = basename(dirname(path)) === 'cmd' ? dirname(dirname(path)) : dirname(path);
    return `; it is a file: a tree is a folder, where a saved tool output is read under cmd/<tool>/ or at the top by a name that starts with its tool's (docs/bundle-format.md), so --root ${shellWord(folder)} reads it with the folder's other outputs`;
  }
  return '';
}
