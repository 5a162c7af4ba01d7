// Shell-style matching with the Linux kernel's glob_match() semantics (lib/glob.c), which libata's quirk
// table uses for model and firmware patterns:
// - the pattern must match the whole string; `?` is one byte, `*` any run of bytes (`/` and `.` not special);
// - `[...]` is a class of single bytes and `a-b` ranges, `[!...]` its complement (no `[^...]`); a `]` right
//   after `[` or `[!` is a member, a `-` first, last or after a range is a member, a reversed range is empty;
// - a class with no closing `]` (or a range without its end) is not a class: the `[` is a literal byte;
// - `\` makes the next byte literal, and a `\` at the end of the pattern matches the end of the string;
// - everything else is literal and case-sensitive; bytes are UTF-8 and compare unsigned; a NUL ends a string.
// Where the kernel reads past the end of the string (a complemented class at its end) this answers no match.
import { cBytes } from './text.js';

const STAR = 0x2a;
const QUESTION = 0x3f;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const BANG = 0x21;
const DASH = 0x2d;
const BACKSLASH = 0x5c;

/** Whether the class starting after `[` at `start` contains `c`; `end` is the index after its `]`. */
function matchClass(pat: Uint8Array, start: number, c: number): { matched: boolean; end: number } | undefined {
  const at = (i: number): number => pat[i] ?? 0;
  const inverted = at(start) === BANG;
  let i = start + (inverted ? 1 : 0);
  let lo = at(i++);
  let matched = false;
  do {
    if (lo === 0) return undefined;
    let hi = lo;
    if (at(i) === DASH && at(i + 1) !== CLOSE) {
      hi = at(i + 1);
      if (hi === 0) return undefined;
      i += 2;
    }
    if (lo <= c && c <= hi) matched = true;
    lo = at(i++);
  } while (lo !== CLOSE);
  return { matched: matched !== inverted, end: i };
}

export function globMatch(pattern: string, text: string): boolean {
  const pat = cBytes(pattern);
  const str = cBytes(text);
  let p = 0;
  let s = 0;
  // Where to resume after the most recent `*`: one level of backtracking is always enough.
  let starP = -1;
  let starS = 0;
  for (;;) {
    const c = str[s] ?? 0;
    let d = pat[p] ?? 0;
    s++;
    p++;
    let literal = true;
    if (d === QUESTION) {
      if (c === 0) return false;
      continue;
    } else if (d === STAR) {
      if ((pat[p] ?? 0) === 0) return true;
      starP = p;
      starS = --s;
      continue;
    } else if (d === OPEN) {
      if (c === 0) return false;
      const cls = matchClass(pat, p, c);
      if (cls) {
        if (cls.matched) {
          p = cls.end;
          continue;
        }
        literal = false;
      }
    } else if (d === BACKSLASH) {
      d = pat[p] ?? 0;
      p++;
    }
    if (literal && c === d) {
      if (d === 0) return true;
      continue;
    }
    if (c === 0 || starP < 0) return false;
    p = starP;
    s = ++starS;
  }
}
