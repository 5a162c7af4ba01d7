import type { SourceStatus } from '../../bundle/format.js';
import { availableParallelism } from 'node:os';
import { FrameDecoder } from './frames.js';
import { adoptLaunchedWorker, prepareReap } from './launched-worker.js';
import type { WorkerMessage, WorkerStart } from './messages.js';
import { forkWorker, type WorkerHandle } from './worker-handle.js';

export interface Outcome {
  status: SourceStatus;
  reason?: string;
  /** When the source was sent to its worker (performance.now()), if before it was asked for: an early start. */
  startedAt?: number;
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
  private stderr = '';
  private current: ((m: WorkerMessage[]) => void) | undefined;
  private onExit: ((why: string) => void) | undefined;
  dead = false;

  flow: Flow | undefined;
  /** A source sent before any pool asked for it (startEarly), and its batches until one does. */
  private early: { start: WorkerStart; at: number; held: WorkerMessage[][]; bytes: number } | undefined;

  constructor(
    readonly handle: WorkerHandle,
    flow?: Flow,
  ) {
    this.flow = flow;
    const data = handle.data;
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
      const early = this.early;
      if (!this.current && early) {
        early.held.push(...batches);
        early.bytes += chunk.length;
        // Held only until the collector has loaded (tens of milliseconds): past this, the worker waits.
        if (early.bytes > EARLY_HOLD_BYTES) data.pause();
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
    handle.stderr.on('data', (d: Buffer) => {
      if (this.stderr.length < 4096) this.stderr += d.toString();
    });
    handle.stderr.on('error', () => undefined);
    handle.onGone((why) => {
      this.dead = true;
      const tail = this.stderr.trim().split('\n').slice(-3).join(' | ');
      this.onExit?.(why.startsWith('worker exited') ? `${why} before finishing${tail ? `: ${tail}` : ''}` : why);
    });
  }

  /** Sends a source before the collector has loaded; run() with the same source takes it over (takesEarly). */
  startEarly(start: WorkerStart): void {
    this.early = { start, at: performance.now(), held: [], bytes: 0 };
    this.handle.send(start);
  }

  get sentEarly(): boolean {
    return this.early !== undefined;
  }

  /** Whether run(start) is the source sent early: the first of the default sources (first), with the same options. */
  takesEarly(start: WorkerStart, first: boolean): boolean {
    const e = this.early?.start;
    return !!e && first && !start.modulePath && e.root === start.root && e.includeEeprom === start.includeEeprom && !!e.includeGpu === !!start.includeGpu;
  }

  run(start: WorkerStart, limits: RunLimits, onMessage: (m: WorkerMessage) => void): Promise<Outcome> {
    const early = this.early;
    this.early = undefined;
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
        resolve(early ? { ...o, startedAt: early.at } : o);
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
      if (!early) return this.handle.send(start);
      for (const b of early.held) this.current?.(b);
      this.handle.data.resume();
    });
  }

  kill(): void {
    this.dead = true;
    this.handle.kill();
  }

  /**
   * Lets an idle worker exit on its own (it exits when its channel closes); resolves when it has, or after
   * waitMs if it has not (a worker stuck in the kernel is not waited for).
   */
  release(waitMs: number): Promise<void> {
    return this.dead ? Promise.resolve() : this.handle.release(waitMs);
  }
}

/** A fixed number of worker processes, each reused for source after source while it stays healthy. */
export class WorkerPool {
  private readonly idle: WorkerProcess[] = [];

  constructor(private readonly flow?: Flow) {}

  /**
   * onWorker learns which process runs the source (its pid). first: the source is the first of the default
   * selection, which a worker may have been sent before the collector loaded (prestartWorkers).
   */
  async run(start: WorkerStart, limits: RunLimits, onMessage: (m: WorkerMessage) => void, onWorker?: (pid: number | undefined) => void, first = false): Promise<Outcome> {
    let w = this.idle.pop();
    while (w?.dead) w = this.idle.pop();
    w ??= adoptPrestarted(this.flow, start, first) ?? new WorkerProcess(forkWorker(), this.flow);
    onWorker?.(w.handle.pid);
    const outcome = await w.run(start, limits, onMessage);
    if (!w.dead) this.idle.push(w);
    return outcome;
  }

  /**
   * Releases the idle workers and waits (up to a second) until they have exited, so that none outlives the
   * collection (and their CPU time is counted with the collector's by whoever waits for it).
   */
  /** The collector is only waiting for workers now: anything their release will need can be loaded. */
  idleAhead(): void {
    prepareReap();
  }

  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((w) => w.release(1000)));
  }
}

/** What a worker started early may send before the collector takes it over (its worker then waits). */
const EARLY_HOLD_BYTES = 4 * 1024 * 1024;

/** How many sources run at once: one per core (measured best on two cores), between two and four. */
export function defaultConcurrency(): number {
  return Math.min(4, Math.max(2, availableParallelism()));
}

/** Workers started before the collector had loaded (see prestartWorkers), waiting to be adopted by a pool. */
const prestarted: WorkerProcess[] = [];

/**
 * Takes the worker the launcher started beside this process (launched-worker.ts) or forks one, so that its
 * start-up (a Node process) overlaps the collector's own. Until a pool adopts it, it does not keep this process alive.
 */
export function prestartWorkers(n: number, early?: WorkerStart): void {
  for (let i = 0; i < n; i++) {
    const w = new WorkerProcess((i === 0 && adoptLaunchedWorker()) || forkWorker());
    w.handle.unref();
    if (i === 0 && early) w.startEarly(early);
    prestarted.push(w);
  }
}

function adoptPrestarted(flow: Flow | undefined, start: WorkerStart, first: boolean): WorkerProcess | undefined {
  for (let w = prestarted.shift(); w; w = prestarted.shift()) {
    if (w.dead) continue;
    if (w.sentEarly && !w.takesEarly(start, first)) {
      // Not the collection the command line promised: what it reads was not asked for.
      w.kill();
      continue;
    }
    w.handle.ref();
    w.flow = flow;
    return w;
  }
  return undefined;
}
