import { Transform, type TransformCallback } from 'node:stream';

/**
 * Gathers the many small pieces tar produces (512-byte headers, padding, tiny sysfs files) into larger
 * chunks before compression: gzip's cost is per write, and a bundle holds tens of thousands of entries.
 */
export class Coalesce extends Transform {
  private parts: Buffer[] = [];
  private size = 0;

  constructor(private readonly chunkBytes = 64 * 1024) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.parts.push(chunk);
    this.size += chunk.length;
    if (this.size >= this.chunkBytes) this.push(this.drain());
    cb();
  }

  override _flush(cb: TransformCallback): void {
    if (this.size) this.push(this.drain());
    cb();
  }

  private drain(): Buffer {
    const out = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    return out;
  }
}
