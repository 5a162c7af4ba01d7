import { fork } from 'node:child_process';
import type { Readable } from 'node:stream';
import { DATA_FD } from './frames.js';
import type { WorkerStart } from './messages.js';
import { workerEntry } from './worker-path.js';

/** A worker process as the pool drives it, whoever started it: forked here, or by the launcher (launched-worker.ts). */
export interface WorkerHandle {
  readonly pid: number | undefined;
  /** The worker's messages, as frames (frames.ts). */
  readonly data: Readable;
  readonly stderr: Readable;
  send(start: WorkerStart): void;
  /** Called once, when the worker has exited and its pipes are closed, or could not start: why, for the record. */
  onGone(cb: (why: string) => void): void;
  /** SIGKILL, and nothing more is read from it; a worker stuck in the kernel dies when it comes back. */
  kill(): void;
  /** Lets an idle worker exit on its own (its channel is closed); resolves when it has, or after waitMs. */
  release(waitMs: number): Promise<void>;
  /** Whether it keeps this process alive. */
  ref(): void;
  unref(): void;
}

/**
 * The worker's environment: this process's, without NODE_EXTRA_CA_CERTS. Node reads every certificate it names
 * before running any script (~40 ms of CPU for a system bundle), and neither the worker nor the commands it runs
 * open a TLS connection with Node.
 */
export function workerEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _certs, ...rest } = env;
  return rest;
}

export function forkWorker(): WorkerHandle {
  const child = fork(workerEntry(), [String(process.pid)], { env: workerEnv(), serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'ipc'] });
  const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;
  return {
    pid: child.pid,
    data: child.stdio[DATA_FD] as Readable,
    stderr: child.stderr!,
    send: (start) => void child.send(start),
    onGone: (cb) => {
      child.on('error', (e) => cb(`worker could not start: ${e.message}`));
      child.on('close', (code, signal) => cb(`worker exited (${signal ?? `code ${code}`})`));
    },
    kill: () => {
      child.kill('SIGKILL');
      child.unref();
      child.channel?.unref();
      child.stderr?.destroy();
      (child.stdio[DATA_FD] as Readable | null)?.destroy();
    },
    release: (waitMs) => {
      if (exited() || !child.connected) return Promise.resolve();
      return new Promise((resolve) => {
        // Not unref'd: the collection awaits this (see launched-worker.ts).
        const timer = setTimeout(resolve, waitMs);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.disconnect();
      });
    },
    ref: () => {
      child.ref();
      child.channel?.ref();
    },
    unref: () => {
      child.unref();
      child.channel?.unref();
    },
  };
}
