import { spawnSync } from 'node:child_process';
import { accessSync, constants, readlinkSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { commandAllowed } from '../command-allowlist.js';
import { readBounded } from '../fs-reader.js';
import { checkAllowed, IoctlRefused } from '../ioctl/allowlist.js';
import type { IoctlTransport } from '../ioctl/transport.js';
import type { IoctlQuery } from '../source.js';
import { fsError, utf8Names, type CommandReply, type HostReader, type HostStat, type IoctlReply, type ReadRequest, type RunRequest } from './reader.js';

const errCode = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? 'EIO';

export function hostStat(st: { isFile(): boolean; isDirectory(): boolean; mode: number }): HostStat {
  return { type: st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other', mode: st.mode };
}

/**
 * Sends an ioctl to a transport and copies out the answer buffer. The allow-list is checked here once more,
 * right before the call, whoever the caller is.
 */
export function performIoctl(transport: IoctlTransport, q: IoctlQuery, includeEeprom: boolean): IoctlReply {
  checkAllowed(q.call, { includeEeprom });
  const out = transport.call(q.call);
  if (out.rc < 0) return { rc: out.rc, errno: out.errno };
  const data = q.answer === 'arg' ? q.call.arg : q.call.pointers?.[q.answer]?.buffer;
  if (!data) throw new IoctlRefused(`answer buffer ${q.answer} does not exist`);
  const rc = out.rc === 0 && q.statusAt !== undefined ? q.call.arg.readUInt32LE(q.statusAt) : out.rc;
  return { rc, errno: 0, data: Buffer.from(data) };
}

export interface LiveReaderOptions {
  includeEeprom: boolean;
  /** Lazily provides the ioctl transport (koffi in a worker process, a fake kernel in tests). */
  transport?: () => IoctlTransport;
}

/** The running host: files opened read-only, allow-listed commands spawned, allow-listed ioctls sent. */
export class LiveReader implements HostReader {
  readonly captured = false;
  private transport?: IoctlTransport;

  constructor(private readonly o: LiveReaderOptions) {}

  list(path: string, skipped?: (name: string) => void): string[] {
    return utf8Names(path, skipped);
  }

  stat(path: string): HostStat {
    return hostStat(statSync(path));
  }

  readFile(path: string, req: ReadRequest) {
    return readBounded(path, req.maxBytes, req.tail, req.records);
  }

  readLink(path: string): string {
    return readlinkSync(path);
  }

  hasCommand(tool: string): boolean {
    return (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(delimiter).some((d) => {
      try {
        accessSync(join(d, tool), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
  }

  savedOutputs(): string[] {
    return [];
  }

  run(argv: string[], req: RunRequest): CommandReply {
    // A saved output exists only in a captured tree; such a command is never run.
    if (req.replayFrom !== undefined) return { ran: false };
    if (!commandAllowed(argv)) return { ran: false, problem: { code: 'REFUSED', message: 'command is not on the read-only allow-list' } };
    const r = spawnSync(argv[0]!, argv.slice(1), {
      timeout: req.timeoutMs,
      killSignal: 'SIGKILL',
      maxBuffer: req.maxBytes,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    });
    if (r.error && errCode(r.error) === 'ENOENT') return { ran: false, problem: { code: 'ENOENT', message: `${argv[0]} is not installed` } };
    const truncated = errCode(r.error) === 'ENOBUFS';
    let problem;
    if (r.error && !truncated) {
      const timedOut = errCode(r.error) === 'ETIMEDOUT';
      problem = timedOut ? { code: 'ETIMEDOUT', message: `no answer within ${req.timeoutMs} ms; killed` } : { code: errCode(r.error), message: r.error.message };
    }
    // Past maxBuffer the child is killed, but what was read by then can exceed it: the cap is the cap.
    const capped = (b: Buffer | null): Buffer => (b ? (b.length > req.maxBytes ? b.subarray(0, req.maxBytes) : b) : Buffer.alloc(0));
    return { ran: true, stdout: capped(r.stdout), stderr: capped(r.stderr), exitStatus: r.status ?? -1, truncated, problem };
  }

  ioctl(q: IoctlQuery): IoctlReply {
    if (!this.o.transport) throw fsError('ENOTSUP', 'no ioctl transport on this platform');
    this.transport ??= this.o.transport();
    return performIoctl(this.transport, q, this.o.includeEeprom);
  }

  close(): void {
    this.transport?.close?.();
  }
}
