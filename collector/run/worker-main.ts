/**
 * Entry point of a collector worker process: runs the sources the parent sends (over IPC, or as frames on
 * standard input when the launcher bin/fwsnap started it beside the collector: argument `stdin`), one after
 * another, and streams their messages back in batches on the data pipe (frames.ts). A batch is sent at each device and each potentially slow step
 * (ioctl, command), when it grows large, and at the end of a source — so when a device wedges, everything
 * collected before it has already reached the parent.
 */
import { writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DATA_FD, encodeFrame, FrameDecoder } from './frames.js';
import { loadSource, SOURCE_NAMES } from '../classes/index.js';
import { executeSource } from './execute.js';
import type { WorkerMessage, WorkerStart } from './messages.js';
import type { IoctlTransport } from '../ioctl/transport.js';
import { KoffiTransport } from '../ioctl/koffi-transport.js';
import { dieWithParent } from './parent-death.js';

dieWithParent(Number(process.argv[2]));
const fromStdin = process.argv[3] === 'stdin';
// The collector lets an idle worker go by closing its channel; it is also closed when the collector dies.
if (fromStdin) process.stdin.once('end', () => process.exit(0));
else process.once('disconnect', () => process.exit(0));

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
const run = (start: WorkerStart): void => {
  queue = queue.then(async () => {
    try {
      const source = await loadSource(start.source || SOURCE_NAMES[0]!, start.modulePath);
      await executeSource(source, { root: start.root, includeEeprom: start.includeEeprom, includeGpu: start.includeGpu, transport }, emit);
    } catch (e) {
      emit({ type: 'done', status: 'failed', reason: e instanceof Error ? e.message : String(e) });
    }
    flush();
  });
};
if (fromStdin) {
  const commands = new FrameDecoder<WorkerStart>();
  process.stdin.on('data', (chunk: Buffer) => {
    try {
      for (const start of commands.push(chunk)) run(start);
    } catch {
      process.exit(1);
    }
  });
} else process.on('message', run);
