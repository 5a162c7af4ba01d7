/** Aho–Corasick over bytes: finds every occurrence of many fixed patterns in one pass. */
export interface Match {
  start: number;
  end: number;
  id: number;
}

export class ByteMatcher {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  private readonly out: number[][] = [[]];
  private readonly lengths: number[] = [];

  constructor(patterns: readonly Uint8Array[]) {
    patterns.forEach((p, id) => {
      this.lengths.push(p.length);
      if (p.length === 0) return;
      let s = 0;
      for (const b of p) {
        let t = this.next[s]!.get(b);
        if (t === undefined) {
          t = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.next[s]!.set(b, t);
        }
        s = t;
      }
      this.out[s]!.push(id);
    });
    const queue: number[] = [];
    for (const t of this.next[0]!.values()) queue.push(t);
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      for (const [b, t] of this.next[s]!) {
        queue.push(t);
        let f = this.fail[s]!;
        while (f !== 0 && !this.next[f]!.has(b)) f = this.fail[f]!;
        const ft = this.next[f]!.get(b);
        this.fail[t] = ft !== undefined && ft !== t ? ft : 0;
        this.out[t]!.push(...this.out[this.fail[t]!]!);
      }
    }
  }

  get empty(): boolean {
    return this.next[0]!.size === 0;
  }

  findAll(hay: Uint8Array): Match[] {
    const found: Match[] = [];
    if (this.empty) return found;
    let s = 0;
    for (let i = 0; i < hay.length; i++) {
      const b = hay[i]!;
      let t = this.next[s]!.get(b);
      while (t === undefined && s !== 0) {
        s = this.fail[s]!;
        t = this.next[s]!.get(b);
      }
      s = t ?? 0;
      for (const id of this.out[s]!) found.push({ start: i + 1 - this.lengths[id]!, end: i + 1, id });
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
