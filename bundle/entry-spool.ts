import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntrySink } from './reader.js';

/** Where one stored entry lives: at an offset of a memory block (block ≥ 0), or of the spool file (block -1). */
interface Place {
  block: number;
  offset: number;
  length: number;
}

/** Small entries kept in memory share blocks of this size (a Buffer each would cost more than most entries). */
const BLOCK = 1024 * 1024;

/** The spool could not be written (a full or read-only TMPDIR): not a problem of the bundle. */
export class SpoolError extends Error {}

/**
 * Entries of a bundle kept for later reading without holding them all in memory: small entries stay in
 * memory up to a global byte budget, everything else goes to one private temporary file that is unlinked
 * as soon as it is open (nothing is left behind, even after SIGKILL). Reading an entry back costs one read.
 */
export class EntrySpool {
  private fd: number | undefined;
  private end = 0;
  private memBytes = 0;
  private readonly places = new Map<string, Place>();
  private readonly blocks: Buffer[] = [];
  private blockUsed = BLOCK;

  constructor(
    private readonly memBudget = 32 * 1024 * 1024,
    private readonly memEntryMax = 256 * 1024,
  ) {}

  private file(): number {
    if (this.fd !== undefined) return this.fd;
    try {
      const dir = mkdtempSync(join(tmpdir(), 'fwsnap-spool-'));
      const path = join(dir, 'entries');
      this.fd = openSync(path, 'wx+', 0o600);
      unlinkSync(path);
      rmSync(dir, { recursive: true, force: true });
      return this.fd;
    } catch (e) {
      throw new SpoolError(`cannot create a temporary file in ${tmpdir()} (set TMPDIR elsewhere): ${(e as Error).message}`);
    }
  }

  private append(chunk: Buffer): void {
    const fd = this.file();
    try {
      for (let off = 0; off < chunk.length; ) off += writeSync(fd, chunk, off, chunk.length - off, this.end + off);
    } catch (e) {
      throw new SpoolError(`cannot write the temporary file in ${tmpdir()} (set TMPDIR elsewhere): ${(e as Error).message}`);
    }
    this.end += chunk.length;
  }

  /** A sink storing one entry under `name` once it ends; `size` is what its header declares. */
  sink(name: string, size: number): EntrySink {
    const inMemory = size <= this.memEntryMax && this.memBytes + size <= this.memBudget;
    const start = this.end;
    let chunks: Buffer[] = [];
    let length = 0;
    return {
      write: (c) => {
        length += c.length;
        if (inMemory) chunks.push(c);
        else this.append(c);
      },
      end: () => {
        if (inMemory) {
          if (this.blockUsed + length > BLOCK) {
            this.blocks.push(Buffer.allocUnsafe(Math.max(BLOCK, length)));
            this.blockUsed = 0;
          }
          const block = this.blocks.length - 1;
          let at = this.blockUsed;
          for (const c of chunks) at += c.copy(this.blocks[block]!, at);
          this.places.set(name, { block, offset: this.blockUsed, length });
          this.blockUsed = at;
          this.memBytes += length;
        } else this.places.set(name, { block: -1, offset: start, length });
        chunks = [];
      },
      drop: () => {
        chunks = [];
      },
    };
  }

  has(name: string): boolean {
    return this.places.has(name);
  }

  names(): string[] {
    return [...this.places.keys()];
  }

  size(name: string): number | undefined {
    return this.places.get(name)?.length;
  }

  delete(name: string): void {
    const p = this.places.get(name);
    if (p && p.block >= 0) this.memBytes -= p.length;
    this.places.delete(name);
  }

  get(name: string): Buffer | undefined {
    const p = this.places.get(name);
    if (!p) return undefined;
    if (p.block >= 0) return this.blocks[p.block]!.subarray(p.offset, p.offset + p.length);
    return this.read(p.offset, p.length);
  }

  /** An entry's bytes in pieces of at most `piece` bytes. */
  *chunks(name: string, piece = 1024 * 1024): Generator<Buffer> {
    const p = this.places.get(name);
    if (!p) return;
    if (p.block >= 0) {
      const mem = this.blocks[p.block]!.subarray(p.offset, p.offset + p.length);
      for (let off = 0; off < p.length; off += piece) yield mem.subarray(off, Math.min(p.length, off + piece));
      return;
    }
    for (let off = 0; off < p.length; off += piece) yield this.read(p.offset + off, Math.min(piece, p.length - off));
  }

  private read(offset: number, length: number): Buffer {
    const buf = Buffer.allocUnsafe(length);
    for (let got = 0; got < length; ) {
      const n = readSync(this.fd!, buf, got, length - got, offset + got);
      if (n === 0) throw new SpoolError('the temporary spool file was cut short');
      got += n;
    }
    return buf;
  }

  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.places.clear();
    this.blocks.length = 0;
    this.blockUsed = BLOCK;
    this.memBytes = 0;
  }
}

/** Splits pieces of UTF-8 text into lines (without their newline); a line longer than maxLine is cut. */
export function* linesOf(pieces: Iterable<Buffer>, maxLine = 1024 * 1024): Generator<string> {
  let carry = '';
  const decoder = new TextDecoder('utf-8');
  for (const piece of pieces) {
    const text = carry + decoder.decode(piece, { stream: true });
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      yield text.slice(from, nl);
      from = nl + 1;
    }
    carry = text.slice(from);
    while (carry.length > maxLine) {
      yield carry.slice(0, maxLine);
      carry = carry.slice(maxLine);
    }
  }
  carry += decoder.decode();
  if (carry !== '') yield carry;
}
