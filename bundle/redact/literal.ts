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
function cased(original: Uint8Array, replacement: string): Buffer {
  let upper = false;
  let lower = false;
  for (const b of original) {
    if (b >= 0x41 && b <= 0x5a) upper = true;
    else if (b >= 0x61 && b <= 0x7a) lower = true;
  }
  const out = Buffer.from(replacement, 'latin1');
  if (upper === lower) return out;
  for (let i = 0; i < out.length; i++) {
    const b = out[i]!;
    if (upper && b >= 0x61 && b <= 0x7a) out[i] = b - 0x20;
    if (lower && b >= 0x41 && b <= 0x5a) out[i] = b + 0x20;
  }
  return out;
}

/** Spellings per secret: a pattern's id is its secret's index times this, plus its place in formsOf's list. */
const FORMS_PER_SECRET = 64;
/** Secrets whose spellings are kept built once found (the others are rebuilt when next found). */
const FORM_CACHE = 4096;

/**
 * Finds every known secret, in every spelling `formsOf` lists, and replaces it by its token (same length).
 * Only the spellings' bytes are held (in the matchers); a spelling's replacement is rebuilt from its secret
 * when it is found, so tens of thousands of secrets fit in tens of megabytes.
 */
export class LiteralScrubber {
  private generation = -1;
  /** Secrets of the token map's log already in the matchers. */
  private added = 0;
  private keptSize = -1;
  private formCache = new Map<number, Form[]>();
  private readonly ci = new ByteMatcher();
  private readonly cs = new ByteMatcher();
  private kept = new ByteMatcher();
  private longestForm = 0;
  private longestKept = 0;

  constructor(private readonly tokens: TokenMap) {}

  private refresh(): void {
    if (this.generation === this.tokens.generation) return;
    this.generation = this.tokens.generation;
    const log = this.tokens.log;
    for (; this.added < log.length; this.added++) {
      const [kind, key, token] = log[this.added]!;
      formsOf(kind, key, token).forEach((f, j) => {
        (f.ci ? this.ci : this.cs).add(f.pattern, this.added * FORMS_PER_SECRET + j);
        this.longestForm = Math.max(this.longestForm, f.pattern.length);
      });
    }
    if (this.keptSize !== this.tokens.kept.size) {
      this.keptSize = this.tokens.kept.size;
      const kept = [...this.tokens.kept].map((k) => Buffer.from(k, 'utf8'));
      this.kept = new ByteMatcher(kept);
      this.longestKept = Math.max(0, ...kept.map((k) => k.length));
    }
  }

  /** Length of the longest spelling searched for. */
  get longest(): number {
    this.refresh();
    return Math.max(this.longestForm, this.longestKept);
  }

  private form(id: number): Form {
    const i = Math.floor(id / FORMS_PER_SECRET);
    let forms = this.formCache.get(i);
    if (!forms) {
      if (this.formCache.size >= FORM_CACHE) this.formCache.clear();
      const [kind, key, token] = this.tokens.log[i]!;
      forms = formsOf(kind, key, token);
      this.formCache.set(i, forms);
    }
    return forms[id % FORMS_PER_SECRET]!;
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
      const form = this.form(m.id);
      if (kept.length && insideKept(m)) continue;
      const prev = m.start > 0 ? lowered[m.start - 1] : before !== undefined && before >= 0x41 && before <= 0x5a ? before + 0x20 : before;
      if (form.boundary && (isAlnum(prev) || isAlnum(lowered[m.end]))) continue;
      if (form.boundary && !final && m.end === lowered.length) continue;
      hits.push({ ...m, form });
    }
    for (const m of this.cs.findAll(data)) hits.push({ ...m, form: this.form(m.id) });
    const out = Buffer.from(data);
    if (!hits.length) return { out, chosen: [], kept };
    const byKey = new Map(hits.map((h) => [`${h.start}:${h.end}:${h.id}:${h.form.ci}`, h]));
    const chosen = selectNonOverlapping([...byKey.values()]) as Hit[];
    for (const m of chosen) {
      const original = data.subarray(m.start, m.end);
      if (m.form.ci) out.set(cased(original, m.form.replacement), m.start);
      else out.write(m.form.replacement, m.start, 'latin1');
    }
    return { out, chosen, kept };
  }
}
