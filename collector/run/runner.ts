import { readFileSync } from 'node:fs';
import { capped, MAX_NAME_BYTES, type CollectionIssue, type SourceRecord } from '../../bundle/format.js';
import type { BundleWriter } from '../../bundle/writer.js';
import type { ArtifactTransform } from '../../bundle/redact/redactor.js';
import type { IoctlTransport } from '../ioctl/transport.js';
import { loadSource } from '../classes/index.js';
import { executeSource } from './execute.js';
import { LiveReader } from '../host/live-reader.js';
import { PlainReader } from './plain-reads.js';
import type { WorkerMessage } from './messages.js';
import { defaultConcurrency, WorkerPool, type Flow, type Outcome } from './worker-pool.js';

/**
 * Sources run one after another in one worker. Another lane (a worker of its own, up to the concurrency) opens
 * once the running source has gone on for OPEN_LANE_AFTER_MS, unless its worker spent most of the last such
 * stretch waiting for a CPU: a source that waits on a device or a command, or has a core to itself, is worth a
 * second Node start beside it; on a machine whose cores are all taken, another process mostly takes CPU from the
 * first. A source that has been sending for OPEN_LANE_ANYWAY_MS opens one all the same: a long source leaves
 * the others enough time to share the work. A worker costs ~70 ms of CPU to start on the bench machine, more
 * than this host's quick sources take in all (docs/benchmarks.md, "collect start-up").
 */
export const OPEN_LANE_AFTER_MS = 200;
export const OPEN_LANE_ANYWAY_MS = 1000;

/** Milliseconds a process has waited for a CPU (/proc/PID/schedstat, second field); undefined where unreadable. */
function queuedMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const queued = Number(readFileSync(`/proc/${pid}/schedstat`, 'latin1').split(' ')[1]);
    return Number.isFinite(queued) ? queued / 1e6 : undefined;
  } catch {
    return undefined;
  }
}

/** Calls open() once the source it watches is slow and its worker is not starved of CPU (see OPEN_LANE_AFTER_MS). */
function widenWhenSlow(open: () => void): { worker(pid: number | undefined): void; progress(): void; stop(): void } {
  let pid: number | undefined;
  let since = performance.now();
  let sending: number | undefined;
  let queuedBefore: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  const check = (): void => {
    const now = performance.now();
    const queued = queuedMs(pid);
    const starved = queued !== undefined && queuedBefore !== undefined && queued - queuedBefore > (now - since) / 2;
    if (!starved || (sending !== undefined && now - sending >= OPEN_LANE_ANYWAY_MS)) return open();
    since = now;
    queuedBefore = queued;
    timer = setTimeout(check, OPEN_LANE_AFTER_MS);
  };
  timer = setTimeout(check, OPEN_LANE_AFTER_MS);
  return {
    worker: (p) => {
      pid = p;
      since = performance.now();
      queuedBefore = queuedMs(p);
    },
    /** The source's first message: its worker is up and running it (a worker's own start is not counted). */
    progress: () => void (sending ??= performance.now()),
    stop: () => clearTimeout(timer),
  };
}

/** Artifacts one collection stores: under the 300,000 entries a reader takes (bundle/reader.ts), room left for the manifest and statuses. */
const MAX_ARTIFACTS = 250_000;

export { defaultConcurrency };

export interface SourceSpec {
  name: string;
  /** A module exporting `source`, instead of the built-in one of that name. */
  modulePath?: string;
}

export interface RunOptions {
  root: string;
  includeEeprom: boolean;
  includeGpu?: boolean;
  /** A source that sends nothing for this long is stopped (its device is taken to be wedged). */
  timeoutMs: number;
  /** Longest a source may run in all; default 6 × timeoutMs. */
  totalTimeoutMs?: number;
  /** "process" (default) isolates sources in killable worker processes; "inline" is for tests. */
  isolation?: 'process' | 'inline';
  transport?: () => IoctlTransport;
  /** Applied to every artifact before it is written (redaction); null leaves the artifact out. */
  transform?: ArtifactTransform;
  concurrency?: number;
  onEvent?: (source: string, m: WorkerMessage) => void;
  /** Stops the run: running workers are killed, sources not yet started are not started. */
  signal?: AbortSignal;
  /** The specs are the default selection, in order: the first may have been sent to a worker early (cli/main.ts). */
  defaultSelection?: boolean;
}

export interface RunResult {
  sources: SourceRecord[];
  issues: CollectionIssue[];
  /** Errors raised while writing artifacts (e.g. ENOSPC): the bundle cannot be trusted. */
  writeError?: Error;
  /** Sources that ran in the collector itself, with plain reads only (plain-reads.ts); the others ran in workers. */
  ranInCollector: string[];
  /**
   * Resolves once the idle workers, let go when the last source ended, have exited (or after a second): the
   * caller finishes the bundle meanwhile and waits for it before it exits, so that no worker outlives it.
   */
  workersGone: Promise<void>;
}


/**
 * Runs sources with a deadline each. Artifacts are written to the bundle as they arrive, so a source
 * that times out still contributes what it sent before its deadline.
 */
