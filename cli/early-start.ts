import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { WorkerStart } from '../collector/run/messages.js';
import { parseTimeout } from './options.js';
import { outputTarget } from './output-path.js';
import type { Verbosity } from './verbosity.js';

/** Options of `fwsnap collect` that change nothing a worker reads; fwsnap's global ones; those that take a value. */
const HARMLESS = new Set(['--force']);
const GLOBAL = new Set(['-q', '--quiet', '-v', '--verbose']);
const WITH_VALUE = new Set(['-o', '--output', '--timeout']);

/** Whether `fwsnap collect` would write to this output: what outputTarget allows, in a directory that exists. */
function outputAccepted(path: string, force: boolean): boolean {
  if (path === '-') return true;
  try {
    return statSync(dirname(outputTarget(path, { force }))).isDirectory();
  } catch {
    return false;
  }
}

/**
 * What `fwsnap collect` will send its first worker first, read off the command line before the command line
 * module has loaded (~30 ms on the bench machine), so that the worker can start on it at once: the first built-in
 * source on the live host with nothing opted in. Only for a whole command line the full parser accepts, made of
 * the options above with valid values (--timeout as parseTimeout takes it; -o a file collect may write, in a
 * directory that exists; not both -q and -v; every option but -q/-v after the command); any other (another root,
 * --only, --skip, --include-*, --redact, anything unknown or a bundled short option, a missing or refused value)
 * gets no early start, so a worker never reads what the command would not, and nothing of the host is read for a
 * command line that is then refused (test/cli/early-start-refusals.test.ts). The pool checks the collection asks
 * for exactly this (worker-pool.ts, takesEarly) and kills the worker otherwise. globalOptions: whether -q/-v exist
 * (not in the single-file collector).
 */
export function earlyStart(args: readonly string[], globalOptions = true): WorkerStart | undefined {
  let command: string | undefined;
  let output: string | undefined;
  let force = false;
  let quiet = false;
  let verbose = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) {
      if (command !== undefined) return undefined;
      command = a;
      continue;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (globalOptions && GLOBAL.has(a)) {
      if (a === '-q' || a === '--quiet') quiet = true;
      else verbose = true;
      continue;
    }
    // collect's own options come after the command.
    if (command === undefined) return undefined;
    if (WITH_VALUE.has(flag)) {
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') return undefined;
      if (flag === '--timeout') {
        try {
          parseTimeout(value);
        } catch {
          return undefined;
        }
      } else output = value;
    } else if (HARMLESS.has(a)) force = true;
    else return undefined;
  }
  if (quiet && verbose) return undefined;
  if (output !== undefined && !outputAccepted(output, force)) return undefined;
  return command === 'collect' ? { source: '', root: '/', includeEeprom: false, includeGpu: false } : undefined;
}

/** A `fwsnap collect` command line commander is not needed for (see plainCollect). */
export interface PlainCollect {
  output?: string;
  force: boolean;
  /** As given; parsed with the collect command (options.ts, parseTimeout). */
  timeout?: string;
  verbosity: Verbosity;
}

/**
 * `fwsnap collect` followed only by -o/--output FILE, --timeout SECONDS (either also as --opt=value), --force, and
 * -q/--quiet or -v/--verbose: what those options say, so that the collector can run without loading commander
 * (collect-command.ts, runPlainCollect). Anything else — another word first, any other option, help, an option
 * given twice, a missing value or one that looks like an option (other than - for stdout), -q with -v — is
 * undefined: commander parses it as for every other command, and its messages stay the only ones.
 */
export function plainCollect(args: readonly string[]): PlainCollect | undefined {
  if (args[0] !== 'collect') return undefined;
  const seen = new Set<string>();
  const p: PlainCollect = { force: false, verbosity: 'normal' };
  let quiet = false;
  let verbose = false;
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const option = flag === '-o' || flag === '--output' ? 'output' : flag === '--timeout' ? 'timeout' : undefined;
    if (option) {
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (seen.has(option) || value === undefined || value === '' || (value.startsWith('-') && value !== '-')) return undefined;
      seen.add(option);
      p[option] = value;
    } else if (a === '--force') p.force = true;
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-v' || a === '--verbose') verbose = true;
    else return undefined;
  }
  if (quiet && verbose) return undefined;
  p.verbosity = quiet ? 'quiet' : verbose ? 'verbose' : 'normal';
  return p;
}
