import { Transform, type TransformCallback } from 'node:stream';
import * as zlib from 'node:zlib';

/**
 * A gzip member (RFC 1952) around a raw deflate stream. Node's gzip streams ignore params() (a level change mid-stream
 * takes effect on deflate streams only), so the writer deflates raw and frames the member itself: this header, then
 * the deflate bytes, then the CRC-32 and length of the uncompressed bytes, which the writer counts as it hands them over.
 */

/** Magic, deflate, no flags, no mtime (bundles of the same bytes are the same bytes), no extra flags, Unix. */
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);

const TABLE = ((): Uint32Array => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** Node before 20.15 has no zlib.crc32. */
function tableCrc32(data: Uint8Array, value = 0): number {
  let c = ~value >>> 0;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

const zlibCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
export const crc32: (data: Uint8Array, value?: number) => number = zlibCrc32 ?? tableCrc32;

/** What the member's trailer states: the uncompressed bytes' CRC-32 and length. */
export interface Uncompressed {
  crc: number;
  length: number;
}

/** Puts the header before the deflate bytes and the trailer after them. */
export class GzipFrame extends Transform {
  private started = false;
  constructor(private readonly uncompressed: () => Uncompressed) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.start();
    cb(null, chunk);
  }
  override _flush(cb: TransformCallback): void {
    this.start();
    const { crc, length } = this.uncompressed();
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc >>> 0, 0);
    trailer.writeUInt32LE(length % 2 ** 32, 4);
    cb(null, trailer);
  }
  private start(): void {
    if (this.started) return;
    this.started = true;
    this.push(HEADER);
  }
}