export async function runSources(specs: SourceSpec[], writer: BundleWriter, opts: RunOptions): Promise<RunResult> {
  const issues: CollectionIssue[] = [];
  const records = new Map<string, SourceRecord>();
  let writeChain: Promise<void> = Promise.resolve();
  let writesGated = false;
  let writeError: Error | undefined;
  // Bytes received but not yet written: above the high mark, workers are made to wait. A small window is
  // enough to keep the compressor busy, and a larger one only lets the heap grow (measured, bench/).
  let backlog = 0;
  let overflowed = false;
  let waiters: (() => void)[] = [];
  const HIGH = 2 * 1024 * 1024;
  const LOW = 1024 * 1024;
  const flow: Flow = {
    congested: () => backlog > HIGH,
    drained: () => new Promise((resolve) => waiters.push(resolve)),
  };

  const handle = (spec: SourceSpec, rec: SourceRecord, m: WorkerMessage, seen: Set<string>): void => {
    opts.onEvent?.(spec.name, m);
    switch (m.type) {
      case 'artifact': {
        rec.artifacts++;
        const { name, origin, data, truncated, exitStatus, replayedFrom } = m;
        backlog += data.byteLength;
        if (!writesGated) {
          // Artifacts are written after the event loop's next turn: a source's end read in the same turn sends the
          // worker its next source first, instead of after all of them (a worker must not wait for the writing).
          writesGated = true;
          writeChain = writeChain.then(() => new Promise<void>((resolve) => setImmediate(() => ((writesGated = false), resolve()))));
        }
        writeChain = writeChain.then(async () => {
          backlog -= data.byteLength;
          if (backlog < LOW && waiters.length) {
            for (const w of waiters) w();
            waiters = [];
          }
          if (writeError) return;
          if (writer.has(name)) return;
          if (writer.artifactCount >= MAX_ARTIFACTS) {
            // Readers stop at 300,000 entries (bundle/reader.ts): a bundle must stay readable whole.
            if (!overflowed) issues.push({ source: spec.name, target: capped(name), code: 'E2BIG', message: `more than ${MAX_ARTIFACTS} artifacts; this one and the rest not stored` });
            overflowed = true;
            return;
          }
          if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
            // A path that long only comes from a strange tree: left out and said so, not fatal to the bundle.
            issues.push({ source: spec.name, target: capped(name), code: 'ENAMETOOLONG', message: `artifact name longer than ${MAX_NAME_BYTES} bytes; not stored` });
            return;
          }
          try {
            const stored = opts.transform ? opts.transform(name, origin, data) : data;
            if (stored !== null) await writer.add({ name, source: spec.name, origin, truncated, exitStatus, replayedFrom }, stored);
          } catch (e) {
            writeError = e as Error;
          }
        });
        return;
      }
      case 'issue':
        issues.push({ source: spec.name, ...m.issue });
        return;
      case 'device': {
        const key = `${m.cls}\0${m.id}`;
        if (!seen.has(key)) {
          seen.add(key);
          rec.devices[m.cls] = (rec.devices[m.cls] ?? 0) + 1;
        }
        return;
      }
      default:
        return;
    }
  };

  /** Runs a source and records it; `run` may hand back undefined (the source needs a worker), then nothing is recorded. */
  const record = async (spec: SourceSpec, run: (onMessage: (m: WorkerMessage) => void) => Promise<Outcome | undefined>): Promise<boolean> => {
    const rec: SourceRecord = { name: spec.name, status: 'ok', durationMs: 0, devices: {}, artifacts: 0 };
    const seen = new Set<string>();
    const ownIssues = (): CollectionIssue[] => issues.filter((i) => i.source === spec.name);
    const issuesBefore = ownIssues().length;
    const t0 = performance.now();
    const outcome = await run((m) => handle(spec, rec, m, seen));
    if (!outcome) return false;
    records.set(spec.name, rec);
    rec.durationMs = Math.round(performance.now() - Math.min(t0, outcome.startedAt ?? t0));
    rec.status = outcome.status;
    if (outcome.reason) rec.reason = outcome.reason;
    const own = ownIssues().slice(issuesBefore);
    if (rec.status === 'ok' && own.length > 0) {
      rec.status = 'partial';
      rec.reason = partialReason(own);
    }
    return true;
  };

  const runOne = (spec: SourceSpec, watch: { worker(pid: number | undefined): void; progress(): void }): Promise<boolean> =>
    record(spec, (onMessage) => {
      const seen = (m: WorkerMessage): void => {
        watch.progress();
        onMessage(m);
      };
      return opts.isolation === 'inline'
        ? runInline(spec, opts, seen)
        : pool.run(
            { source: spec.name, modulePath: spec.modulePath, root: opts.root, includeEeprom: opts.includeEeprom, includeGpu: opts.includeGpu },
            { idleMs: opts.timeoutMs, totalMs: opts.totalTimeoutMs ?? opts.timeoutMs * 6, signal: opts.signal },
            seen,
            (pid) => watch.worker(pid),
            opts.defaultSelection === true && spec === specs[0],
          );
    });

  /** A built-in source tried here first on the live host (plain-reads.ts): its messages count only if it needed no worker. */
  const runPlain = (spec: SourceSpec): Promise<boolean> =>
    record(spec, async (onMessage) => {
      const reader = new PlainReader(new LiveReader({ includeEeprom: opts.includeEeprom }));
      const held: WorkerMessage[] = [];
      let outcome: Outcome | undefined;
      await executeSource(await loadSource(spec.name), { root: opts.root, includeEeprom: opts.includeEeprom, includeGpu: opts.includeGpu, reader }, (m) => {
        if (m.type === 'done') outcome = { status: m.status, reason: m.reason };
        else held.push(m);
      });
      if (reader.needsWorker !== undefined || !outcome) return undefined;
      for (const m of held) onMessage(m);
      return outcome;
    });

  // On the live host the first source goes to the worker at once; the others are first tried here, with plain
  // reads only, while that worker starts, and join the queue when they need more.
  const plainFirst = opts.isolation !== 'inline' && opts.root === '/';
  const ranInCollector: string[] = [];
  const queue = plainFirst ? specs.slice(0, 1) : [...specs];
  let tried = Promise.resolve();
  const pool = new WorkerPool(flow);
  const maxLanes = Math.max(1, Math.min(opts.concurrency ?? defaultConcurrency(), specs.length));
  const lanes: Promise<void>[] = [];
  const openLane = (): void => {
    if (lanes.length < maxLanes && queue.length && !opts.signal?.aborted) lanes.push(lane());
  };
  // A lane takes the next source as soon as one is queued, not only when every try is done.
  let triesDone = !plainFirst;
  let triesFailed: { error: unknown } | undefined;
  const waiting: (() => void)[] = [];
  const wake = (): void => {
    for (const w of waiting.splice(0)) w();
  };
  const enqueue = (spec: SourceSpec): void => {
    queue.push(spec);
    wake();
  };
  const next = async (): Promise<SourceSpec | undefined> => {
    for (;;) {
      const s = queue.shift();
      if (triesFailed) throw triesFailed.error;
      if (s || triesDone) return s;
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };
  const lane = async (): Promise<void> => {
    for (let s = await next(); s && !opts.signal?.aborted; s = await next()) {
      const widen = widenWhenSlow(openLane);
      try {
        await runOne(s, widen);
      } finally {
        widen.stop();
      }
    }
  };
  openLane();
  if (plainFirst) {
    tried = (async () => {
      for (const spec of specs.slice(1)) {
        // A turn of the event loop between tries: the worker's messages are read, and its next source sent, meanwhile.
        await new Promise((resolve) => setImmediate(resolve));
        if (opts.signal?.aborted) return;
        if (!spec.modulePath && (await runPlain(spec))) ranInCollector.push(spec.name);
        else enqueue(spec);
      }
    })()
      .catch((error: unknown) => void (triesFailed = { error }))
      .finally(() => {
        triesDone = true;
        wake();
      });
    // Once the tries are done the collector mostly waits for the worker.
    void tried.then(() => setImmediate(() => pool.idleAhead()));
  }
  // A lane is only opened by a running lane, so every lane is in the array before the last one ends (the first
  // lane waits for what the tries leave before it ends).
  for (let i = 0; i < lanes.length; i++) await lanes[i];
  const workersGone = pool.close();
  await writeChain;
  const sources = specs.flatMap((s) => records.get(s.name) ?? []);
  return { sources, issues, writeError, ranInCollector, workersGone };
}


