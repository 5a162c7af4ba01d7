import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import { CliError } from './exit.js';

const WHY: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a component of the path is not a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'name too long',
};

/** Checks that an input file can be opened for reading; "cannot open" is exit status 2. */
export function openableFile(path: string, what = ''): void {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO must not block the check (it is read later like any file).
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new CliError(`cannot open ${what}${path}: ${WHY[code] ?? (e as Error).message}`);
  }
  try {
    if (fstatSync(fd).isDirectory()) throw new CliError(`cannot open ${what}${path}: is a directory`);
  } finally {
    closeSync(fd);
  }
}
