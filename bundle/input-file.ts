import { closeSync, constants, fstatSync, openSync, statSync, type Stats } from 'node:fs';

/** What a file that is not a regular file is, in words; undefined for a regular file. */
export function notRegular(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'is a directory';
  if (st.isFIFO()) return 'is a FIFO (named pipe), not a regular file';
  if (st.isSocket()) return 'is a socket, not a regular file';
  if (st.isCharacterDevice()) return 'is a character device, not a regular file';
  if (st.isBlockDevice()) return 'is a block device, not a regular file';
  return 'is not a regular file';
}

/** A bundle path that names a FIFO, a socket, a device or a directory: refused before any byte is read. */
export class NotRegularFileError extends Error {
  override readonly name = 'NotRegularFileError';
}

/** A bundle path that cannot be opened at all (missing, unreadable): its message is the path and why, in words. */
export class CannotOpenError extends Error {
  override readonly name = 'CannotOpenError';
}

/** Why open(2) failed, in words, by errno code. */
export const OPEN_ERROR_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a component of the path is not a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'name too long',
};

/** The words for an open error: the errno's, else the error's own message. */
export const openErrorWords = (e: unknown): string => OPEN_ERROR_WORDS[(e as NodeJS.ErrnoException).code ?? ''] ?? (e as Error).message;

/** What the path is when it is not a regular file (a socket cannot be opened at all: ENXIO); undefined otherwise or when it cannot be stat'ed. */
export function kindOf(path: string): string | undefined {
  try {
    return notRegular(statSync(path));
  } catch {
    return undefined;
  }
}

/**
 * Opens a bundle for reading without blocking (O_NONBLOCK: opening a FIFO that has no writer would wait
 * forever) and refuses anything but a regular file, before any byte is read: NotRegularFileError for what
 * is no regular file, CannotOpenError (no such file, permission denied, ...) for what cannot be opened.
 */
export function openRegularFile(path: string): number {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const kind = kindOf(path);
    if (kind) throw new NotRegularFileError(`${path} ${kind}`);
    throw new CannotOpenError(`${path} ${openErrorWords(e)}`);
  }
  let why: string | undefined;
  try {
    why = notRegular(fstatSync(fd));
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  if (why) {
    closeSync(fd);
    throw new NotRegularFileError(`${path} ${why}`);
  }
  return fd;
}
