import { formsOf, type Form } from './forms.js';
import { ByteMatcher, selectNonOverlapping, type Match } from './matcher.js';
import type { TokenMap } from './tokens.js';

const isAlnum = (b: number | undefined): boolean =>
  b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));

function lowerAscii(data: Uint8Array): Buffer {
  const out = Buffer.from(data);
  for (let i = 0; i < out.length; i++) if (out[i]! >= 0x41 && out[i]! <= 0x5a) out[i]! += 0x20;
  return out;
}

/** Replacement in the case the original was written in (all upper or all lower letters), else as issued. */
function cased(original: Uint8Array, replacement: Uint8Array): Uint8Array {
  let upper = false;
  let lower = false;
  for (const b of original) {
    if (b >= 0x41 && b <= 0x5a) upper = true;
    else if (b >= 0x61 && b <= 0x7a) lower = true;
  }
  if (upper === lower) return replacement;
  const out = Buffer.from(replacement);
  for (let i = 0; i < out.length; i++) {
    const b = out[i]!;
    if (upper && b >= 0x61 && b <= 0x7a) out[i] = b - 0x20;
    if (lower && b >= 0x41 && b <= 0x5a) out[i] = b + 0x20;
  }
  return out;
}

/** Finds every known secret, in every spelling `formsOf` lists, and replaces it by its token (same length). */
export class LiteralScrubber {
  private generation = -1;
  private ciForms: Form[] = [];
  private csForms: Form[] = [];
  private ci = new ByteMatcher([]);
  private cs = new ByteMatcher([]);
  private keptLengths: number[] = [];
  private kept = new ByteMatcher([]);
  private keptLongest = 0;

  constructor(private readonly tokens: TokenMap) {}

  private refresh(): void {
    if (this.generation === this.tokens.generation) return;
    this.generation = this.tokens.generation;
    const forms: Form[] = [];
    for (const [kind, key, token] of this.tokens.entries()) forms.push(...formsOf(kind, key, token));
    this.ciForms = forms.filter((f) => f.ci);
    this.csForms = forms.filter((f) => !f.ci);
    this.ci = new ByteMatcher(this.ciForms.map((f) => f.pattern));
    this.cs = new ByteMatcher(this.csForms.map((f) => f.pattern));
    const kept = [...this.tokens.kept].map((k) => Buffer.from(k, 'utf8'));
    this.kept = new ByteMatcher(kept);
    this.keptLengths = kept.map((k) => k.length);
    this.keptLongest = Math.max(0, ...this.keptLengths);
  }

  /** Length of the longest spelling searched for. */
  get longest(): number {
    this.refresh();
    let n = 0;
    for (const f of this.ciForms) n = Math.max(n, f.pattern.length);
    for (const f of this.csForms) n = Math.max(n, f.pattern.length);
    return Math.max(n, this.keptLongest);
  }

  /**
   * scrub() for a stream of pieces: the last `longest` bytes of what was pushed are held back until the
   * next piece (or the end) shows whether a spelling crosses the boundary; the output is the same as
   * scrub() of the whole.
   */
  stream(): { push(piece: Buffer): Buffer; end(): Buffer } {
    let pending = Buffer.alloc(0);
    let before: number | undefined;
    const step = (piece: Buffer, last: boolean): Buffer => {
      const buf = pending.length ? Buffer.concat([pending, piece]) : piece;
      const hold = last ? 0 : this.longest + 1;
      let cut = Math.max(0, buf.length - hold);
      const { out, chosen, kept } = this.replace(buf, before, last);
      for (const k of kept) if (k.start < cut && k.end > cut) cut = k.start;
      for (const m of chosen) if (m.start < cut && m.end > cut) cut = m.end;
      pending = Buffer.from(buf.subarray(cut));
      if (cut > 0) before = buf[cut - 1];
      return out.subarray(0, cut);
    };
    return { push: (piece) => step(piece, false), end: () => step(Buffer.alloc(0), true) };
  }

  scrub(data: Uint8Array): Buffer {
    return this.replace(data, undefined, true).out;
  }

  /**
   * Every spelling in `data` replaced. `before` is the byte preceding data (for the boundary rule); when
   * `final` is false, a match ending at the very end of data is left for the caller to decide.
   */
  private replace(data: Uint8Array, before: number | undefined, final: boolean): { out: Buffer; chosen: Match[]; kept: Match[] } {
    this.refresh();
    const lowered = lowerAscii(data);
    type Hit = Match & { form: Form };
    const hits: Hit[] = [];
    const kept = this.kept.findAll(lowered);
    const insideKept = (m: Match): boolean => kept.some((k) => k.start <= m.start && m.end <= k.end && k.end - k.start > m.end - m.start);
    for (const m of this.ci.findAll(lowered)) {
      const form = this.ciForms[m.id]!;
      if (kept.length && insideKept(m)) continue;
      const prev = m.start > 0 ? lowered[m.start - 1] : before !== undefined && before >= 0x41 && before <= 0x5a ? before + 0x20 : before;
      if (form.boundary && (isAlnum(prev) || isAlnum(lowered[m.end]))) continue;
      if (form.boundary && !final && m.end === lowered.length) continue;
      hits.push({ ...m, form });
    }
    for (const m of this.cs.findAll(data)) hits.push({ ...m, form: this.csForms[m.id]! });
    const out = Buffer.from(data);
    if (!hits.length) return { out, chosen: [], kept };
    const byKey = new Map(hits.map((h) => [`${h.start}:${h.end}:${h.id}:${h.form.ci}`, h]));
    const chosen = selectNonOverlapping([...byKey.values()]) as Hit[];
    for (const m of chosen) {
      const original = data.subarray(m.start, m.end);
      out.set(m.form.ci ? cased(original, m.form.replacement) : m.form.replacement, m.start);
    }
    return { out, chosen, kept };
  }
}
