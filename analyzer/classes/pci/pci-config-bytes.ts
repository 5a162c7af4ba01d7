/** Bounded little-endian access to a config space dump, and bit-field helpers for the PCI decoders. */

/** A read past the end of the dump; caught by the capability walker and turned into an anomaly. */
export class BeyondDump extends Error {
  constructor(readonly offset: number) {
    super(`offset 0x${offset.toString(16)} is beyond the dump`);
  }
}

export class ConfigBytes {
  constructor(private readonly buf: Uint8Array) {}

  get length(): number {
    return this.buf.length;
  }

  has(offset: number, size: number): boolean {
    return offset >= 0 && offset + size <= this.buf.length;
  }

  u8(offset: number): number {
    if (!this.has(offset, 1)) throw new BeyondDump(offset);
    return this.buf[offset]!;
  }

  u16(offset: number): number {
    if (!this.has(offset, 2)) throw new BeyondDump(offset);
    return this.buf[offset]! | (this.buf[offset + 1]! << 8);
  }

  u32(offset: number): number {
    if (!this.has(offset, 4)) throw new BeyondDump(offset);
    return (this.buf[offset]! | (this.buf[offset + 1]! << 8) | (this.buf[offset + 2]! << 16) | (this.buf[offset + 3]! << 24)) >>> 0;
  }
}

export const bit = (value: number, n: number): boolean => ((value >>> n) & 1) === 1;

/** Bits hi..lo (inclusive) of value, shifted down. */
export const field = (value: number, hi: number, lo: number): number => (value >>> lo) & (2 ** (hi - lo + 1) - 1);

/** A register together with the names of its set bits, as lspci names them. */
export interface BitSet {
  raw: number;
  set: string[];
}

export function bitSet(raw: number, names: readonly (readonly [number, string])[]): BitSet {
  return { raw, set: names.filter(([n]) => bit(raw, n)).map(([, name]) => name) };
}

/** Link speed encodings of LnkCap/LnkSta/LnkCtl2 (and LnkCap2 vector bit n+1), in GT/s. */
const SPEEDS_GTS = [2.5, 5, 8, 16, 32, 64] as const;

export function linkSpeedGts(code: number): number | null {
  return SPEEDS_GTS[code - 1] ?? null;
}

export function supportedSpeedsGts(vector: number): number[] {
  return SPEEDS_GTS.filter((_, i) => bit(vector, i));
}

export const hex = (n: number, width = 2): string => `0x${n.toString(16).padStart(width, '0')}`;
