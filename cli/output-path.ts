import { lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './exit.js';

export interface OutputRules {
  /** Replace an existing regular file (--force), or write through a symbolic link to one. */
  force?: boolean;
  /** The output is not a bundle (a document): an existing regular file is replaced without --force. */
  replaceFile?: boolean;
  /** How the option is spelled in messages. */
  option?: string;
}

function kind(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device node';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The path an output (`-o`, `redact OUT`) is written to, or a usage error: an output never replaces a
 * directory, a device node, a FIFO, a socket or a symbolic link, and replaces an existing regular file only
 * with --force. With --force a symbolic link to a regular file is written through (the file is replaced,
 * the link kept).
 */
export function outputTarget(path: string, o: OutputRules = {}): string {
  const option = o.option ?? '-o';
  // Commands that can write to stdout (collect -o -, rules doc) take `-` before this; here it would be a file named "-".
  if (path === '-') throw new UsageError(`${option} -: this output is written to a file, not to standard output; give a file name`);
  const abs = resolve(path);
  const st = lstatSync(abs, { throwIfNoEntry: false });
  if (!st) return abs;
  if (st.isFile()) {
    if (o.force || o.replaceFile) return abs;
    throw new UsageError(`${option} ${path} already exists; give --force to replace it`);
  }
  if (st.isDirectory()) throw new UsageError(`${option} ${path} is a directory; give the bundle's file name`);
  if (st.isSymbolicLink()) {
    if (!o.force) throw new UsageError(`${option} ${path} is a symbolic link; fwsnap does not replace it (--force writes to the regular file it points to)`);
    const target = statSync(abs, { throwIfNoEntry: false });
    if (!target?.isFile()) throw new UsageError(`${option} ${path} is a symbolic link to ${target ? kind(target) : 'nothing'}; fwsnap writes only to a regular file`);
    return realpathSync(abs);
  }
  throw new UsageError(`${option} ${path} is ${kind(st)}; fwsnap does not write over it`);
}
