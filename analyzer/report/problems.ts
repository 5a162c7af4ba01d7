/**
 * The order a bundle's problems are read in: the bundle's own (entries that did not verify), then what an analysis
 * could not read or reconcile, then lines a parser did not read, and last the notes about how an output was pasted
 * (words around it, a note after a value, a last line without its line end), which are no problem of a device or tool.
 */

/** Issues the shared text layer records about the form of a pasted output (analyzer/load/load-bundle.ts). */
export const PASTE_FORM_CODES: ReadonlySet<string> = new Set(['PASTE-NOTE', 'PASTE-AROUND', 'PASTE-DIFF', 'PASTE-SHELL', 'PASTE-FILTERED', 'PARSE-CUT']);

/** Issues of a line a parser did not read. */
const UNREAD_LINE_CODES: ReadonlySet<string> = new Set(['PARSE-LINE', 'UNKNOWN-LINE']);

export interface ReportProblem {
  stage: string;
  target: string | null;
  code: string;
  message: string;
  /** A note about how the output was pasted (PASTE_FORM_CODES), listed after the problems. */
  paste: boolean;
  /** The name the target's output was saved under in the tree `collect --root` read, when not the target's own. */
  savedAs: string | null;
}

/** What a report names as the problem's file: the name a person saved the output under, else the bundle's. */
export const problemTarget = (p: ReportProblem): string | null => p.savedAs ?? p.target;

const rank = (p: ReportProblem): number => (p.stage === 'bundle' ? 0 : p.paste ? 3 : UNREAD_LINE_CODES.has(p.code) ? 2 : 1);

/** Problems in reading order: by kind, then by code, each code's in the order they were recorded. */
export function orderProblems(rows: readonly Omit<ReportProblem, 'paste' | 'savedAs'>[], savedAs: ReadonlyMap<string, string> = new Map()): ReportProblem[] {
  const all = rows.map((p, i) => ({ p: { ...p, paste: p.stage !== 'bundle' && PASTE_FORM_CODES.has(p.code), savedAs: (p.target && savedAs.get(p.target)) ?? null }, i }));
  return all.sort((a, b) => rank(a.p) - rank(b.p) || a.p.code.localeCompare(b.p.code) || a.i - b.i).map((x) => x.p);
}

/** `2 notes about how outputs were pasted`: the heading the notes are listed under. */
export const pasteNotesHeading = (n: number): string => `${n} note${n === 1 ? '' : 's'} about how outputs were pasted (not problems of the devices or tools)`;

/** A source that did not run as it should (failed, partial, timed out), as opposed to one with nothing to read (skipped). */
export const sourceFailed = (s: { status: string }): boolean => s.status !== 'ok' && s.status !== 'skipped';
