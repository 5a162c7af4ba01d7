import { createHash } from 'node:crypto';
import { createWriteStream, promises as fsp, readdirSync, unlinkSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { TransformOptions } from 'node:stream';
import { constants as zlibConstants, createDeflateRaw, type ZlibOptions } from 'node:zlib';
import { GzipFrame, crc32 } from './gzip-frame.js';
import { END_OF_ARCHIVE, padding, paxEntryHeader, ustarHeader } from './tar-encoder.js';
import { RecordSpool } from './record-spool.js';
import { MANIFEST_NAME, PAX_SHA256, RATIO_CAP, isSafeEntryName, type ArtifactRecord, type Manifest } from './format.js';

const PARTIAL = /^(\d+)\.partial$/;
/** Temporary paths of writers open in this process. */
const openTmpPaths = new Set<string>();

/** Whether a process of that id exists (EPERM: it does, run by another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes `.<name>.<pid>.partial` files left beside outPath by writers that were killed (SIGKILL, power
 * loss): their pid is gone, or is this process's and no writer here owns the file.
 */
function removeStalePartials(outPath: string): void {
  const dir = dirname(outPath);
  const prefix = `.${basename(outPath)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = name.startsWith(prefix) ? PARTIAL.exec(name.slice(prefix.length))?.[1] : undefined;
    if (pid === undefined || openTmpPaths.has(join(dir, name))) continue;
    if (Number(pid) !== process.pid && processAlive(Number(pid))) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      /* someone else removed it, or it is not ours to remove */
    }
  }
}

/**
 * Writes a bundle in one streaming pass: entries go straight into tar → gzip → a temporary file beside
 * the output, which is renamed into place only by finish(). The manifest is the last entry.
 */
export interface WriterOptions {
  /** Replace an existing regular file at the output (default). False: an existing output is never touched. */
  overwrite?: boolean;
  /** The readers' compression-ratio cap the bundle must stay under (default: RATIO_CAP). */
  readableUnder?: RatioCap;
}

export interface FinishOptions {
  /**
   * Runs once the archive is complete on disk, before it is put in place; if it throws, no bundle is
   * left at the output (the redaction map is written here, so that a bundle never exists without it).
   */
  beforeCommit?: () => void | Promise<void>;
}

/** The output is in the way: something other than a regular file is there, or a file and overwrite is off. */
export class OutputExistsError extends Error {
  readonly code = 'EEXIST';
}

/**
 * Puts a finished temporary file at outPath. Never replaces a directory, a symbolic link or a device
 * node; replaces a regular file only when `overwrite`, and otherwise links without replacing (atomic: a
 * file created meanwhile is not clobbered).
 */
async function commit(tmpPath: string, outPath: string, overwrite: boolean): Promise<void> {
  const st = await fsp.lstat(outPath).catch(() => undefined);
  if (st && !st.isFile()) throw new OutputExistsError(`${outPath} is not a regular file; it was left as it is and no bundle was written there`);
  if (overwrite) return fsp.rename(tmpPath, outPath);
  if (st) throw new OutputExistsError(`${outPath} already exists; it was left as it is`);
  try {
    await fsp.link(tmpPath, outPath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new OutputExistsError(`${outPath} already exists; it was left as it is`);
    // Filesystems without hard links: checked just above, renamed now.
    if (code !== 'EPERM' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
    return fsp.rename(tmpPath, outPath);
  }
  await fsp.unlink(tmpPath);
}

/**
 * Tar bytes are handed to gzip in chunks of this size: gzip's cost is per write, and a bundle holds thousands of
 * small entries (512-byte headers, padding, tiny sysfs files).
 */
const CHUNK_BYTES = 64 * 1024;

/** Past half the readers' grace, the compression ratio is checked at each multiple of this many input bytes. */
const CHECK_BYTES = 1024 * 1024;

/** A large piece is handed over in slices of this size. */
const SLICE_BYTES = 4 * CHUNK_BYTES;

/** Room for a few chunks, so that the next is gathered while gzip compresses one (in the thread pool). */
const GZIP_LEVEL = 6;
const GZIP_OPTIONS: ZlibOptions & TransformOptions = { level: GZIP_LEVEL, writableHighWaterMark: 4 * CHUNK_BYTES };

/** The compression-ratio cap of whoever reads the bundle (bundle/reader.ts): its ratio, once that many bytes are inflated. */
export interface RatioCap {
  maxRatio: number;
  ratioGraceBytes: number;
}

export class BundleWriter {
  readonly tmpPath: string;
  /** Raw deflate, framed as gzip by GzipFrame: its level can change mid-stream. */
  private readonly gzip = createDeflateRaw(GZIP_OPTIONS);
  /** The chunk being filled, and how much of it is: entries are copied in, so a caller's buffer is never held. */
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  /** Entries are written one after another: a streamed one (addPieces) is several writes. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly done: Promise<void>;
  private readonly names = new Set<string>();
  private readonly spool = new RecordSpool();
  private failure: Error | undefined;
  private readonly abortError = new Error('aborted');
  private closed = false;
  bytes = 0;
  /** Tar bytes handed to gzip and their CRC-32, and the deflate bytes it passed on. */
  private inflated = 0;
  private crc = 0;
  private deflated = 0;
  private readonly frame = new GzipFrame(() => ({ crc: this.crc, length: this.inflated }));
  private level = GZIP_LEVEL;
  /** Half the readers' cap, for a margin: stored blocks are written while the bundle would inflate more than that. */
  private readonly safeRatio: number;
  private readonly safeGrace: number;

  /** Applied to each artifact's record before it is listed in the manifest (collect --redact redacts paths there). */
  recordFilter: ((record: ArtifactRecord) => ArtifactRecord) | undefined;

  constructor(
    readonly outPath: string,
    private readonly options: WriterOptions = {},
  ) {
    this.tmpPath = join(dirname(outPath), `.${basename(outPath)}.${process.pid}.partial`);
    removeStalePartials(outPath);
    openTmpPaths.add(this.tmpPath);
    const cap = options.readableUnder ?? RATIO_CAP;
    this.safeRatio = cap.maxRatio / 2;
    this.safeGrace = cap.ratioGraceBytes / 2;
    const out = createWriteStream(this.tmpPath, { flags: 'wx', mode: 0o600 });
    this.gzip.on('data', (c: Buffer) => void (this.deflated += c.length));
    this.done = pipeline(this.gzip, this.frame, out).catch((e: Error) => {
      if (e !== this.abortError) this.failure ??= e;
      throw e;
    });
    this.done.catch(() => undefined);
  }

  /** What broke the output stream (ENOSPC, EIO…), once it has broken. */
  get error(): Error | undefined {
    return this.failure;
  }

  /** The records written so far (read back from the spool on each call: meant for tests and small bundles). */
  get artifacts(): readonly ArtifactRecord[] {
    return this.spool.records();
  }

  get artifactCount(): number {
    return this.spool.count;
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  /** Adds one artifact; resolves once the bytes are handed to the compressor (backpressure). */
  async add(record: Omit<ArtifactRecord, 'size' | 'sha256'>, data: Uint8Array): Promise<ArtifactRecord> {
    if (this.failure) throw this.failure;
    if (!isSafeEntryName(record.name) || record.name === MANIFEST_NAME) {
      throw new Error(`refusing unsafe artifact name ${JSON.stringify(record.name)}`);
    }
    if (this.names.has(record.name)) throw new Error(`duplicate artifact ${record.name}`);
    this.names.add(record.name);
    const full: ArtifactRecord = {
      ...record,
      size: data.byteLength,
      sha256: createHash('sha256').update(data).digest('hex'),
    };
    await this.entry(record.name, data, full.sha256);
    this.spool.add(this.recordFilter ? this.recordFilter(full) : full);
    this.bytes += data.byteLength;
    return full;
  }

  /**
   * Adds one artifact whose bytes come in pieces (read back from a spool file), never held whole; size and
   * sha256 must be known beforehand, since tar puts both in front of the bytes.
   */
  async addPieces(record: Omit<ArtifactRecord, 'size' | 'sha256'>, size: number, sha256: string, pieces: Iterable<Buffer>): Promise<ArtifactRecord> {
    if (this.failure) throw this.failure;
    if (!isSafeEntryName(record.name) || record.name === MANIFEST_NAME) {
      throw new Error(`refusing unsafe artifact name ${JSON.stringify(record.name)}`);
    }
    if (this.names.has(record.name)) throw new Error(`duplicate artifact ${record.name}`);
    this.names.add(record.name);
    const full: ArtifactRecord = { ...record, size, sha256 };
    await this.serial(async () => {
      try {
        await this.write(paxEntryHeader(record.name, size, { [PAX_SHA256]: sha256 }));
        let written = 0;
        for (const p of pieces) {
          written += p.length;
          if (written > size) throw new Error(`${record.name}: more bytes than the ${size} announced`);
          await this.write(p);
        }
        if (written !== size) throw new Error(`${record.name}: ${written} bytes where ${size} were announced`);
        await this.write(padding(size));
      } catch (e) {
        // Half an entry is in the archive: nothing more may be written after it.
        this.failure ??= e as Error;
        this.gzip.destroy(e as Error);
        throw e;
      }
    });
    this.spool.add(this.recordFilter ? this.recordFilter(full) : full);
    this.bytes += size;
    return full;
  }

  /** Each entry also carries its own sha256 in a PAX record, so a truncated bundle stays verifiable entry by entry. */
  private entry(name: string, data: Uint8Array, sha256: string): Promise<void> {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return this.serial(() => this.write(paxEntryHeader(name, bytes.length, { [PAX_SHA256]: sha256 }), bytes, padding(bytes.length)));
  }

  /** Runs `work` once the entries before it are written. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Copies blocks into the chunk, handing each full chunk to the compressor; throws once the output has failed. */
  private async write(...blocks: Buffer[]): Promise<void> {
    if (this.failure) throw this.failure;
    for (const b of blocks) {
      if (b.length >= CHUNK_BYTES) {
        // A large piece goes whole (a copy: gzip holds it until compressed), after what is gathered before it.
        await this.handOver();
        // In slices, so that the compression ratio is kept (keepRatio) at a slice's grain, not a whole dump's.
        const copy = Buffer.from(b);
        for (let off = 0; off < copy.length; off += SLICE_BYTES) await this.compress(copy.subarray(off, off + SLICE_BYTES));
        continue;
      }
      for (let off = 0; off < b.length; ) {
        const n = b.copy(this.chunk, this.used, off);
        this.used += n;
        off += n;
        if (this.used === CHUNK_BYTES) await this.handOver();
      }
    }
  }

  /** Hands the gathered bytes to the compressor. */
  private async handOver(): Promise<void> {
    if (!this.used) return;
    const full = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    await this.compress(full);
  }

  /**
   * A bundle of outputs that compress beyond the readers' cap (a dump of zeros, a log of one line repeated) would be read
   * as a gzip bomb and refused. Past half the cap's grace, at each mebibyte of input, gzip's output so far is flushed and
   * counted: while the bytes would inflate more than half the cap's ratio, deflate writes stored blocks (the bundle's
   * size pays, between a 100th and a 50th of the bytes, instead of its readers losing them), and compresses again below
   * a quarter of it. The checks fall at the same bytes whatever the timing, so the same artifacts give the same bundle.
   */
  private async keepRatio(next: number): Promise<void> {
    const after = this.inflated + next;
    if (after <= this.safeGrace || this.gzip.destroyed) return;
    if (this.inflated > this.safeGrace && Math.floor(after / CHECK_BYTES) === Math.floor(this.inflated / CHECK_BYTES)) return;
    await new Promise<void>((resolve) => this.gzip.flush(zlibConstants.Z_SYNC_FLUSH, () => resolve()));
    const out = Math.max(1, this.deflated + this.gzip.readableLength);
    let level = this.level;
    if (after > this.safeRatio * out) level = 0;
    else if (after <= (this.safeRatio / 2) * out) level = GZIP_LEVEL;
    if (level === this.level || this.gzip.destroyed) return;
    this.level = level;
    await new Promise<void>((resolve) => this.gzip.params(level, zlibConstants.Z_DEFAULT_STRATEGY, resolve));
  }

  /** Writes to gzip, waiting while it is behind; throws once the output has failed. */
  private async compress(b: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    await this.keepRatio(b.length);
    this.inflated += b.length;
    this.crc = crc32(b, this.crc);
    if (!this.gzip.destroyed && !this.gzip.write(b)) {
      await new Promise<void>((resolve) => {
        const go = (): void => {
          this.gzip.off('drain', go);
          this.gzip.off('close', go);
          resolve();
        };
        this.gzip.on('drain', go);
        this.gzip.on('close', go);
      });
    }
    if (this.gzip.destroyed) {
      await this.done.catch(() => undefined);
      throw this.failure ?? this.abortError;
    }
  }

  /**
   * Writes the manifest (its artifact list one record per line, streamed rather than built as one
   * string), closes the archive and renames it into place.
   */
  async finish(manifest: Omit<Manifest, 'artifacts'>, o: FinishOptions = {}): Promise<Manifest> {
    const head = Buffer.from(JSON.stringify(manifest).slice(0, -1) + ',"artifacts":[\n');
    const tail = Buffer.from('\n]}\n');
    const size = head.length + this.spool.bytes + tail.length;
    await this.serial(async () => {
      await this.write(ustarHeader(MANIFEST_NAME, size, '0')!);
      await this.write(head);
      for await (const chunk of this.spool.stream()) await this.write(chunk as Buffer);
      await this.write(tail);
      await this.write(padding(size));
      await this.write(END_OF_ARCHIVE);
      await this.handOver();
    });
    this.gzip.end();
    this.closed = true;
    await this.done;
    await o.beforeCommit?.();
    await commit(this.tmpPath, this.outPath, this.options.overwrite ?? true);
    openTmpPaths.delete(this.tmpPath);
    // A large list stays in its spool file (removed when the process exits), read only if someone asks.
    let parsed: ArtifactRecord[] | undefined;
    return Object.defineProperty({ ...manifest } as Manifest, 'artifacts', {
      enumerable: true,
      get: () => (parsed ??= this.spool.records()),
    });
  }

  /** Abandons the bundle: nothing is left at the output path or the temporary path. */
  async abort(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.gzip.destroy(this.abortError);
    }
    await this.done.catch(() => undefined);
    await fsp.rm(this.tmpPath, { force: true });
    openTmpPaths.delete(this.tmpPath);
    this.spool.dispose();
  }
}
