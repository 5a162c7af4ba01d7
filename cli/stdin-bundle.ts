import { closeSync, constants, createReadStream, createWriteStream, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CliError, nameInMessages, UsageError } from './exit.js';
import { inheritedPipe } from './input-path.js';

/** How a bundle read from stdin is named in reports and the database. */
export const STDIN_NAME = '-';

let stdinSpooled: Promise<string> | undefined;
let spoolDir: string | undefined;
/** Spooled copy → the argument it stands for (`-`, `/dev/fd/63`). */
const spooledFrom = new Map<string, string>();

function removeSpool(): void {
  if (spoolDir) rmSync(spoolDir, { recursive: true, force: true });
  spoolDir = undefined;
  spooledFrom.clear();
}

/** Copies a pipe, as it streams, into a private temporary file (a directory only this user can read). */
function spool(from: NodeJS.ReadableStream, arg: string, file: string): Promise<string> {
  if (!spoolDir) {
    spoolDir = mkdtempSync(join(tmpdir(), 'fwsnap-stdin-'));
    process.once('exit', removeSpool);
  }
  const path = join(spoolDir, file);
  spooledFrom.set(path, arg);
  nameInMessages(path, arg);
  return pipeline(from, createWriteStream(path, { flags: 'wx', mode: 0o600 })).then(
    () => path,
    (e: Error) => {
      removeSpool();
      throw new CliError(`cannot read the bundle from ${arg === STDIN_NAME ? 'stdin' : arg}: ${e.message}`);
    },
  );
}

/**
 * `-` as a bundle: stdin copied into a private temporary file, so memory stays bounded whatever the bundle's
 * size and the readers that need a file (redact reads it twice) get one; the file goes when the process
 * exits. stdin can be read once: a second `-` is a usage error. A pipe this process inherited and is given
 * as /dev/fd/N (bash's `<(…)`) is read the same way, from its descriptor: opening the name could block.
 */
export async function bundleArgument(arg: string, stdin: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin): Promise<string> {
  const fd = arg === STDIN_NAME ? undefined : inheritedPipe(arg);
  if (fd !== undefined) return spool(createReadStream('', { fd, highWaterMark: 1024 * 1024 }), arg, `fd-${fd}.tar.gz`);
  if (arg !== STDIN_NAME) return arg;
  if (stdinSpooled) throw new UsageError('- (stdin) can be given only once');
  if (stdin.isTTY) throw new UsageError('- reads a bundle from stdin, but stdin is a terminal; pipe a bundle in (… | fwsnap analyze -), or a text holding tool outputs');
  stdinSpooled = spool(stdin, STDIN_NAME, 'stdin.tar.gz');
  return stdinSpooled;
}

/** The name a path stands for: `-` or `/dev/fd/N` for the spooled copy of a pipe, the path itself otherwise. */
export function displayName(path: string): string {
  return spooledFrom.get(path) ?? path;
}

/**
 * Refuses an input that is empty or cannot be read as unusable (status 2, one line) rather than judging it a bundle
 * that does not verify: nothing was given (a failed download, an empty pipe), or nothing can be read of it (EIO).
 */
export function refuseEmptyOrUnreadable(file: string, arg: string): void {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return; // the reader says what is wrong with it
  }
  // Read, not stat'ed: a file of /proc says 0 bytes and holds text.
  let got: number;
  try {
    got = readSync(fd, Buffer.alloc(1), 0, 1, 0);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new CliError(`cannot read ${arg === STDIN_NAME ? '-' : arg}: ${err.message.replace(/^[A-Z]+: /, '').replace(/, read$/, '')}${err.code ? ` (${err.code})` : ''}`);
  } finally {
    closeSync(fd);
  }
  if (got > 0) return;
  throw new CliError(arg === STDIN_NAME ? 'cannot read -: stdin is empty (0 bytes); no bundle was piped in' : `cannot read ${arg}: the file is empty (0 bytes), not a bundle`);
}
