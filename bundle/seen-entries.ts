import { BytesColumn, NameIndex, NumberColumn } from './name-index.js';

/**
 * What the reader remembers of every entry until the manifest (the last entry) can be checked: its size,
 * its sha256 and a few flags, in columns indexed by the entry's ordinal in a name index (shared with the
 * caller's own records of the entries, when it passes one). A bundle of 210,000 entries held an object and
 * a 64-character hex string for each: about 150 bytes an entry more than this.
 */
export const SELF_OK = 1;
export const CORRUPT = 2;
export const LISTED = 4;
export const VERIFIED = 8;
/** The entry was read (the index also holds names its other users gave an ordinal). */
const SEEN = 16;

/** A read-only set of entry names: those of a name index with a flag set. */
export interface NameSet extends Iterable<string> {
  readonly size: number;
  has(name: string): boolean;
}

export class SeenEntries {
  private seen = 0;
  private readonly digests = new BytesColumn(32);
  private readonly sizes = new NumberColumn(Float64Array);
  private readonly flags = new NumberColumn(Uint8Array);

  constructor(readonly index = new NameIndex()) {}

  get count(): number {
    return this.seen;
  }

  has(name: string): boolean {
    return this.find(name) >= 0;
  }

  /** The entry's slot (its ordinal in the index), or -1 if it was not read. */
  find(name: string): number {
    const i = this.index.find(name);
    return i >= 0 && this.is(i, SEEN) ? i : -1;
  }

  add(name: string, sha256: string, size: number, flags: number): void {
    const i = this.index.intern(name);
    this.seen++;
    this.digests.set(i, sha256);
    this.sizes.set(i, size);
    this.flags.set(i, flags | SEEN);
  }

  sha256(i: number): string {
    return this.digests.hex(i);
  }

  size(i: number): number {
    return this.sizes.get(i);
  }

  is(i: number, flag: number): boolean {
    return (this.flags.get(i) & flag) !== 0;
  }

  mark(i: number, flag: number): void {
    this.flags.set(i, this.flags.get(i) | flag);
  }

  /** Names (the strings the entries were first read or named under) of the entries read with `flag` set, or unset. */
  *names(flag: number, set = true): Generator<string> {
    for (let i = 0; i < this.index.size; i++) if (this.is(i, SEEN) && this.is(i, flag) === set) yield this.index.name(i);
  }

  /** The entries read with `flag` set, as a set that keeps only the flags (not the sizes and digests). */
  nameSet(flag: number): NameSet {
    const { index, flags } = this;
    const want = SEEN | flag;
    const has = (i: number): boolean => i >= 0 && (flags.get(i) & want) === want;
    let size = 0;
    for (let i = 0; i < index.size; i++) if (has(i)) size++;
    return {
      size,
      has: (name) => has(index.find(name)),
      *[Symbol.iterator]() {
        for (let i = 0; i < index.size; i++) if (has(i)) yield index.name(i);
      },
    };
  }
}

/** A name set of no names. */
export const NO_NAMES: NameSet = { size: 0, has: () => false, *[Symbol.iterator]() {} };
