/**
 * Finds every occurrence of many fixed byte patterns in one pass, in memory proportional to the patterns
 * themselves: a bitmap of the patterns' first three bytes screens each position, and only where it hits are
 * the candidate lengths for that prefix hashed and looked up in an open-addressing table over one arena of
 * pattern bytes. Tens of thousands of secrets in thirty spellings each cost tens of megabytes (an
 * Aho–Corasick automaton with a map per state cost 120 MB for a thousand).
 */
export interface Match {
  start: number;
  end: number;
  id: number;
}

const PREFIX = 3;

function fnv(b: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h >>> 0;
}

export class ByteMatcher {
  /** One bit per possible three-byte prefix. */
  private readonly bitmap = new Uint8Array(1 << 21);
  /** Distinct pattern lengths under each prefix. */
  private readonly lengths = new Map<number, number[]>();
  private arena = Buffer.alloc(1024);
  private used = 0;
  /** Pattern i is arena[offsets[i], offsets[i] + lens[i]). */
  private offsets = new Int32Array(64);
  private lens = new Int32Array(64);
  private ids = new Int32Array(64);
  private patterns = 0;
  /** Open addressing by hash of the bytes: pattern indexes, -1 for free; at most half full. */
  private slots = new Int32Array(128).fill(-1);
  /** Patterns shorter than the prefix, searched for naively. */
  private readonly short: { bytes: Uint8Array; id: number }[] = [];

  /** Patterns as bytes, or as latin1 strings (one character per byte); a match's id is the pattern's index, or `ids[index]`. */
  constructor(patterns: readonly (Uint8Array | string)[] = [], ids?: readonly number[]) {
    patterns.forEach((p, index) => this.add(p, ids ? ids[index]! : index));
  }

  /** One more pattern (matchers grow as secrets are learned, without being rebuilt). */
  add(p: Uint8Array | string, id: number): void {
    if (p.length === 0) return;
    if (p.length < PREFIX) {
      this.short.push({ bytes: typeof p === 'string' ? Buffer.from(p, 'latin1') : p, id });
      return;
    }
    if (this.used + p.length > this.arena.length) {
      const grown = Buffer.alloc(Math.max(this.arena.length * 2, this.used + p.length));
      this.arena.copy(grown, 0, 0, this.used);
      this.arena = grown;
    }
    if (this.patterns === this.ids.length) {
      const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const g = new Int32Array(a.length * 2);
        g.set(a);
        return g;
      };
      this.offsets = grow(this.offsets);
      this.lens = grow(this.lens);
      this.ids = grow(this.ids);
    }
    if ((this.patterns + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    const at = this.used;
    if (typeof p === 'string') this.arena.write(p, at, 'latin1');
    else this.arena.set(p, at);
    this.used += p.length;
    const index = this.patterns++;
    this.offsets[index] = at;
    this.lens[index] = p.length;
    this.ids[index] = id;
    const b = this.arena;
    const k = (b[at]! << 16) | (b[at + 1]! << 8) | b[at + 2]!;
    this.bitmap[k >> 3]! |= 1 << (k & 7);
    const ls = this.lengths.get(k);
    if (!ls) this.lengths.set(k, [p.length]);
    else if (!ls.includes(p.length)) ls.push(p.length);
    this.place(index);
  }

  private place(index: number): void {
    const mask = this.slots.length - 1;
    const at = this.offsets[index]!;
    let slot = fnv(this.arena, at, at + this.lens[index]!) & mask;
    while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
    this.slots[slot] = index;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size).fill(-1);
    for (let i = 0; i < this.patterns; i++) this.place(i);
  }

  get empty(): boolean {
    return this.patterns === 0 && this.short.length === 0;
  }

  private same(index: number, hay: Uint8Array, start: number, len: number): boolean {
    const from = this.offsets[index]!;
    if (this.lens[index] !== len) return false;
    for (let j = 0; j < len; j++) if (this.arena[from + j] !== hay[start + j]) return false;
    return true;
  }

  findAll(hay: Uint8Array): Match[] {
    const found: Match[] = [];
    if (this.empty) return found;
    const n = hay.length;
    const bitmap = this.bitmap;
    const mask = this.slots.length - 1;
    if (n >= PREFIX) {
      let k = (hay[0]! << 8) | hay[1]!;
      for (let i = 0; i + PREFIX <= n; i++) {
        k = ((k << 8) | hay[i + 2]!) & 0xffffff;
        if (!(bitmap[k >> 3]! & (1 << (k & 7)))) continue;
        for (const len of this.lengths.get(k)!) {
          if (i + len > n) continue;
          for (let slot = fnv(hay, i, i + len) & mask; this.slots[slot] !== -1; slot = (slot + 1) & mask) {
            const index = this.slots[slot]!;
            if (this.same(index, hay, i, len)) found.push({ start: i, end: i + len, id: this.ids[index]! });
          }
        }
      }
    }
    for (const s of this.short) {
      const buf = Buffer.from(hay.buffer, hay.byteOffset, hay.length);
      for (let at = buf.indexOf(s.bytes); at !== -1; at = buf.indexOf(s.bytes, at + 1)) found.push({ start: at, end: at + s.bytes.length, id: s.id });
    }
    return found;
  }
}

/** Leftmost, then longest, non-overlapping matches. */
export function selectNonOverlapping(matches: Match[]): Match[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const chosen: Match[] = [];
  let until = 0;
  for (const m of sorted) {
    if (m.start < until) continue;
    chosen.push(m);
    until = m.end;
  }
  return chosen;
}
