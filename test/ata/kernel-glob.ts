/**
 * The kernel's glob_match() (lib/glob.c), written again here from that source so that the drive-list test does
 * not check fwsnap's matcher against itself: `?`, `*` with one level of backtracking, `[...]` classes with ranges
 * and a leading `!`, `\` quoting the next character, an unclosed `[` taken literally. Strings are compared as
 * bytes (Latin-1 here: IDENTIFY strings are ASCII).
 */
export function kernelGlobMatch(pattern: string, text: string): boolean {
  const pat = `${pattern}\0`;
  const str = `${text}\0`;
  let p = 0;
  let s = 0;
  let backPat = -1;
  let backStr = 0;
  for (;;) {
    const c = str.charCodeAt(s++);
    let d = pat.charCodeAt(p++);
    let literal = false;
    let mismatch = false;
    if (d === 0x3f /* ? */) {
      if (c === 0) return false;
      continue;
    } else if (d === 0x2a /* * */) {
      if (pat.charCodeAt(p) === 0) return true;
      backPat = p;
      backStr = --s;
      continue;
    } else if (d === 0x5b /* [ */) {
      let match = false;
      const inverted = pat.charCodeAt(p) === 0x21;
      let cls = p + (inverted ? 1 : 0);
      let a = pat.charCodeAt(cls++);
      let malformed = false;
      do {
        let b = a;
        if (a === 0) { malformed = true; break; }
        if (pat.charCodeAt(cls) === 0x2d && pat.charCodeAt(cls + 1) !== 0x5d) {
          b = pat.charCodeAt(cls + 1);
          if (b === 0) { malformed = true; break; }
          cls += 2;
        }
        match ||= a <= c && c <= b;
        a = pat.charCodeAt(cls++);
      } while (a !== 0x5d);
      if (malformed) literal = true;
      else if (match === inverted) mismatch = true;
      else { p = cls; continue; }
    } else {
      if (d === 0x5c /* \ */) d = pat.charCodeAt(p++);
      literal = true;
    }
    if (literal) {
      if (c === d) {
        if (d === 0) return true;
        continue;
      }
      mismatch = true;
    }
    if (mismatch) {
      if (c === 0 || backPat < 0) return false;
      p = backPat;
      s = ++backStr;
    }
  }
}
