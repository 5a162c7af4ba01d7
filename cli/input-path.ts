import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import { kindOf, notRegular, openErrorWords } from '../bundle/input-file.js';
import { CliError } from './exit.js';

/** `/dev/fd/N` or `/proc/self/fd/N` naming a pipe this process inherited (bash's `<(…)`): N, read without opening the path. */
export function inheritedPipe(path: string): number | undefined {
  const m = /^\/(?:dev|proc\/self)\/fd\/(\d{1,9})$/.exec(path);
  if (!m) return undefined;
  try {
    return fstatSync(Number(m[1])).isFIFO() ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks that an input file can be opened for reading and is a regular file; "cannot open" is exit status 2.
 * The path is opened with O_NONBLOCK, so a FIFO without a writer cannot block the check, and refused: a
 * pipe is read from `-` (stdin) or, where `pipes` (commands that spool their input: stdin-bundle.ts), as
 * bash's `<(…)`, an inherited /dev/fd/N, never by opening a name.
 */
export function openableFile(path: string, what = '', o: { pipes?: boolean } = {}): void {
  if (o.pipes && inheritedPipe(path) !== undefined) return;
  const hint = o.pipes ? '; give a bundle file, or - to read one from stdin' : '; give a bundle file';
  const refuse = (why: string): CliError => new CliError(`cannot open ${what}${path}: ${why}${why.includes('regular') ? hint : ''}`);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    // A socket cannot be opened at all (ENXIO): say what it is.
    const why = kindOf(path);
    if (why) throw refuse(why);
    throw new CliError(`cannot open ${what}${path}: ${openErrorWords(e)}`);
  }
  try {
    const why = notRegular(fstatSync(fd));
    if (why) throw refuse(why);
  } finally {
    closeSync(fd);
  }
}
