import { ParseError } from './errors.js';

/** Throws unless `buf` holds at least `min` bytes. */
export function requireLength(parser: string, buf: Buffer, min: number, what = 'input'): void {
  if (buf.length < min) throw new ParseError(parser, `${what} is ${buf.length} bytes, expected at least ${min}`, buf.length);
}

/** A fixed-size C string field: up to the first NUL, or the whole field when it has none. */
export function cString(buf: Buffer, offset: number, size: number): string {
  const field = buf.subarray(offset, offset + size);
  const nul = field.indexOf(0);
  return field.subarray(0, nul < 0 ? field.length : nul).toString('latin1');
}

/** A space-padded ASCII field (NVMe, ATA): NULs and trailing spaces dropped. */
export function paddedAscii(buf: Buffer, offset: number, size: number): string {
  return cString(buf, offset, size).replace(/ +$/, '');
}

/** Unsigned little-endian integer of any byte width (128-bit NVMe counters), as a bigint. */
export function uintLE(buf: Buffer, offset: number, size: number): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(buf[offset + i]!);
  return v;
}

/** A bigint as a number when it is exactly representable, else as its decimal string. */
export function safeNumber(v: bigint): number | string {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}

export const hex = (n: number, width = 0): string => `0x${n.toString(16).padStart(width, '0')}`;
