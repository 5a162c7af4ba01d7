import type { LineIssue } from '../../parsers/text-input.js';

/**
 * What the mst tools (and the shell running them) print around a failed run, shared by the flint and mstconfig
 * parsers: the `-v` version line, a library's message above an `-E-` line, the shell's word for a crash.
 */

/** `mstconfig, mstflint 4.15.0, built on …`, `flint, mft 4.22.1-11, built on …`: the tool, its package and version. */
const VERSION_LINE = /^((?:mst|mlx)?(?:config|flint|fwmanager|up|reg|link),\s+(?:mstflint|mft)\s+\d+(?:[.-]\d+)*)\b.*$/i;

/** The tool and version a `-v` line names (`mstconfig, mstflint 4.15.0`), undefined for any other line. */
export const toolVersionOf = (line: string): string | undefined => VERSION_LINE.exec(line.trim())?.[1];

/** The shell's report of a run that crashed: the tool printed nothing else. */
const CRASH = /^(?:Segmentation fault|Bus error|Illegal instruction|Aborted|Killed|Floating point exception)(?: \(core dumped\))?$/;

export const isCrash = (line: string): boolean => CRASH.test(line.trim());

/** A library's message the tool printed on its own line (`write counter to semaphore: Permission denied`). */
const LIBRARY_MESSAGE = /^[A-Za-z][^:]*\S:\s+\S/;

/**
 * The message lines right above an `-E-` line (at `line`), taken out of the parser's unread lines: they say why the
 * error happened. Only lines the parser could not read, directly above, each shaped `what: why`.
 */
export function messagesAbove(issues: LineIssue[], line: number): string[] {
  const taken: string[] = [];
  let at = line - 1;
  while (issues.length > 0 && issues.at(-1)!.line === at && LIBRARY_MESSAGE.test(issues.at(-1)!.text.trim())) {
    taken.unshift(issues.pop()!.text.trim());
    at--;
  }
  return taken;
}

/** An error with the messages that explain it: `Failed to open the device (write counter to semaphore: Permission denied)`. */
export const withMessages = (error: string, messages: readonly string[]): string => (messages.length ? `${error} (${messages.join('; ')})` : error);

/** An error with the version of the tool that printed it, when the paste shows the `-v` line. */
export const withVersion = (error: string, version: string | undefined): string => (version ? `${error} — ${version}` : error);
