import type { WorkerStart } from '../collector/run/messages.js';

/** Options of `fwsnap collect` that change nothing a worker reads; fwsnap's global ones; those that take a value. */
const HARMLESS = new Set(['--force']);
const GLOBAL = new Set(['-q', '--quiet', '-v', '--verbose']);
const WITH_VALUE = new Set(['-o', '--output', '--timeout']);

/**
 * What `fwsnap collect` will send its first worker first, read off the command line before the command line
 * module has loaded (~30 ms on the bench machine), so that the worker can start on it at once: the first built-in
 * source on the live host with nothing opted in. Only for a command line made of the options above; any other
 * (another root, --only, --skip, --include-*, --redact, anything unknown or a bundled short option) gets no early
 * start, so a worker never reads what the command would not (a command line that then fails, on an unwritable
 * output say, has had its first source read for nothing). The pool checks the collection asks for exactly this
 * (worker-pool.ts, takesEarly) and kills the worker otherwise. globalOptions: whether -q/-v exist (not in the
 * single-file collector).
 */
export function earlyStart(args: readonly string[], globalOptions = true): WorkerStart | undefined {
  let command: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) {
      if (command !== undefined) return undefined;
      command = a;
    } else if (WITH_VALUE.has(a)) i++;
    else if (!HARMLESS.has(a) && !(globalOptions && GLOBAL.has(a)) && !(a.startsWith('--output=') || a.startsWith('--timeout='))) return undefined;
  }
  return command === 'collect' ? { source: '', root: '/', includeEeprom: false, includeGpu: false } : undefined;
}
