/**
 * Bit fields in NVIDIA's ADB notation: offset `0xB.b` names byte B and bit b counted from the LSB of the
 * big-endian dword starting at B. mstflint's generated unpackers turn that into an MSB-first bit address
 * `B*8 + (32 - b - size)` for fields narrower than a dword; wider fields start at bit b of byte B.
 */
export function msbAddress(byte: number, bit: number, sizeBits: number): number {
  return sizeBits >= 32 ? byte * 8 + bit : byte * 8 + (32 - bit - sizeBits);
}

/** Reads `sizeBits` (≤ 53) bits starting at MSB-first bit `address`; undefined when past the end. */
export function readBits(data: Buffer, address: number, sizeBits: number): number | undefined {
  if (sizeBits <= 0 || sizeBits > 53 || address < 0 || address + sizeBits > data.length * 8) return undefined;
  let v = 0;
  for (let i = 0; i < sizeBits; i++) {
    const a = address + i;
    v = v * 2 + ((data[a >> 3]! >> (7 - (a & 7))) & 1);
  }
  return v;
}

/** Like readBits, for fields wider than 53 bits. */
export function readBitsBig(data: Buffer, address: number, sizeBits: number): bigint | undefined {
  if (sizeBits <= 0 || address < 0 || address + sizeBits > data.length * 8) return undefined;
  let v = 0n;
  for (let i = 0; i < sizeBits; i++) {
    const a = address + i;
    v = (v << 1n) | BigInt((data[a >> 3]! >> (7 - (a & 7))) & 1);
  }
  return v;
}
