import { randomBytes } from 'node:crypto';

/**
 * Entry names interned once, each given an ordinal (0, 1, 2… in the order first named). The reader's record of
 * the entries, the analyzer's spool of kept entries and the fact sink's artifact numbers keep columns indexed
 * by this ordinal instead of a map of names each: a bundle of 300,000 entries held three such maps and some
 * names twice.
 */
export class NameIndex {
  private readonly list: string[] = [];
  /** Open addressing, linear probing: the ordinal + 1 of the name hashed to each slot, 0 where none is. */
  private slots = new Int32Array(1024);
  /** Each name's hash, by ordinal: growing the table and passing over other names need no string read. */
  private readonly hashes = new NumberColumn(Int32Array);
  /** A key of this index alone: names that collide (a hostile bundle's) cannot be chosen without it. */
  private readonly k0: number;
  private readonly k1: number;
  /** The name asked for last and its ordinal: its users ask for one name several times in a row. */
  private lastName: string | undefined;
  private lastOrdinal = -1;

  constructor() {
    const key = randomBytes(8);
    this.k0 = key.readInt32LE(0);
    this.k1 = key.readInt32LE(4);
  }

  get size(): number {
    return this.list.length;
  }

  /** The name's ordinal, or -1. */
  find(name: string): number {
    if (name === this.lastName) return this.lastOrdinal;
    const i = this.slots[this.slotOf(name, this.hash(name))]! - 1;
    if (i >= 0) this.remember(name, i);
    return i;
  }

  /** The name's ordinal, given now if it has none. */
  intern(name: string): number {
    if (name === this.lastName) return this.lastOrdinal;
    const h = this.hash(name);
    const s = this.slotOf(name, h);
    const o = this.slots[s]!;
    if (o !== 0) return this.remember(name, o - 1);
    this.hashes.set(this.list.length, h);
    this.list.push(name);
    this.slots[s] = this.list.length;
    if (this.list.length * 10 > this.slots.length * 7) this.rehash();
    return this.remember(name, this.list.length - 1);
  }

  private remember(name: string, i: number): number {
    this.lastName = name;
    this.lastOrdinal = i;
    return i;
  }

  name(i: number): string {
    return this.list[i]!;
  }

  private hash(name: string): number {
    return halfSipHash(name, this.k0, this.k1) | 0;
  }

  /** The slot holding `name` (whose hash is h), or the empty slot where it would go. */
  private slotOf(name: string, h: number): number {
    const { slots, list, hashes } = this;
    const mask = slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const o = slots[s]!;
      if (o === 0 || (hashes.get(o - 1) === h && list[o - 1] === name)) return s;
    }
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let i = 0; i < this.list.length; i++) {
      let s = this.hashes.get(i) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = i + 1;
    }
    this.slots = slots;
  }
}

const rotl = (x: number, b: number): number => (x << b) | (x >>> (32 - b));

/** The hash's four state words, reused by every call (nothing is allocated per name). */
const v = new Int32Array(4);

function sipRounds(n: number): void {
  for (let r = 0; r < n; r++) {
    v[0] = v[0]! + v[1]!; v[1] = rotl(v[1]!, 5) ^ v[0]; v[0] = rotl(v[0], 16);
    v[2] = v[2]! + v[3]!; v[3] = rotl(v[3]!, 8) ^ v[2];
    v[0] = v[0] + v[3]; v[3] = rotl(v[3], 7) ^ v[0];
    v[2] = v[2] + v[1]; v[1] = rotl(v[1], 13) ^ v[2]; v[2] = rotl(v[2], 16);
  }
}

/**
 * HalfSipHash-c-d (Aumasson and Bernstein's keyed hash on 32-bit words; 1-3 is what the Linux kernel uses for
 * hash tables) of a string's UTF-16 code units, each read as two little-endian bytes: the same value as the
 * reference implementation gives for those bytes.
 */
export function halfSipHash(text: string, k0: number, k1: number, c = 1, d = 3): number {
  v[0] = k0;
  v[1] = k1;
  v[2] = 0x6c796765 ^ k0;
  v[3] = 0x74656462 ^ k1;
  const n = text.length;
  const whole = n & ~1;
  for (let i = 0; i <= whole; i += 2) {
    // The last word holds the length in bytes (its low 8 bits) and the odd code unit left, if any.
    const m = i < whole ? text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16) : (i < n ? text.charCodeAt(i) : 0) | ((2 * n) << 24);
    v[3] ^= m;
    sipRounds(c);
    v[0] ^= m;
  }
  v[2] ^= 0xff;
  sipRounds(d);
  return (v[1]! ^ v[3]!) >>> 0;
}

const SHIFT = 14;
/** Slots a column allocates at a time: a column never copies itself to grow, and wastes at most one chunk. */
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;

/** Numbers by ordinal, 0 where none was set. */
export class NumberColumn {
  private readonly chunks: (Float64Array | Int32Array | Uint8Array)[] = [];

  /** `kind`: what each slot holds (Int32: up to 2^31, Uint8: flags). */
  constructor(private readonly kind: typeof Float64Array | typeof Int32Array | typeof Uint8Array = Float64Array) {}

  get(i: number): number {
    return this.chunks[i >>> SHIFT]?.[i & MASK] ?? 0;
  }

  set(i: number, v: number): void {
    const k = i >>> SHIFT;
    while (this.chunks.length <= k) this.chunks.push(new this.kind(CHUNK));
    this.chunks[k]![i & MASK] = v;
  }
}

/** Byte strings of one width by ordinal (a sha256 each), zero bytes where none was set. */
export class BytesColumn {
  private readonly chunks: Buffer[] = [];

  constructor(private readonly width: number) {}

  set(i: number, hex: string): void {
    const k = i >>> SHIFT;
    while (this.chunks.length <= k) this.chunks.push(Buffer.alloc(CHUNK * this.width));
    this.chunks[k]!.write(hex, (i & MASK) * this.width, this.width, 'hex');
  }

  hex(i: number): string {
    const chunk = this.chunks[i >>> SHIFT];
    const at = (i & MASK) * this.width;
    return chunk ? chunk.toString('hex', at, at + this.width) : '00'.repeat(this.width);
  }
}
