import { warn } from './exit.js';

export type Verbosity = 'quiet' | 'normal' | 'verbose';

let level: Verbosity = 'normal';

/** Set once from the global -q/--quiet and -v/--verbose options, before a command runs. */
export function setVerbosity(v: Verbosity): void {
  level = v;
}

export const isQuiet = (): boolean => level === 'quiet';
export const isVerbose = (): boolean => level === 'verbose';

/** A status line on stderr (summaries, what was kept where); -q leaves it out. Errors never go through here. */
export function note(message: string): void {
  if (level !== 'quiet') warn(message);
}

/** A line only -v shows: what fwsnap is doing and how long it took. */
export function detail(message: string): void {
  if (level === 'verbose') warn(message);
}
