/**
 * Kernel glob patterns (lib/glob.c, as analyzer/version/glob.ts matches them) seen as languages, so a
 * generator can reason about a first-match table: does any string match both patterns, does one pattern
 * take every string of another, what is a short string that matches one and none of some others. Strings
 * are bounded (IDENTIFY model 40 bytes, firmware 8), which keeps every question finite.
 */

type Token = { star: true } | { star: false; set: Uint8Array };

const ALPHABET: number[] = [];
for (let c = 1; c < 256; c++) ALPHABET.push(c);
/** Bytes tried first when building a sample, so samples read naturally. */
const PREFERRED = [...'X0A1'].map((c) => c.charCodeAt(0));
const printable = (c: number): boolean => c > 0x20 && c < 0x7f;
const SEARCH_ORDER = [
  ...PREFERRED,
  ...ALPHABET.filter((c) => printable(c) && !PREFERRED.includes(c)),
  0x20,
  ...ALPHABET.filter((c) => !printable(c) && c !== 0x20),
];

function bytes(s: string): number[] {
  return [...Buffer.from(s, 'utf8')];
}

/** Tokens of a pattern, mirroring glob_match(): `?`, `*`, `[...]` classes, `\` escapes, a lone `[` literal. */
export function tokens(pattern: string): Token[] {
  const p = bytes(pattern);
  const out: Token[] = [];
  const single = (c: number): Token => {
    const set = new Uint8Array(256);
    set[c] = 1;
    return { star: false, set };
  };
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === 0x2a) out.push({ star: true });
    else if (c === 0x3f) {
      const set = new Uint8Array(256).fill(1);
      set[0] = 0;
      out.push({ star: false, set });
    } else if (c === 0x5c) {
      if (i + 1 < p.length) out.push(single(p[++i]!));
    } else if (c === 0x5b) {
      const cls = readClass(p, i + 1);
      if (cls) {
        out.push({ star: false, set: cls.set });
        i = cls.end - 1;
      } else out.push(single(c));
    } else out.push(single(c));
  }
  return out;
}

function readClass(p: number[], start: number): { set: Uint8Array; end: number } | undefined {
  const at = (i: number): number => p[i] ?? 0;
  const inverted = at(start) === 0x21;
  let i = start + (inverted ? 1 : 0);
  const set = new Uint8Array(256);
  let lo = at(i++);
  do {
    if (lo === 0) return undefined;
    let hi = lo;
    if (at(i) === 0x2d && at(i + 1) !== 0x5d) {
      hi = at(i + 1);
      if (hi === 0) return undefined;
      i += 2;
    }
    for (let c = lo; c <= hi; c++) set[c] = 1;
    lo = at(i++);
  } while (lo !== 0x5d);
  if (inverted) for (let c = 1; c < 256; c++) set[c] = set[c] ? 0 : 1;
  set[0] = 0;
  return { set, end: i };
}

/** An automaton state: the set of token positions reached, as a bit string (positions ≤ 64 here). */
class Nfa {
  readonly toks: Token[];
  constructor(pattern: string) {
    this.toks = tokens(pattern);
  }
  private close(s: Set<number>): Set<number> {
    for (const k of [...s].sort((a, b) => a - b)) {
      let j = k;
      while (j < this.toks.length && this.toks[j]!.star) s.add(++j);
    }
    return s;
  }
  start(): Set<number> {
    return this.close(new Set([0]));
  }
  step(s: Set<number>, c: number): Set<number> {
    const next = new Set<number>();
    for (const k of s) {
      const t = this.toks[k];
      if (!t) continue;
      if (t.star) next.add(k);
      else if (t.set[c]) next.add(k + 1);
    }
    return this.close(next);
  }
  accepts(s: Set<number>): boolean {
    return s.has(this.toks.length);
  }
}

/** One byte per class of bytes that every token of every pattern treats alike, readable bytes first. */
function representatives(nfas: Nfa[]): number[] {
  const sets = nfas.flatMap((n) => n.toks.flatMap((t) => (t.star ? [] : [t.set])));
  const seen = new Set<string>();
  const out: number[] = [];
  for (const c of SEARCH_ORDER) {
    const sig = sets.map((s) => s[c]).join('');
    if (seen.has(sig)) continue;
    seen.add(sig);
    out.push(c);
  }
  return out;
}

const keyOf = (sets: Set<number>[]): string => sets.map((s) => [...s].sort((a, b) => a - b).join(',')).join('|');

/**
 * Breadth-first search over all patterns at once for the shortest string (at most maxLen bytes) whose
 * acceptance vector satisfies `goal`; undefined when there is none.
 */
function search(patterns: string[], maxLen: number, goal: (accepts: boolean[]) => boolean): string | undefined {
  const nfas = patterns.map((p) => new Nfa(p));
  const alphabet = representatives(nfas);
  let frontier: { sets: Set<number>[]; text: number[] }[] = [{ sets: nfas.map((n) => n.start()), text: [] }];
  const seen = new Set([keyOf(frontier[0]!.sets)]);
  for (let len = 0; len <= maxLen && frontier.length > 0; len++) {
    for (const f of frontier) if (goal(f.sets.map((s, i) => nfas[i]!.accepts(s)))) return Buffer.from(f.text).toString('latin1');
    if (len === maxLen) break;
    const next: typeof frontier = [];
    for (const f of frontier) {
      for (const c of alphabet) {
        const sets = f.sets.map((s, i) => nfas[i]!.step(s, c));
        if (sets[0]!.size === 0) continue;
        const k = keyOf(sets);
        if (seen.has(k)) continue;
        seen.add(k);
        next.push({ sets, text: [...f.text, c] });
      }
    }
    frontier = next;
  }
  return undefined;
}

/** Whether some string of at most maxLen bytes matches both patterns. */
export function intersects(a: string, b: string, maxLen: number): boolean {
  return search([a, b], maxLen, ([x, y]) => x! && y!) !== undefined;
}

/** Whether every string of at most maxLen bytes that matches `inner` also matches `outer`. */
export function covers(outer: string, inner: string, maxLen: number): boolean {
  return search([inner, outer], maxLen, ([i, o]) => i! && !o!) === undefined;
}

/** The shortest string of at most maxLen bytes matching `pattern` and none of `avoid`. */
export function sample(pattern: string, avoid: string[], maxLen: number): string | undefined {
  return search([pattern, ...avoid], maxLen, ([p, ...rest]) => p! && rest.every((r) => !r));
}

/** The shortest string of at most maxLen bytes matching every one of `patterns` and none of `avoid`. */
export function sampleOfAll(patterns: string[], avoid: string[], maxLen: number): string | undefined {
  const n = patterns.length;
  return search([...patterns, ...avoid], maxLen, (accepts) => accepts.slice(0, n).every(Boolean) && accepts.slice(n).every((a) => !a));
}
