import type { IoctlPointer } from '../source.js';

export type Koffi = typeof import('koffi');

/**
 * Spare native bytes after every pointed-to buffer: older kernels ignore the caller's count for
 * GSTRINGS/GSTATS and copy the current one, which may have grown since it was asked.
 */
export const GUARD_BYTES = 4096;

interface Block {
  /** Native memory from koffi.alloc, freed by release(). */
  ptr: unknown;
  native: Buffer;
  caller: Buffer;
}

/**
 * An ioctl argument copied to native memory, with the native addresses of the buffers it points to
 * written at their offsets. JS buffers can move or be copied by the FFI layer; memory from koffi.alloc
 * stays put for the duration of the call, so the kernel sees one consistent set of addresses.
 */
export class NativeArgument {
  private constructor(
    private readonly koffi: Koffi,
    private readonly arg: Block,
    private readonly pointed: { offset: number; block: Block }[],
  ) {}

  static prepare(koffi: Koffi, arg: Buffer, pointers: readonly IoctlPointer[]): NativeArgument {
    for (const p of pointers) {
      if (!Number.isInteger(p.offset) || p.offset < 0 || p.offset + 8 > arg.length) {
        throw new RangeError(`pointer offset ${p.offset} does not fit an 8-byte pointer in a ${arg.length}-byte argument`);
      }
    }
    const blocks: Block[] = [];
    try {
      const argBlock = allocCopy(koffi, arg, 0, blocks);
      const pointed = pointers.map((p) => {
        const block = allocCopy(koffi, p.buffer, GUARD_BYTES, blocks);
        argBlock.native.writeBigUInt64LE(koffi.address(block.ptr), p.offset);
        return { offset: p.offset, block };
      });
      return new NativeArgument(koffi, argBlock, pointed);
    } catch (e) {
      for (const b of blocks) koffi.free(b.ptr);
      throw e;
    }
  }

  /** Native address of the argument, for the ioctl's third parameter. */
  get ptr(): unknown {
    return this.arg.ptr;
  }

  /** Bytes of the native argument as the kernel will see (or saw) them. */
  get nativeArg(): Buffer {
    return this.arg.native;
  }

  /** Copies the kernel's answer back into the caller's buffers; pointer fields keep the caller's bytes. */
  copyBack(): void {
    const { native, caller } = this.arg;
    const saved = this.pointed.map((p) => Buffer.from(caller.subarray(p.offset, p.offset + 8)));
    native.copy(caller, 0, 0, caller.length);
    this.pointed.forEach((p, i) => saved[i]!.copy(caller, p.offset));
    for (const { block } of this.pointed) block.native.copy(block.caller, 0, 0, block.caller.length);
  }

  release(): void {
    this.koffi.free(this.arg.ptr);
    for (const { block } of this.pointed) this.koffi.free(block.ptr);
  }
}

function allocCopy(koffi: Koffi, src: Buffer, guard: number, blocks: Block[]): Block {
  const size = Math.max(1, src.length + guard);
  const block: Block = { ptr: koffi.alloc('uint8_t', size), native: Buffer.alloc(0), caller: src };
  blocks.push(block);
  block.native = Buffer.from(koffi.view(block.ptr, size));
  block.native.fill(0);
  src.copy(block.native);
  return block;
}
