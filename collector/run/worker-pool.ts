import { fork, type ChildProcess } from 'node:child_process';
import type { SourceStatus } from '../../bundle/format.js';
import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import { DATA_FD, FrameDecoder } from './frames.js';
import type { WorkerMessage, WorkerStart } from './messages.js';
import { workerEntry } from './worker-path.js';

export interface Outcome {
  status: SourceStatus;
  reason?: string;
}

/** Lets the parent slow workers down when it cannot write artifacts as fast as they arrive. */
export interface Flow {
  congested(): boolean;
  drained(): Promise<void>;
}

export interface RunLimits {
  /** Longest a source may go without sending anything (a wedged device shows no progress). */
  idleMs: number;
  /** Longest a source may run in all, progress or not. */
  totalMs: number;
  signal?: AbortSignal;
}

/**
 * One worker process that runs sources one after another. A source that misses its deadline or is
 * interrupted costs the process (it is killed); the pool then starts a fresh one for the next source.
 */
class WorkerProcess {
  readonly child: ChildProcess;
  private stderr = '';
  private current: ((m: WorkerMessage[]) => void) | undefined;
  private onExit: ((why: string) => void) | undefined;
  dead = false;

  flow: Flow | undefined;

  constructor(flow?: Flow) {
    this.flow = flow;
    this.child = fork(workerEntry(), [String(process.pid)], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'ipc'] });
    const data = this.child.stdio[DATA_FD] as Readable;
    const decoder = new FrameDecoder();
    data.on('data', (chunk: Buffer) => {
      let batches: WorkerMessage[][];
      try {
        batches = decoder.push(chunk);
      } catch (e) {
        this.kill();
        this.onExit?.(`worker sent garbage: ${(e as Error).message}`);
        return;
      }
      for (const b of batches) this.current?.(b);
      const flow = this.flow;
      if (flow?.congested()) {
        data.pause();
        void flow.drained().then(() => data.resume());
      }
    });
    data.on('error', () => undefined);
    this.child.stderr?.on('data', (d: Buffer) => {
      if (this.stderr.length < 4096) this.stderr += d.toString();
    });
    const gone = (why: string): void => {
      this.dead = true;
      this.onExit?.(why);
    };
    this.child.on('error', (e) => gone(`worker could not start: ${e.message}`));
    this.child.on('close', (code, signal) => {
      const tail = this.stderr.trim().split('\n').slice(-3).join(' | ');
      gone(`worker exited (${signal ?? `code ${code}`}) before finishing${tail ? `: ${tail}` : ''}`);
    });
  }

  run(start: WorkerStart, limits: RunLimits, onMessage: (m: WorkerMessage) => void): Promise<Outcome> {
    return new Promise((resolve) => {
      let lastTarget = '';
      let settled = false;
      const t0 = Date.now();
      const finish = (o: Outcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(idle);
        clearTimeout(total);
        limits.signal?.removeEventListener('abort', interrupt);
        this.current = undefined;
        this.onExit = undefined;
        resolve(o);
      };
      const where = (): string => (lastTarget ? ` while at ${lastTarget}` : '');
      const kill = (o: Outcome): void => {
        this.kill();
        finish(o);
      };
      const idleKill = (): void =>
        kill({ status: 'timed_out', reason: `no progress for ${limits.idleMs / 1000} s${where()} (${((Date.now() - t0) / 1000).toFixed(1)} s in all); worker killed` });
      let idle = setTimeout(idleKill, limits.idleMs);
      const total = setTimeout(() => kill({ status: 'timed_out', reason: `still running after ${limits.totalMs / 1000} s${where()}; worker killed` }), limits.totalMs);
      const interrupt = (): void => kill({ status: 'failed', reason: `interrupted${where()}; worker killed` });
      if (limits.signal?.aborted) return interrupt();
      limits.signal?.addEventListener('abort', interrupt, { once: true });
      this.onExit = (why) => finish({ status: 'failed', reason: why });
      this.current = (batch) => {
        clearTimeout(idle);
        idle = setTimeout(idleKill, limits.idleMs);
        for (const m of batch) {
          if (settled) return;
          if (m.type === 'done') finish({ status: m.status, reason: m.reason });
          else {
            if (m.type === 'at') lastTarget = m.target;
            else if (m.type === 'device') lastTarget = `${m.cls} ${m.id}`;
            onMessage(m);
          }
        }
      };
      if (this.dead) return finish({ status: 'failed', reason: 'worker process is gone' });
      this.child.send(start);
    });
  }

  kill(): void {
    this.dead = true;
    this.child.kill('SIGKILL');
    this.child.unref();
    this.child.channel?.unref();
    this.child.stderr?.destroy();
    (this.child.stdio[DATA_FD] as Readable | null)?.destroy();
  }

  /**
   * Lets an idle worker exit on its own (it exits when its channel closes); resolves when it has, or after
   * waitMs if it has not (a worker stuck in the kernel is not waited for).
   */
  release(waitMs: number): Promise<void> {
    if (this.dead || this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      timer.unref();
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.disconnect();
    });
  }
}

/** A fixed number of worker processes, each reused for source after source while it stays healthy. */
export class WorkerPool {
  private readonly idle: WorkerProcess[] = [];

  constructor(private readonly flow?: Flow) {}

  /** onWorker learns which process runs the source (its pid). */
  async run(start: WorkerStart, limits: RunLimits, onMessage: (m: WorkerMessage) => void, onWorker?: (pid: number | undefined) => void): Promise<Outcome> {
    let w = this.idle.pop();
    while (w?.dead) w = this.idle.pop();
    w ??= adoptPrestarted(this.flow) ?? new WorkerProcess(this.flow);
    onWorker?.(w.child.pid);
    const outcome = await w.run(start, limits, onMessage);
    if (!w.dead) this.idle.push(w);
    return outcome;
  }

  /**
   * Releases the idle workers and waits (up to a second) until they have exited, so that none outlives the
   * collection (and their CPU time is counted with the collector's by whoever waits for it).
   */
  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((w) => w.release(1000)));
  }
}

/** How many sources run at once: one per core (measured best on two cores), between two and four. */
export function defaultConcurrency(): number {
  return Math.min(4, Math.max(2, availableParallelism()));
}

/** Workers forked before the collector had loaded (see prestartWorkers), waiting to be adopted by a pool. */
const prestarted: WorkerProcess[] = [];

/**
 * Forks n workers at once, so that their start-up (a Node process each) overlaps the collector's own.
 * Until a pool adopts them they do not keep this process alive.
 */
export function prestartWorkers(n: number): void {
  for (let i = 0; i < n; i++) {
    const w = new WorkerProcess();
    w.child.unref();
    w.child.channel?.unref();
    prestarted.push(w);
  }
}

function adoptPrestarted(flow: Flow | undefined): WorkerProcess | undefined {
  for (let w = prestarted.shift(); w; w = prestarted.shift()) {
    if (w.dead) continue;
    w.child.ref();
    w.child.channel?.ref();
    w.flow = flow;
    return w;
  }
  return undefined;
}
