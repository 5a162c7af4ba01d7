import { Transform, type TransformCallback } from 'node:stream';

/**
 * Largest PAX or GNU long-name header a bundle may hold. fwsnap writes a name (at most 4,096 bytes) and an
 * sha256 record; tar tools add times and extended attributes. tar-stream buffers up to 4 MiB per header.
 */
export const MAX_LONG_HEADER_BYTES = 1024 * 1024;

const BLOCK = 512;
const padding = (size: number): number => (size % BLOCK ? BLOCK - (size % BLOCK) : 0);

/** A numeric header field as tar-stream reads it: octal text, or base-256 when the first byte has its top bit set. */
function numeric(block: Buffer, offset: number, length: number): number {
  const v = block.subarray(offset, offset + length);
  if (v[0]! & 0x80) {
    if (v[0] !== 0x80) return NaN;
    let n = 0;
    for (let i = 1; i < v.length; i++) n = n * 256 + v[i]!;
    return n;
  }
  let start = 0;
  while (start < v.length && v[start] === 0x20) start++;
  let end = v.indexOf(0x20, start);
  if (end < 0) end = v.length;
  while (start < end && v[start] === 0) start++;
  if (end === start) return 0;
  return parseInt(v.subarray(start, end).toString('latin1'), 8);
}

function checksum(block: Buffer): number {
  let sum = 8 * 32;
  for (let i = 0; i < 148; i++) sum += block[i]!;
  for (let i = 156; i < BLOCK; i++) sum += block[i]!;
  return sum;
}

/** The `size` record of PAX data, read the way tar-stream reads records (the last one wins). */
function paxSize(data: Buffer): string | undefined {
  let size: string | undefined;
  let rest = data;
  while (rest.length) {
    let i = 0;
    while (i < rest.length && rest[i] !== 0x20) i++;
    const len = parseInt(rest.subarray(0, i).toString(), 10);
    if (!len) break;
    const record = rest.subarray(i + 1, len - 1).toString();
    const eq = record.indexOf('=');
    if (eq === -1) break;
    if (record.slice(0, eq) === 'size') size = record.slice(eq + 1);
    rest = rest.subarray(len);
  }
  return size;
}

type LongKind = 'pax' | 'pax-global' | 'gnu-long-name';

/**
 * Follows the tar stream's headers on their way to tar-stream and ends the stream before a PAX or GNU
 * long-name header larger than MAX_LONG_HEADER_BYTES: tar-stream would buffer it whole (up to 4 MiB each,
 * and the names they carry live on). What comes before it is passed on and read; `refused` says why
 * reading stopped. Where tar-stream itself will fail (bad checksum, unknown format, invalid size), the guard
 * stops following and passes the rest through for tar-stream to report.
 */
export class TarHeaderGuard extends Transform {
  /** Why the stream was ended early, if it was. */
  refused?: string;
  private block = Buffer.alloc(0);
  private skip = 0;
  private long?: { kind: LongKind; size: number; chunks: Buffer[]; got: number };
  private pax?: string;
  private paxGlobal?: string;
  private sawPax = false;
  private lost = false;
  private zeros = 0;
  /** Two zero blocks ended the archive: what follows is not passed on. */
  ended = false;
  /** What came after the end: the first entry's name, or only the bytes that were not zero. */
  afterEnd?: { entry?: string; bytes: number };