async function runInline(spec: SourceSpec, opts: RunOptions, onMessage: (m: WorkerMessage) => void): Promise<Outcome> {
  let outcome: Outcome | undefined;
  const work = (async () => {
    const source = await loadSource(spec.name, spec.modulePath);
    await executeSource(source, { root: opts.root, includeEeprom: opts.includeEeprom, includeGpu: opts.includeGpu, transport: opts.transport }, (m) => {
      if (outcome) return;
      if (m.type === 'done') outcome = { status: m.status, reason: m.reason };
      else onMessage(m);
    });
  })();
  let timer: NodeJS.Timeout | undefined;
  let onAbort = (): void => undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, opts.timeoutMs);
    onAbort = () => {
      outcome ??= { status: 'failed', reason: 'interrupted' };
      resolve();
    };
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
  });
  await Promise.race([work.catch((e: Error) => (outcome ??= { status: 'failed', reason: e.message })), deadline]);
  clearTimeout(timer);
  opts.signal?.removeEventListener('abort', onAbort);
  return (outcome ??= { status: 'timed_out', reason: `no result within ${opts.timeoutMs / 1000} s` });
}

/**
 * Why a source that recorded issues is partial: reads that failed, and saved outputs whose name no replay reads
 * (UNKNOWN_NAME: the file was there and kept, nothing failed to read).
 */
export function partialReason(own: readonly CollectionIssue[]): string {
  const names = own.filter((i) => i.code === 'UNKNOWN_NAME').length;
  const failed = own.length - names;
  const parts = [...(failed > 0 ? [`${failed} read(s) failed`] : []), ...(names > 0 ? [`${names} saved output(s) under a name it does not read`] : [])];
  return `${parts.join(', ')}; see issues`;
}
