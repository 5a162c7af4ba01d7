/**
 * Entry point of a collector worker process: runs the sources the parent sends (over IPC), one after
 * another, and streams their messages back in batches on the data pipe (frames.ts). A batch is sent at each device and each potentially slow step
 * (ioctl, command), when it grows large, and at the end of a source — so when a device wedges, everything
 * collected before it has already reached the parent.
 */
import { writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DATA_FD, encodeFrame } from './frames.js';
import { loadSource } from '../classes/index.js';
import { executeSource } from './execute.js';
import type { WorkerMessage, WorkerStart } from './messages.js';
import type { IoctlTransport } from '../ioctl/transport.js';
import { KoffiTransport } from '../ioctl/koffi-transport.js';
import { dieWithParent } from './parent-death.js';

dieWithParent(Number(process.argv[2]));
process.once('disconnect', () => process.exit(0));

const MAX_BATCH_BYTES = 256 * 1024;
const MAX_BATCH_MESSAGES = 512;
const MAX_BATCH_AGE_MS = 50;

/** Something to sleep on when the pipe is full and was handed over non-blocking. */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

let pending: WorkerMessage[] = [];
let pendingBytes = 0;
let lastFlush = performance.now();

function flush(): void {
  if (!pending.length) return;
  const frame = encodeFrame(pending);
  pending = [];
  pendingBytes = 0;
  lastFlush = performance.now();
  for (let off = 0; off < frame.length; ) {
    try {
      off += writeSync(DATA_FD, frame, off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(PAUSE, 0, 0, 2);
    }
  }
}

function emit(m: WorkerMessage): void {
  pending.push(m);
  pendingBytes += m.type === 'artifact' ? m.data.byteLength + 256 : 64;
  const progress = m.type === 'device' || m.type === 'at' || m.type === 'done';
  if (progress || pendingBytes >= MAX_BATCH_BYTES || pending.length >= MAX_BATCH_MESSAGES || performance.now() - lastFlush > MAX_BATCH_AGE_MS) flush();
}

const transport = (): IoctlTransport => new KoffiTransport();

let queue: Promise<void> = Promise.resolve();
process.on('message', (start: WorkerStart) => {
  queue = queue.then(async () => {
    try {
      const source = await loadSource(start.source, start.modulePath);
      await executeSource(source, { root: start.root, includeEeprom: start.includeEeprom, includeGpu: start.includeGpu, transport }, emit);
    } catch (e) {
      emit({ type: 'done', status: 'failed', reason: e instanceof Error ? e.message : String(e) });
    }
    flush();
  });
});
