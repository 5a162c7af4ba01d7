import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CliError, UsageError } from './exit.js';

/** How a bundle read from stdin is named in reports and the database. */
export const STDIN_NAME = '-';

let spooled: Promise<string> | undefined;
let spoolDir: string | undefined;

function removeSpool(): void {
  if (spoolDir) rmSync(spoolDir, { recursive: true, force: true });
  spoolDir = undefined;
}

/**
 * `-` as a bundle: stdin copied, as it streams, into a private temporary file (a directory only this user can
 * read), so memory stays bounded whatever the bundle's size and the readers that need a file get one. The
 * file goes when the process exits. stdin can be read once: a second `-` is a usage error.
 */
export async function bundleArgument(arg: string, stdin: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin): Promise<string> {
  if (arg !== STDIN_NAME) return arg;
  if (spooled) throw new UsageError('- (stdin) can be given only once');
  if (stdin.isTTY) throw new UsageError('- reads a bundle from stdin, but stdin is a terminal; pipe a bundle in (… | fwsnap analyze -)');
  spoolDir = mkdtempSync(join(tmpdir(), 'fwsnap-stdin-'));
  process.once('exit', removeSpool);
  const path = join(spoolDir, 'stdin.tar.gz');
  spooled = pipeline(stdin, createWriteStream(path, { flags: 'wx', mode: 0o600 })).then(
    () => path,
    (e: Error) => {
      removeSpool();
      throw new CliError(`cannot read the bundle from stdin: ${e.message}`);
    },
  );
  return spooled;
}

/** The name a path stands for: `-` for the spooled copy of stdin, the path itself otherwise. */
export function displayName(path: string): string {
  return spoolDir && path === join(spoolDir, 'stdin.tar.gz') ? STDIN_NAME : path;
}
