import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BundleProblem } from '../../bundle/reader.js';
import { undeclaredFactPolicy, type UndeclaredFactPolicy } from '../facts/contract.js';
import type { LoadedRows } from './bundle-rows.js';

export interface WorkerRequest {
  seq: number;
  path: string;
  recordedPath?: string;
}

export type WorkerReply =
  | { seq: number; kind: 'loaded'; loaded: LoadedRows }
  | { seq: number; kind: 'unusable'; problems: BundleProblem[] }
  | { seq: number; kind: 'failed'; name: string; message: string; code?: string };

export interface LoadPoolData {
  undeclared: UndeclaredFactPolicy;
}

/** The compiled worker entry. Under the test runner this module is TypeScript, so look in dist/. */
function workerEntry(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'load-worker.js');
  if (existsSync(beside)) return beside;
  const marker = `${sep}analyzer${sep}load`;
  const built = join(here.slice(0, here.lastIndexOf(marker)), 'dist', 'analyzer', 'load', 'load-worker.js');
  if (!existsSync(built)) throw new Error(`analyzer load worker not built: ${built} is missing (run npm run build)`);
  return built;
}

interface Job extends WorkerRequest {
  done: (r: WorkerReply) => void;
}

/**
 * `size` worker threads that read, verify and parse bundles (analyzer/load/load-worker.ts). `load` queues a
 * bundle and resolves with its rows; it never rejects. A thread that dies takes only the bundle it was
 * loading with it (reported as unusable with the reason) and is replaced.
 */
export class LoadPool {
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly all = new Set<Worker>();
  private seq = 0;
  private closed = false;
  private readonly entry = workerEntry();

  constructor(private readonly size: number) {
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  load(path: string, recordedPath?: string): Promise<WorkerReply> {
    return new Promise((done) => {
      this.queue.push({ seq: this.seq++, path, recordedPath, done });
      this.pump();
    });
  }

  private spawn(): Worker {
    const data: LoadPoolData = { undeclared: undeclaredFactPolicy() };
    const w = new Worker(this.entry, { workerData: data, stdout: false, stderr: false });
    this.all.add(w);
    w.on('message', (reply: WorkerReply) => {
      const job = this.busy.get(w);
      if (!job || job.seq !== reply.seq) return;
      this.busy.delete(w);
      this.idle.push(w);
      job.done(reply);
      this.pump();
    });
    const lost = (why: string): void => {
      if (!this.all.delete(w)) return;
      const i = this.idle.indexOf(w);
      if (i >= 0) this.idle.splice(i, 1);
      const job = this.busy.get(w);
      this.busy.delete(w);
      if (job) {
        job.done({ seq: job.seq, kind: 'unusable', problems: [{ kind: 'load-failed', message: `the thread loading it stopped (${why}); nothing of it was loaded` }] });
      }
      if (!this.closed) {
        this.idle.push(this.spawn());
        this.pump();
      }
    };
    w.on('error', (e) => lost(`${e.name}: ${e.message}`));
    w.on('exit', (code) => lost(`exit code ${code}`));
    return w;
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.shift()!;
      const job = this.queue.shift()!;
      this.busy.set(w, job);
      const req: WorkerRequest = { seq: job.seq, path: job.path, recordedPath: job.recordedPath };
      w.postMessage(req);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = [...this.all];
    this.all.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
