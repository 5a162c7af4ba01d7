import { closeSync, openSync, readSync, fstatSync, constants, type Stats } from 'node:fs';

export interface ReadOutcome {
  data: Buffer;
  truncated: boolean;
}

/** One read buffer for the whole worker: most files are a few bytes, and allocating 64 KiB per read kept the GC busy. */
const SCRATCH = Buffer.allocUnsafe(65536);

/**
 * Reads up to maxBytes of a file, in a loop (sysfs and procfs report sizes that mean nothing).
 * Opened O_RDONLY|O_NONBLOCK|O_NOCTTY so that a FIFO or tty cannot block the open or be acquired.
 */
export function readBounded(path: string, maxBytes: number, tail = false, records = false): ReadOutcome {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    const st = fstatSync(fd);
    if (records && st.isCharacterDevice()) return readRecords(fd, maxBytes);
    return readOpenFile(fd, st, path, maxBytes, tail);
  } finally {
    closeSync(fd);
  }
}

export const notRegular = (path: string): NodeJS.ErrnoException => Object.assign(new Error(`${path} is not a regular file`), { code: 'ENOTREG' });

/**
 * Reads up to maxBytes of an open regular file (the caller closes fd); `st` is its fstat. A tail read starts
 * maxBytes before the end the file reports (a 64 GiB sparse file costs one window, not 64 GiB of reads) and
 * reads at most maxBytes past that end: a file that keeps growing while it is read ends the read, truncated.
 */
export function readOpenFile(fd: number, st: Stats, path: string, maxBytes: number, tail = false): ReadOutcome {
  if (!st.isFile()) throw notRegular(path);
  const chunks: Buffer[] = [];
  let total = 0;
  let truncated = false;
  const chunkSize = Math.min(SCRATCH.length, maxBytes + 1);
  let position = tail && st.size > maxBytes ? st.size - maxBytes : 0;
  const budget = tail ? Math.max(st.size - position, 0) + maxBytes : Infinity;
  let read = 0;
  if (position > 0) truncated = true;
  for (;;) {
    const n = readSync(fd, SCRATCH, 0, chunkSize, tail ? position : null);
    if (n <= 0) break;
    position += n;
    read += n;
    chunks.push(Buffer.from(SCRATCH.subarray(0, n)));
    total += n;
    if (total > maxBytes) {
      truncated = true;
      if (!tail) break;
      while (total - chunks[0]!.length >= maxBytes) total -= chunks.shift()!.length;
    }
    if (read >= budget) {
      truncated = true;
      break;
    }
  }
  const data = Buffer.concat(chunks, total);
  if (!truncated || data.length <= maxBytes) return { data, truncated };
  return { data: tail ? data.subarray(data.length - maxBytes) : data.subarray(0, maxBytes), truncated };
}

const RECORD_BUFFER = 16384;

/**
 * Reads a record device such as /dev/kmsg (one record per read(), EAGAIN once caught up) keeping the last
 * maxBytes. Records overwritten while reading (EPIPE) are skipped; the read goes on with the next one.
 */
function readRecords(fd: number, maxBytes: number): ReadOutcome {
  const buf = Buffer.allocUnsafe(RECORD_BUFFER);
  const chunks: Buffer[] = [];
  let total = 0;
  let truncated = false;
  // A log written faster than it is read would never catch up: four times the cap read ends it.
  for (let read = 0; read < 4 * maxBytes; ) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, RECORD_BUFFER, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') break;
      if (code === 'EPIPE') continue;
      throw e;
    }
    if (n <= 0) break;
    read += n;
    chunks.push(Buffer.from(buf.subarray(0, n)));
    total += n;
    while (total > maxBytes) {
      truncated = true;
      total -= chunks.shift()!.length;
    }
  }
  return { data: Buffer.concat(chunks, total), truncated };
}