  constructor(private readonly maxLong = MAX_LONG_HEADER_BYTES) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (this.refused !== undefined) return cb();
    if (this.lost) return cb(null, chunk);
    let off = 0;
    while (off < chunk.length && !this.lost) {
      if (this.long) {
        const n = Math.min(this.long.size - this.long.got, chunk.length - off);
        this.long.chunks.push(chunk.subarray(off, off + n));
        this.long.got += n;
        off += n;
        if (this.long.got === this.long.size) this.endLong();
      } else if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - off);
        this.skip -= n;
        off += n;
      } else {
        const start = off - this.block.length;
        const n = Math.min(BLOCK - this.block.length, chunk.length - off);
        this.block = Buffer.concat([this.block, chunk.subarray(off, off + n)]);
        off += n;
        if (this.block.length < BLOCK) break;
        if (this.ended) {
          this.past(this.block);
          this.block = Buffer.alloc(0);
          continue;
        }
        const refusal = this.header(this.block);
        this.block = Buffer.alloc(0);
        if (refusal) {
          this.refused = refusal;
          // The header may have begun in an earlier chunk, already passed on: tar-stream then sees the end
          // of the stream inside a header, which it reports as truncation; the refusal is reported first.
          if (start > 0) this.push(chunk.subarray(0, start));
          this.push(null);
          return cb();
        }
        if (this.ended) {
          // Passed on up to the end blocks; tar-stream would read on past them (GNU tar stops).
          if (start + BLOCK > 0) this.push(chunk.subarray(0, start + BLOCK));
          this.block = Buffer.alloc(0);
          return this.pastRest(chunk.subarray(off), cb);
        }
      }
    }
    cb(null, this.ended ? undefined : chunk);
  }

  private pastRest(rest: Buffer, cb: TransformCallback): void {
    this._transform(rest, 'binary', cb);
  }

  /** A block after the end of the archive: an entry's header there is named, other bytes counted. */
  private past(b: Buffer): void {
    if (b.every((x) => x === 0)) return;
    const seen = (this.afterEnd ??= { bytes: 0 });
    seen.bytes += BLOCK;
    if (seen.entry === undefined && checksum(b) === numeric(b, 148, 8) && b.toString('latin1', 257, 262) === 'ustar' && !'xgLK'.includes(String.fromCharCode(b[156]!))) {
      const end = b.indexOf(0);
      seen.entry = b.toString('utf8', 0, end < 0 || end > 100 ? 100 : end);
    }
  }

  private endLong(): void {
    const long = this.long!;
    this.long = undefined;
    this.skip = padding(long.size);
    if (long.kind === 'gnu-long-name') return;
    const size = paxSize(Buffer.concat(long.chunks));
    if (long.kind === 'pax-global') this.paxGlobal = size;
    else {
      this.sawPax = true;
      this.pax = size ?? this.paxGlobal;
    }
  }

  /** Reads one header block; a refusal message when reading must stop before it. */
  private header(b: Buffer): string | undefined {
    const sum = checksum(b);
    if (sum === 8 * 32 && b.every((x) => x === 0)) {
      if (++this.zeros === 2) this.ended = true;
      return undefined;
    }
    this.zeros = 0;
    if (sum === 8 * 32) return undefined;
    const ustar = b.toString('latin1', 257, 263) === 'ustar\0';
    const gnu = b.toString('latin1', 257, 263) === 'ustar ' && b.toString('latin1', 263, 265) === ' \0';
    if (sum !== numeric(b, 148, 8) || (!ustar && !gnu)) {
      this.lost = true;
      return undefined;
    }
    const flag = b[156] === 0 ? 0 : b[156]! - 48;
    const size = numeric(b, 124, 12);
    const kind: LongKind | undefined = flag === 72 ? 'pax' : flag === 55 ? 'pax-global' : flag === 27 || flag === 28 || flag === 30 ? 'gnu-long-name' : undefined;
    if (kind) {
      if (size > this.maxLong) return `a ${kind === 'gnu-long-name' ? 'GNU long-name' : 'PAX'} header of ${size} bytes, over the limit of ${this.maxLong}; stopped reading`;
      if (!(size > 0)) {
        this.lost = true;
        return undefined;
      }
      this.long = { kind, size, chunks: [], got: 0 };
      return undefined;
    }
    const nameEnd = b.indexOf(0, 0) < 0 || b.indexOf(0, 0) > 100 ? 100 : b.indexOf(0, 0);
    const directory = flag === 5 || (flag === 0 && ((nameEnd > 0 && b[nameEnd - 1] === 0x2f) || (nameEnd === 0 && ustar && b[345] !== 0)));
    const pax = this.sawPax ? this.pax : undefined;
    this.sawPax = false;
    this.pax = undefined;
    const dataSize = pax ? parseInt(pax, 10) : size;
    if (!(dataSize >= 0)) {
      this.lost = true;
      return undefined;
    }
    this.skip = directory || dataSize === 0 ? 0 : dataSize + padding(dataSize);
    return undefined;
  }
}
