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

/**
 * Opens a bundle for reading without blocking (O_NONBLOCK: opening a FIFO that has no writer would wait
 * forever) and refuses anything but a regular file. undefined when it cannot be opened at all: the caller
 * opens it again the usual way and reports that error as it always did.
 */
export function openRegularFile(path: string): number | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    // A socket cannot be opened at all (ENXIO): say what it is.
    let kind: string | undefined;
    try {
      kind = notRegular(statSync(path));
    } catch {
      /* the usual open reports it */
    }
    if (kind) throw new NotRegularFileError(`${path} ${kind}`);
    return undefined;
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
