import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntrySink } from './reader.js';
import { NameIndex, NumberColumn } from './name-index.js';

/** Where a stored entry lives: `placeOf` holds ABSENT (nothing stored), IN_FILE (the spool file) or FIRST_BLOCK + a memory block. */
const ABSENT = 0;
const IN_FILE = 1;
const FIRST_BLOCK = 2;

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
  /** Entries stored now. */
  private count = 0;
  /** Each entry's place, by its ordinal in the name index: no object or map of names per entry. */
  private placeOf = new NumberColumn(Int32Array);
  private offsetOf = new NumberColumn(Float64Array);
  private lengthOf = new NumberColumn(Float64Array);
  private readonly blocks: Buffer[] = [];
  private blockUsed = BLOCK;

  /** `index`: the names of the entries (shared with the reader and the fact sink), by ordinal. */
  constructor(
    private readonly memBudget = 32 * 1024 * 1024,
    private readonly memEntryMax = 256 * 1024,
    private readonly index = new NameIndex(),
  ) {}

  private place(name: string, place: number, offset: number, length: number): void {
    const i = this.index.intern(name);
    if (this.placeOf.get(i) === ABSENT) this.count++;
    this.placeOf.set(i, place);
    this.offsetOf.set(i, offset);
    this.lengthOf.set(i, length);
  }

  /** The stored entry's ordinal, or -1. */
  private slot(name: string): number {
    const i = this.index.find(name);
    return i >= 0 && this.placeOf.get(i) !== ABSENT ? i : -1;
  }

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
          this.place(name, FIRST_BLOCK + block, this.blockUsed, length);
          this.blockUsed = at;
          this.memBytes += length;
        } else this.place(name, IN_FILE, start, length);
        chunks = [];
      },
      drop: () => {
        chunks = [];
      },
    };
  }

  has(name: string): boolean {
    return this.slot(name) >= 0;
  }

  /** How many entries are stored. */
  get size(): number {
    return this.count;
  }

  /** The names stored, in the order they were first named (no array of them is made). */
  *names(): Generator<string> {
    for (let i = 0; i < this.index.size; i++) if (this.placeOf.get(i) !== ABSENT) yield this.index.name(i);
  }

  sizeOf(name: string): number | undefined {
    const i = this.slot(name);
    return i < 0 ? undefined : this.lengthOf.get(i);
  }

  delete(name: string): void {
    const i = this.slot(name);
    if (i < 0) return;
    if (this.placeOf.get(i) >= FIRST_BLOCK) this.memBytes -= this.lengthOf.get(i);
    this.placeOf.set(i, ABSENT);
    this.count--;
  }

  get(name: string): Buffer | undefined {
    const i = this.slot(name);
    if (i < 0) return undefined;
    const place = this.placeOf.get(i);
    const offset = this.offsetOf.get(i);
    const length = this.lengthOf.get(i);
    if (place >= FIRST_BLOCK) return this.blocks[place - FIRST_BLOCK]!.subarray(offset, offset + length);
    return this.read(offset, length);
  }

  /** An entry's bytes in pieces of at most `piece` bytes. */
  *chunks(name: string, piece = 1024 * 1024): Generator<Buffer> {
    const i = this.slot(name);
    if (i < 0) return;
    const place = this.placeOf.get(i);
    const offset = this.offsetOf.get(i);
    const length = this.lengthOf.get(i);
    if (place >= FIRST_BLOCK) {
      const mem = this.blocks[place - FIRST_BLOCK]!.subarray(offset, offset + length);
      for (let off = 0; off < length; off += piece) yield mem.subarray(off, Math.min(length, off + piece));
      return;
    }
    for (let off = 0; off < length; off += piece) yield this.read(offset + off, Math.min(piece, length - off));
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
    this.placeOf = new NumberColumn(Int32Array);
    this.offsetOf = new NumberColumn(Float64Array);
    this.lengthOf = new NumberColumn(Float64Array);
    this.count = 0;
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
