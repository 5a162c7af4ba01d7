import { writeSync } from 'node:fs';
import { terminalSafe } from '../bundle/terminal-safe.js';

/** Exit statuses shared by every command (README, docs/faults.md). */
export const STATUS = { ok: 0, findings: 1, unusable: 2, partial: 3, brokenPipe: 141 } as const;

/** A failure the user can act on: printed as one line (no stack), exit status 2 unless told otherwise. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = STATUS.unusable,
  ) {
    super(message);
  }
}

/** A bad option or argument: exit status 2. */
export class UsageError extends CliError {}

const debug = (): boolean => Boolean(process.env.FWSNAP_DEBUG);

/** Files fwsnap made that messages name by what they stand for: the spooled copy of stdin is `-` (stdin-bundle.ts). */
const shownNames = new Map<string, string>();

/** From now on, every message naming `path` names `name` instead. */
export function nameInMessages(path: string, name: string): void {
  shownNames.set(path, name);
}

/**
 * A message that names its culprit twice in a row (`x.tar.gz: x.tar.gz: …`, a command's prefix before an error that
 * already names the file) names it once.
 */
export function culpritOnce(message: string): string {
  return message.replace(/(^|: )([^\s:][^:\n]{0,4095}?): \2: /gm, '$1$2: ');
}

/** Writes one message to stderr, control characters escaped (the structure's own newlines kept), its culprit named once. */
export function warn(message: string): void {
  let named = culpritOnce(message);
  for (const [path, name] of shownNames) named = culpritOnce(named.split(path).join(name));
  const text = named.split('\n').map(terminalSafe).join('\n');
  process.stderr.write(text.endsWith('\n') ? text : text + '\n');
}

/**
 * An error commander threw (its CommanderError or a subclass), told by its shape: `fwsnap collect` of the live host
 * runs without loading commander (early-start.ts, plainCollect), so nothing here imports it, and neither its class nor
 * its name can be compared (a bundler renames the class, and the single-file collector's is `CommanderError2`).
 * Only commander's errors carry `nestedError`; options.ts's InvalidArgumentError has commander's code but not that.
 */
export function isCommanderError(e: unknown): e is Error & { code: string; exitCode: number } {
  if (!(e instanceof Error) || !('nestedError' in e)) return false;
  const { code, exitCode } = e as { code?: unknown; exitCode?: unknown };
  return typeof code === 'string' && code.startsWith('commander.') && typeof exitCode === 'number';
}

/**
 * What a thrown error becomes: one line on stderr and an exit status. Errors fwsnap does not know are
 * still one line (the stack only with FWSNAP_DEBUG set) and exit 2: nothing usable was produced.
 */
export function reportError(e: unknown, prefix = 'fwsnap'): number {
  if (isCommanderError(e)) {
    // Commander has already printed its message (or the help).
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return STATUS.ok;
    return STATUS.unusable;
  }
  if (e instanceof CliError) {
    warn(`${prefix}: ${e.message}`);
    return e.exitCode;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  warn(`${prefix}: ${err.message || err.name}${debug() ? '' : ' (internal error; set FWSNAP_DEBUG=1 for details)'}`);
  if (debug() && err.stack) process.stderr.write(err.stack + '\n');
  return STATUS.unusable;
}

/**
 * stdout failed: a reader that went away (EPIPE) ends fwsnap quietly with the status of SIGPIPE; anything else (a
 * full disk behind `> file`, an I/O error) is said in one line on stderr, status 2.
 */
function stdoutFailed(e: NodeJS.ErrnoException): never {
  if (e.code === 'EPIPE') process.exit(STATUS.brokenPipe);
  const words = (e.message || String(e.code)).replace(/^[A-Z]+: /, '').replace(/, write$/, '');
  try {
    writeSync(2, terminalSafe(`fwsnap: cannot write to standard output: ${words}${e.code ? ` (${e.code})` : ''}`) + '\n');
  } catch {
    /* stderr gone too */
  }
  process.exit(STATUS.unusable);
}

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || stream.writableEnded) return Promise.resolve();
  // A write's callback runs once it (and so everything written before it) has reached the file or pipe.
  return new Promise((resolve, reject) => stream.write('', (err) => (err ? reject(err) : resolve())));
}

/**
 * The one way the CLI ends (signals aside): everything written to stdout and stderr reaches its pipe or
 * file first, however slowly the reader reads, and only then does the process exit.
 */
export async function exitAfterDrain(code: number): Promise<never> {
  process.exitCode = code;
  try {
    await flushed(process.stdout);
  } catch (e) {
    stdoutFailed(e as NodeJS.ErrnoException);
  }
  await flushed(process.stderr).catch(() => undefined);
  process.exit(code);
}

/**
 * Installed once at start-up: a reader that closes the pipe early (`| head`) ends fwsnap quietly with the
 * status a shell shows for SIGPIPE, and no error anywhere ends in a stack trace.
 */
export function installProcessHandlers(): void {
  process.stdout.on('error', stdoutFailed);
  process.stderr.on('error', () => undefined);
  const fatal = (e: unknown): void => {
    const code = reportError(e);
    process.exitCode = code;
    void exitAfterDrain(code);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
}
