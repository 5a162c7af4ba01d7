import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_TIMEOUT_SECONDS, MIN_TIMEOUT_SECONDS } from '../collector/timeout-limit.js';
import { UsageError } from './exit.js';
import { openErrorWords } from '../bundle/input-file.js';

/**
 * A bad option value, thrown from an option's parser: commander reports it as it reports its own
 * InvalidArgumentError (it goes by this code), and this module does not load commander (early-start.ts, plainCollect).
 */
export class InvalidArgumentError extends Error {
  readonly code = 'commander.invalidArgument';
  readonly exitCode = 1;
}

/** An option parser that knows its values (the bash completion offers them). */
export type ChoiceParser<T extends string> = ((v: string) => T) & { choices: readonly T[] };

/** An option parser accepting exactly one of `choices`; anything else is a usage error (exit 2). */
export function oneOf<T extends string>(option: string, choices: readonly T[]): ChoiceParser<T> {
  const parse = (v: string): T => {
    if (!(choices as readonly string[]).includes(v)) throw new InvalidArgumentError(`${option} must be one of ${choices.join(', ')}`);
    return v as T;
  };
  return Object.assign(parse, { choices });
}

/** `--include-gpu` of collect and check: one meaning, one help text. */
export const INCLUDE_GPU_HELP = 'also read what reaches GPU firmware: nvidia-smi -q -x and the per-GPU proc files (wake sleeping GPUs, can hang on a wedged driver)';

/** `--timeout`: seconds, at least a millisecond and small enough that the per-source deadlines (6× in all) fit a timer. */
export function parseTimeout(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('--timeout must be a positive number of seconds');
  if (n < MIN_TIMEOUT_SECONDS) throw new InvalidArgumentError(`--timeout must be at least ${MIN_TIMEOUT_SECONDS} seconds (1 ms)`);
  if (n > MAX_TIMEOUT_SECONDS) throw new InvalidArgumentError(`--timeout must be at most ${MAX_TIMEOUT_SECONDS} seconds`);
  return n;
}

/** --jobs: a whole number of threads, 1 to 256. */
export function parseJobs(v: string): number {
  const n = Number(v);
  if (!/^\s*\d+\s*$/.test(v) || n < 1 || n > 256) throw new InvalidArgumentError('--jobs must be a whole number from 1 to 256');
  return n;
}

function kindOf(path: string): 'dir' | 'file' | 'other' | undefined {
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
  } catch {
    return undefined;
  }
}

/** An option naming a directory that must exist. */
export const existingDir = (option: string) => (v: string): string => {
  const k = kindOf(v);
  if (k === undefined) throw new InvalidArgumentError(`${option} ${v}: no such directory`);
  if (k !== 'dir') throw new InvalidArgumentError(`${option} ${v}: not a directory`);
  return v;
};

/** Whether a directory holds a rule file (*.yaml, *.yml) at any depth, as the rule loader looks for them. */
function holdsRuleFile(dir: string): boolean {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return true; // the loader says what is wrong with it
  }
  return entries.some((e) => (e.isDirectory() ? holdsRuleFile(join(dir, e.name)) : /\.ya?ml$/.test(e.name)));
}

/**
 * `--rules DIR`: an existing directory holding at least one rule file. An empty one (a mistyped path, the wrong
 * folder) would judge nothing and report a clean host.
 */
export const rulesDirectory = (option: string) => (v: string): string => {
  existingDir(option)(v);
  if (!holdsRuleFile(v)) throw new InvalidArgumentError(`${option} ${v}: no rule file (*.yaml) in it; nothing would be checked`);
  return v;
};

/** An option naming a regular file that must exist. */
export const existingFile = (option: string) => (v: string): string => {
  const k = kindOf(v);
  if (k === undefined) throw new InvalidArgumentError(`${option} ${v}: no such file`);
  if (k !== 'file') throw new InvalidArgumentError(`${option} ${v}: not a regular file`);
  // Opened and read now: a file that cannot be read would otherwise be taken as absent data, later and silently.
  let fd: number | undefined;
  try {
    fd = openSync(v, 'r');
    readSync(fd, Buffer.alloc(1), 0, 1, 0);
  } catch (e) {
    throw new InvalidArgumentError(`${option} ${v}: cannot be read (${openErrorWords(e)})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return v;
};

/** `--map` and `--keep-binary` shape what `--redact` does; without it they are a usage error, not silently ignored. */
export function requireRedactFor(o: { redact: boolean; map?: string; keepBinary: boolean }): void {
  if (!o.redact && (o.map !== undefined || o.keepBinary)) throw new UsageError(`${o.map !== undefined ? '--map' : '--keep-binary'} needs --redact`);
}
