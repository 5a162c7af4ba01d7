import { isUtf8 } from 'node:buffer';

/**
 * Checks a byte stream is UTF-8 as it passes, piece by piece (a character may be split between pieces), and
 * says at which byte it first is not. Encoded surrogates (ED A0 80…) are not UTF-8.
 */
export class Utf8Check {
  private carry = Buffer.alloc(0);
  private offset = 0;
  /** The offset of the first byte that is not UTF-8, once one was seen. */
  badAt?: number;

  write(chunk: Buffer): void {
    if (this.badAt !== undefined) return;
    const piece = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeEnd(piece);
    if (!isUtf8(piece.subarray(0, cut))) {
      this.badAt = this.offset + firstBad(piece.subarray(0, cut));
      return;
    }
    this.offset += cut;
    this.carry = Buffer.from(piece.subarray(cut));
  }

  end(): void {
    if (this.badAt === undefined && this.carry.length) this.badAt = this.offset;
  }
}

/** Where the last character that may still continue in the next piece begins (the piece's length if none). */
function completeEnd(b: Buffer): number {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const c = b[b.length - back]!;
    if ((c & 0xc0) === 0x80) continue;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > back ? b.length - back : b.length;
  }
  return b.length;
}

/** The offset of the first byte of `b` (known not to be UTF-8) that starts no valid character. */
function firstBad(b: Buffer): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const need = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
    if (need === 0 || i + need > b.length || !isUtf8(b.subarray(i, i + need))) return i;
    i += need;
  }
  return b.length;
}
