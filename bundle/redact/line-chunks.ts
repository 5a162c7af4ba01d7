/**
 * Cuts a byte stream into pieces that end at a newline, so that pattern searches that never cross a line
 * see whole lines. A line longer than maxLine is cut where a word ends (or, failing that, anywhere that is
 * not inside a UTF-8 character), so a huge line costs no more memory than a short one.
 */
export class LineChunks {
  private parts: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly target = 1024 * 1024,
    private readonly maxLine = 1024 * 1024,
  ) {}

  /** Whole pieces ready after adding `chunk`. */
  push(chunk: Buffer): Buffer[] {
    this.parts.push(chunk);
    this.size += chunk.length;
    if (this.size < this.target) return [];
    const buf = Buffer.concat(this.parts, this.size);
    const out: Buffer[] = [];
    let from = 0;
    const nl = buf.lastIndexOf(0x0a);
    if (nl !== -1) {
      out.push(buf.subarray(0, nl + 1));
      from = nl + 1;
    }
    while (buf.length - from >= this.maxLine) {
      const at = cutPoint(buf, from + this.maxLine, from);
      out.push(buf.subarray(from, at));
      from = at;
    }
    const rest = buf.subarray(from);
    this.parts = rest.length ? [Buffer.from(rest)] : [];
    this.size = rest.length;
    return out;
  }

  end(): Buffer[] {
    const out = this.size ? [Buffer.concat(this.parts, this.size)] : [];
    this.parts = [];
    this.size = 0;
    return out;
  }
}

const WORD = /[0-9A-Za-z:._\-]/;

/** A place at or before `at` (after `min`) that is not inside a word or a UTF-8 sequence. */
function cutPoint(buf: Buffer, at: number, min: number): number {
  for (let i = at; i > Math.max(min, at - 4096); i--) {
    if (!WORD.test(String.fromCharCode(buf[i - 1]!)) && (buf[i]! & 0xc0) !== 0x80) return i;
  }
  let i = at;
  while (i > min + 1 && (buf[i]! & 0xc0) === 0x80) i--;
  return i;
}
