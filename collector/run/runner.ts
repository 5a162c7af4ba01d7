import { fork } from 'node:child_process';
import type { CollectionIssue, SourceRecord, SourceStatus } from '../../bundle/format.js';
import type { BundleWriter } from '../../bundle/writer.js';
import type { ArtifactTransform } from '../../bundle/redact/redactor.js';
import type { IoctlTransport } from '../ioctl/transport.js';
import { loadSource } from '../sources/index.js';
import { executeSource } from './execute.js';
import type { WorkerMessage, WorkerStart } from './messages.js';
import { workerEntry } from './worker-path.js';

export interface SourceSpec {
  name: string;
  /** A module exporting `source`, instead of the built-in one of that name. */
  modulePath?: string;
}

export interface RunOptions {
  root: string;
  includeEeprom: boolean;
  timeoutMs: number;
  /** "process" (default) isolates each source in a killable worker process; "inline" is for tests. */
  isolation?: 'process' | 'inline';
  transport?: () => IoctlTransport;
  /** Applied to every artifact before it is written (redaction); null leaves the artifact out. */
  transform?: ArtifactTransform;
  concurrency?: number;
  onEvent?: (source: string, m: WorkerMessage) => void;
  /** Stops the run: running workers are killed, sources not yet started are not started. */
  signal?: AbortSignal;
}

export interface RunResult {
  sources: SourceRecord[];
  issues: CollectionIssue[];
  /** Errors raised while writing artifacts (e.g. ENOSPC): the bundle cannot be trusted. */
  writeError?: Error;
}

/**
 * Runs sources with a deadline each. Artifacts are written to the bundle as they arrive, so a source
 * that times out still contributes what it sent before its deadline.
 */
export async function runSources(specs: SourceSpec[], writer: BundleWriter, opts: RunOptions): Promise<RunResult> {
  const issues: CollectionIssue[] = [];
  const records = new Map<string, SourceRecord>();
  let writeChain: Promise<void> = Promise.resolve();
  let writeError: Error | undefined;

  const handle = (spec: SourceSpec, rec: SourceRecord, m: WorkerMessage, seen: Set<string>): void => {
    opts.onEvent?.(spec.name, m);
    switch (m.type) {
      case 'artifact': {
        rec.artifacts++;
        const { name, origin, data, truncated, exitStatus, replayedFrom } = m;
        writeChain = writeChain.then(async () => {
          if (writeError) return;
          if (writer.has(name)) return;
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

  const runOne = async (spec: SourceSpec): Promise<void> => {
    const rec: SourceRecord = { name: spec.name, status: 'ok', durationMs: 0, devices: {}, artifacts: 0 };
    records.set(spec.name, rec);
    const seen = new Set<string>();
    const ownIssues = (): number => issues.filter((i) => i.source === spec.name).length;
    const issuesBefore = ownIssues();
    const t0 = performance.now();
    const outcome = opts.isolation === 'inline' ? await runInline(spec, opts, (m) => handle(spec, rec, m, seen)) : await runInProcess(spec, opts, (m) => handle(spec, rec, m, seen));
    rec.durationMs = Math.round(performance.now() - t0);
    rec.status = outcome.status;
    if (outcome.reason) rec.reason = outcome.reason;
    const failedReads = ownIssues() - issuesBefore;
    if (rec.status === 'ok' && failedReads > 0) {
      rec.status = 'partial';
      rec.reason = `${failedReads} read(s) failed; see issues`;
    }
  };

  const queue = [...specs];
  const workers = Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, queue.length)) }, async () => {
    for (let s = queue.shift(); s && !opts.signal?.aborted; s = queue.shift()) await runOne(s);
  });
  await Promise.all(workers);
  await writeChain;
  const sources = specs.flatMap((s) => records.get(s.name) ?? []);
  return { sources, issues, writeError };
}

interface Outcome {
  status: SourceStatus;
  reason?: string;
}

async function runInline(spec: SourceSpec, opts: RunOptions, onMessage: (m: WorkerMessage) => void): Promise<Outcome> {
  let outcome: Outcome | undefined;
  const work = (async () => {
    const source = await loadSource(spec.name, spec.modulePath);
    await executeSource(source, { root: opts.root, includeEeprom: opts.includeEeprom, transport: opts.transport }, (m) => {
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

function runInProcess(spec: SourceSpec, opts: RunOptions, onMessage: (m: WorkerMessage) => void): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = fork(workerEntry(), [String(process.pid)], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    let lastTarget = '';
    let settled = false;
    const finish = (o: Outcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', interrupt);
      child.removeAllListeners('message');
      resolve(o);
    };
    const kill = (o: Outcome): void => {
      child.kill('SIGKILL');
      child.unref();
      child.channel?.unref();
      child.stderr?.destroy();
      finish(o);
    };
    const where = (): string => (lastTarget ? ` while at ${lastTarget}` : '');
    const timer = setTimeout(() => kill({ status: 'timed_out', reason: `no result within ${opts.timeoutMs / 1000} s${where()}; worker killed` }), opts.timeoutMs);
    const interrupt = (): void => kill({ status: 'failed', reason: `interrupted${where()}; worker killed` });
    if (opts.signal?.aborted) interrupt();
    else opts.signal?.addEventListener('abort', interrupt, { once: true });
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 4096) stderr += d.toString();
    });
    child.on('message', (m: WorkerMessage) => {
      if (m.type === 'done') finish({ status: m.status, reason: m.reason });
      else {
        if (m.type === 'at') lastTarget = m.target;
        else if (m.type === 'artifact') lastTarget = m.name;
        onMessage(m);
      }
    });
    child.on('error', (e) => finish({ status: 'failed', reason: `worker could not start: ${e.message}` }));
    child.on('close', (code, signal) => {
      const tail = stderr.trim().split('\n').slice(-3).join(' | ');
      finish({ status: 'failed', reason: `worker exited (${signal ?? `code ${code}`}) before finishing${tail ? `: ${tail}` : ''}` });
    });
    const start: WorkerStart = { source: spec.name, modulePath: spec.modulePath, root: opts.root, includeEeprom: opts.includeEeprom };
    child.send(start);
  });
}
