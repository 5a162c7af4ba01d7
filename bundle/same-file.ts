import { statSync } from 'node:fs';
import { resolve } from 'node:path';

/** The same file, whatever path names it (hard link, symbolic link, `..`): compared by device and inode. */
export function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  const sa = statSync(a, { throwIfNoEntry: false });
  const sb = statSync(b, { throwIfNoEntry: false });
  return Boolean(sa && sb && sa.dev === sb.dev && sa.ino === sb.ino);
}
