/** Where a mail client may have broken one line of an output in two. */

/** A line's width on screen, tabs to the next multiple of 8 as a terminal shows them. */
function columns(line: string): number {
  let col = 0;
  for (const ch of line) col = ch === '\t' ? col + 8 - (col % 8) : col + 1;
  return col;
}

/**
 * Whether a mail client could have broken `line` before `next` (each as the caller reads it: indented or not): a client
 * wraps at 66 to 80 columns, so the line is no wider than that and the next line's first word would not have fitted on it.
 */
export function couldWrapBefore(line: string, next: string): boolean {
  const width = columns(line.trimEnd());
  const word = next.trim().split(/\s+/)[0] ?? '';
  return width <= 80 && width + 1 + word.length > 66;
}
