import { deserialize, serialize } from 'node:v8';
import type { WorkerMessage, WorkerStart } from './messages.js';

/**
 * Worker → parent data travels on its own pipe as length-prefixed frames, each a v8-serialized batch of
 * messages. The worker writes them with blocking writes, so a parent that falls behind slows the worker
 * down instead of letting either side queue unbounded data, and each batch leaves at once even while the
 * source runs synchronous code.
 */
export const DATA_FD = 3;
const HEADER = 4;
/** A frame larger than this is corruption, not data (artifacts are capped far below it). */
const MAX_FRAME = 512 * 1024 * 1024;

export function encodeFrame(value: WorkerMessage[] | WorkerStart): Buffer {
  const body = serialize(value);
  const head = Buffer.allocUnsafe(HEADER);
  head.writeUInt32LE(body.length, 0);
  return Buffer.concat([head, body], HEADER + body.length);
}

/**
 * Splits a byte stream back into batches, copying each frame's bytes once, when all of it has arrived. The same
 * frames carry the collector's commands to a worker the launcher started (bin/fwsnap), which has no IPC channel.
 */
export class FrameDecoder<T = WorkerMessage[]> {
  private parts: Buffer[] = [];
  private size = 0;
  /** Length of the frame being gathered (header included), once its header is known. */
  private need = 0;

  push(chunk: Buffer): T[] {
    this.parts.push(chunk);
    this.size += chunk.length;
    const out: T[] = [];
    for (;;) {
      if (this.need === 0) {
        if (this.size < HEADER) break;
        const head = this.parts[0]!.length >= HEADER ? this.parts[0]! : Buffer.concat(this.parts, this.size);
        const len = head.readUInt32LE(0);
        if (len > MAX_FRAME) throw new Error(`a frame of ${len} bytes`);
        this.need = HEADER + len;
      }
      if (this.size < this.need) break;
      const all = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
      out.push(deserialize(all.subarray(HEADER, this.need)) as T);
      const rest = all.subarray(this.need);
      this.parts = rest.length ? [rest] : [];
      this.size = rest.length;
      this.need = 0;
    }
    return out;
  }
}
