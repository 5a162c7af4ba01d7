/** Little helpers to build and read the fixed-layout C structs of the fake kernel and the tests. */

/** A fixed-length field holding `s`, padded with `pad` (NUL for ethtool, space for NVMe Identify). */
export function field(s: string, len: number, pad = 0): Buffer {
  const b = Buffer.alloc(len, pad);
  b.write(s.slice(0, len), 'latin1');
  return b;
}

export function cString(b: Buffer, offset: number, len: number): string {
  const f = b.subarray(offset, offset + len);
  const nul = f.indexOf(0);
  return f.subarray(0, nul < 0 ? len : nul).toString('latin1');
}

export function u32s(values: readonly number[]): Buffer {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32LE(v >>> 0, i * 4));
  return b;
}

/** A little-endian unsigned integer of `len` bytes (NVMe 128-bit counters). */
export function uintLE(value: bigint, len: number): Buffer {
  const b = Buffer.alloc(len);
  for (let i = 0; i < len; i++) b[i] = Number((value >> BigInt(8 * i)) & 0xffn);
  return b;
}
