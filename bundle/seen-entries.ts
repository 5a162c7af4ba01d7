/**
 * What the reader remembers of every entry until the manifest (the last entry) can be checked: its size,
 * its sha256 and a few flags, in typed arrays indexed through one map of names. A bundle of 210,000 entries
 * held an object and a 64-character hex string for each: about 150 bytes an entry more than this.
 */
const GROW = 4096;

export const SELF_OK = 1;
export const CORRUPT = 2;
export const LISTED = 4;
export const VERIFIED = 8;

export class SeenEntries {
  private readonly index = new Map<string, number>();
  private digests = Buffer.alloc(32 * GROW);
  private sizes = new Float64Array(GROW);
  private flags = new Uint8Array(GROW);

  get count(): number {
    return this.index.size;
  }

  has(name: string): boolean {
    return this.index.has(name);
  }

  /** The entry's slot, or -1. */
  find(name: string): number {
    return this.index.get(name) ?? -1;
  }

  add(name: string, sha256: string, size: number, flags: number): void {
    const i = this.index.size;
    if (i === this.sizes.length) this.grow();
    this.index.set(name, i);
    this.digests.write(sha256, i * 32, 32, 'hex');
    this.sizes[i] = size;
    this.flags[i] = flags;
  }

  private grow(): void {
    const n = this.sizes.length * 2;
    const digests = Buffer.alloc(32 * n);
    this.digests.copy(digests);
    this.digests = digests;
    const sizes = new Float64Array(n);
    sizes.set(this.sizes);
    this.sizes = sizes;
    const flags = new Uint8Array(n);
    flags.set(this.flags);
    this.flags = flags;
  }

  sha256(i: number): string {
    return this.digests.toString('hex', i * 32, i * 32 + 32);
  }

  size(i: number): number {
    return this.sizes[i]!;
  }

  is(i: number, flag: number): boolean {
    return (this.flags[i]! & flag) !== 0;
  }

  mark(i: number, flag: number): void {
    this.flags[i]! |= flag;
  }

  /** Names (the strings the entries were read under) with every one of `flag`'s bits set, or none of `unset`'s. */
  *names(flag: number, set = true): Generator<string> {
    for (const [name, i] of this.index) if (this.is(i, flag) === set) yield name;
  }
}
