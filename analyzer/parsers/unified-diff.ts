/** A unified diff of two outputs: the newer side is the output, the older side and the headers are set aside. */

/** A unified diff's added-line marker that every line carries: an output in a patch, quoted in a review. */
export const DIFF_ADDED = /^\+(?!\+\+ )/;

export const HUNK = /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@/;

const DIFF_FILE = /^(?:diff (?:--git |-)\S|index [0-9a-f]+\.\.[0-9a-f]+)/;

/**
 * A unified diff of two outputs (`@@` hunks, `-` and `+` lines): from its first file or hunk header on, the `+` side
 * (the newer) and the context lines are the output, without their one-column mark; the `-` lines (the older) and the
 * headers are set aside, by line index, and left blank. A text with no hunk is returned as it is.
 */
export function unifiedDiff(raws: string[]): { raws: string[]; set: Map<number, { part: 'removed' | 'header'; text: string }> } {
  const set = new Map<number, { part: 'removed' | 'header'; text: string }>();
  const first = raws.findIndex((l) => HUNK.test(l));
  if (first < 0) return { raws, set };
  let start = first;
  while (start > 0 && (DIFF_FILE.test(raws[start - 1]!) || /^(?:---|\+\+\+) /.test(raws[start - 1]!))) start--;
  const out = raws.map((l, i) => {
    if (i < start) return l;
    const fileHeader = (/^--- /.test(l) && /^\+\+\+ /.test(raws[i + 1] ?? '')) || (/^\+\+\+ /.test(l) && /^--- /.test(raws[i - 1] ?? ''));
    if (HUNK.test(l) || DIFF_FILE.test(l) || fileHeader || /^\\ No newline/.test(l)) set.set(i, { part: 'header', text: l });
    else if (l.startsWith('-')) set.set(i, { part: 'removed', text: l });
    else return l.startsWith('+') || l.startsWith(' ') ? l.slice(1) : l;
    // Blank in the lines the rest of the cleaning looks at (a quote inside the diff is still every line's).
    return '';
  });
  return { raws: out, set };
}
