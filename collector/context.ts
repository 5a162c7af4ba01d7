import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { commandArtifactName, DIR_LINK_NAME, dirLinkArtifactName, fileArtifactName, ioctlArtifactName, safeComponent } from '../bundle/format.js';
import { commandAllowed, replayAllowed } from './command-allowlist.js';
import { readBounded } from './fs-reader.js';
import { checkAllowed, IoctlRefused } from './ioctl/allowlist.js';
import type { IoctlTransport } from './ioctl/transport.js';
import type { Emit } from './run/messages.js';
import {
  SourceSkipped,
  type CommandOptions,
  type CommandResult,
  type FileReadOptions,
  type IoctlAnswer,
  type IoctlQuery,
  type SourceContext,
} from './source.js';

export const DEFAULT_FILE_CAP = 1024 * 1024;
export const DEFAULT_COMMAND_CAP = 16 * 1024 * 1024;
export const DEFAULT_COMMAND_TIMEOUT_MS = 5000;

export interface ContextOptions {
  sourceName: string;
  root: string;
  /**
   * Replay commands and ioctls from the tree instead of running them; defaults to root !== "/".
   * False with a tree root reads files from the tree but sends ioctls to the transport (tests).
   */
  replay?: boolean;
  includeEeprom: boolean;
  emit: Emit;
  /** Lazily provides the live ioctl transport; never called when replaying a tree. */
  transport?: () => IoctlTransport;
}

const errCode = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? 'EIO';

/** Reports a read failure, except that a missing file is not news. */
const QUIET_CODES = new Set(['ENOENT', 'ENODEV', 'ENXIO']);
/** What a sysfs show() returns for "no value now" (speed of a down link, phys_port_name without switchdev). */
const SYSFS_NO_VALUE_CODES = new Set(['EINVAL', 'EOPNOTSUPP', 'ENOTSUP', 'ENODATA']);

export class CollectContext implements SourceContext {
  readonly sourceName: string;
  readonly root: string;
  readonly replay: boolean;
  readonly includeEeprom: boolean;
  private readonly emit: Emit;
  private readonly transportFactory?: () => IoctlTransport;
  private transport?: IoctlTransport;
  private readonly stored = new Set<string>();

  constructor(o: ContextOptions) {
    this.sourceName = o.sourceName;
    this.root = o.root;
    this.replay = o.replay ?? o.root !== '/';
    this.includeEeprom = o.includeEeprom;
    this.emit = o.emit;
    this.transportFactory = o.transport;
  }

  private real(hostPath: string): string {
    return this.root === '/' ? hostPath : join(this.root, hostPath);
  }

  private store(name: string, m: Omit<Parameters<Emit>[0] & { type: 'artifact' }, 'type' | 'name'>): void {
    if (this.stored.has(name)) return;
    this.stored.add(name);
    this.emit({ type: 'artifact', name, ...m });
  }

  listDir(hostPath: string): string[] | undefined {
    try {
      return readdirSync(this.real(hostPath)).sort();
    } catch (e) {
      this.readFailed(hostPath, e);
      return undefined;
    }
  }

  exists(hostPath: string): boolean {
    return existsSync(this.real(hostPath));
  }

  isDir(hostPath: string): boolean {
    try {
      return statSync(this.real(hostPath)).isDirectory();
    } catch {
      return false;
    }
  }

  peekText(hostPath: string): string | undefined {
    try {
      return readBounded(this.real(hostPath), DEFAULT_FILE_CAP).data.toString('utf8');
    } catch {
      return undefined;
    }
  }

  collectFile(hostPath: string, opts: FileReadOptions = {}): Buffer | undefined {
    const maxBytes = opts.maxBytes ?? DEFAULT_FILE_CAP;
    try {
      const { data, truncated } = readBounded(this.real(hostPath), maxBytes, opts.tail, opts.records);
      this.store(fileArtifactName(hostPath), { origin: { kind: 'file', path: hostPath }, data, truncated, ...this.replayNote(hostPath) });
      return data;
    } catch (e) {
      this.readFailed(hostPath, e);
      return undefined;
    }
  }

  collectAttributes(hostDir: string, names?: readonly string[], exclude: readonly string[] = []): Map<string, Buffer> {
    const out = new Map<string, Buffer>();
    const candidates = names ?? this.listDir(hostDir) ?? [];
    for (const name of candidates) {
      if (exclude.includes(name)) continue;
      const p = `${hostDir}/${name}`;
      let st;
      try {
        st = statSync(this.real(p));
      } catch (e) {
        if (names) this.readFailed(p, e);
        continue;
      }
      // Write-only attributes (reset, remove, rescan…) have no read bit: never open them.
      if (!st.isFile() || (st.mode & 0o444) === 0) continue;
      const data = this.collectFile(p);
      if (data) out.set(name, data);
    }
    return out;
  }

  collectLink(hostPath: string, opts: { directory?: boolean } = {}): string | undefined {
    const name = opts.directory ? dirLinkArtifactName(hostPath) : fileArtifactName(hostPath);
    try {
      const target = readlinkSync(this.real(hostPath));
      this.store(name, { origin: { kind: 'link', path: hostPath }, data: Buffer.from(target), truncated: false });
      return target;
    } catch (e) {
      if (this.root !== '/' && errCode(e) === 'EINVAL') {
        // A captured tree may hold link targets as plain files, as a bundle stores them.
        const text = this.peekText(opts.directory ? `${hostPath}/${DIR_LINK_NAME}` : hostPath)?.trim();
        if (text !== undefined) {
          this.store(name, { origin: { kind: 'link', path: hostPath }, data: Buffer.from(text), truncated: false });
          return text;
        }
      }
      this.readFailed(hostPath, e);
      return undefined;
    }
  }

  hasCommand(tool: string): boolean {
    if (this.replay) return existsSync(join(this.root, 'cmd', tool));
    return (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(delimiter).some((d) => {
      try {
        accessSync(join(d, tool), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
  }

  savedOutputs(tool: string): string[] {
    if (!this.replay) return [];
    const dir = join(this.root, 'cmd', safeComponent(tool));
    try {
      return readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.out'))
        .map((e) => `cmd/${safeComponent(tool)}/${e.name}`)
        .sort();
    } catch {
      return [];
    }
  }

  runCommand(argv: string[], opts: CommandOptions = {}): CommandResult | undefined {
    if (opts.replayFrom !== undefined && !this.replay) return undefined;
    if (!(opts.replayFrom !== undefined ? replayAllowed(argv) : commandAllowed(argv))) {
      this.issue(argv.join(' '), 'REFUSED', 'command is not on the read-only allow-list');
      return undefined;
    }
    const outName = commandArtifactName(argv, 'stdout');
    const errName = commandArtifactName(argv, 'stderr');
    const maxBytes = opts.maxBytes ?? DEFAULT_COMMAND_CAP;
    let result: CommandResult;
    let truncated = false;
    if (this.replay) {
      const outFile = join(this.root, opts.replayFrom ?? outName);
      if (!existsSync(outFile)) return undefined;
      try {
        const stdout = readBounded(outFile, maxBytes);
        const sibling = (ext: string): string | undefined => (/\.(out|txt|log)$/.test(outFile) ? outFile.replace(/\.(out|txt|log)$/, ext) : undefined);
        const errFile = sibling('.err');
        const stderr = errFile !== undefined && existsSync(errFile) ? readBounded(errFile, maxBytes).data : Buffer.alloc(0);
        const statusFile = sibling('.status');
        const statusText = statusFile !== undefined && existsSync(statusFile) ? readBounded(statusFile, 64).data.toString() : '0';
        result = { stdout: stdout.data, stderr, exitStatus: Number.parseInt(statusText, 10) || 0 };
        truncated = stdout.truncated;
      } catch (e) {
        this.issue(argv.join(' '), errCode(e), `replayed output could not be read: ${(e as Error).message}`);
        return undefined;
      }
    } else {
      this.at(argv.join(' '));
      const r = spawnSync(argv[0]!, argv.slice(1), {
        timeout: opts.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
        killSignal: 'SIGKILL',
        maxBuffer: maxBytes,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      });
      if (r.error && errCode(r.error) === 'ENOENT') {
        this.issue(argv.join(' '), 'ENOENT', `${argv[0]} is not installed`);
        return undefined;
      }
      truncated = errCode(r.error) === 'ENOBUFS';
      if (r.error && !truncated) {
        const timedOut = errCode(r.error) === 'ETIMEDOUT';
        this.issue(argv.join(' '), timedOut ? 'ETIMEDOUT' : errCode(r.error), timedOut ? `no answer within ${opts.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS} ms; killed` : r.error.message);
      }
      result = { stdout: r.stdout ?? Buffer.alloc(0), stderr: r.stderr ?? Buffer.alloc(0), exitStatus: r.status ?? -1 };
    }
    const replayedFrom = this.replay ? (opts.replayFrom ?? outName) : undefined;
    this.store(outName, { origin: { kind: 'cmd', argv, stream: 'stdout' }, data: result.stdout, truncated, exitStatus: result.exitStatus, replayedFrom });
    this.store(errName, { origin: { kind: 'cmd', argv, stream: 'stderr' }, data: result.stderr, truncated: false, exitStatus: result.exitStatus, replayedFrom });
    return result;
  }

  ioctl(q: IoctlQuery): IoctlAnswer | undefined {
    const name = ioctlArtifactName(q.class, q.device, q.what);
    const origin = { kind: 'ioctl' as const, class: q.class, device: q.device, request: q.call.name, requestNumber: q.call.request, what: q.what };
    try {
      checkAllowed(q.call, { includeEeprom: this.includeEeprom });
    } catch (e) {
      this.issue(`${q.device}:${q.what}`, 'REFUSED', (e as Error).message);
      return undefined;
    }
    if (this.replay) {
      const file = join(this.root, name);
      if (!existsSync(file)) return undefined;
      let data: Buffer;
      try {
        data = readBounded(file, 64 * 1024 * 1024).data;
      } catch (e) {
        this.issue(`${q.device}:${q.what}`, errCode(e), `replayed answer could not be read: ${(e as Error).message}`);
        return undefined;
      }
      this.store(name, { origin, data, truncated: false, exitStatus: 0, replayedFrom: name });
      return { data, rc: 0, replayed: true };
    }
    if (!this.transportFactory) {
      this.issue(`${q.device}:${q.what}`, 'ENOTSUP', 'no ioctl transport on this platform');
      return undefined;
    }
    this.transport ??= this.transportFactory();
    this.at(`${q.call.name} ${q.device} ${q.what}`);
    const out = this.transport.call(q.call);
    if (out.rc < 0) {
      const code = errnoName(out.errno);
      if (code !== 'EOPNOTSUPP' && code !== 'ENOTSUP') this.issue(`${q.device}:${q.what}`, code, `${q.call.name} ${q.what} failed: ${code}`);
      return undefined;
    }
    const data = q.answer === 'arg' ? q.call.arg : q.call.pointers?.[q.answer]?.buffer;
    if (!data) throw new IoctlRefused(`answer buffer ${q.answer} does not exist`);
    const copy = Buffer.from(data);
    this.store(name, { origin, data: copy, truncated: false, exitStatus: out.rc });
    return { data: copy, rc: out.rc, replayed: false };
  }

  device(cls: string, id: string): void {
    this.emit({ type: 'device', cls, id });
  }

  issue(target: string, code: string, message: string): void {
    this.emit({ type: 'issue', issue: { target, code, message } });
  }

  skip(reason: string): never {
    throw new SourceSkipped(reason);
  }

  close(): void {
    this.transport?.close?.();
  }

  private at(target: string): void {
    this.emit({ type: 'at', target });
  }

  private replayNote(hostPath: string): { replayedFrom?: string } {
    return this.replay ? { replayedFrom: fileArtifactName(hostPath) } : {};
  }

  private readFailed(hostPath: string, e: unknown): void {
    const code = errCode(e);
    if (QUIET_CODES.has(code)) return;
    if (hostPath.startsWith('/sys/') && SYSFS_NO_VALUE_CODES.has(code)) return;
    this.issue(hostPath, code, code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message);
  }
}

const ERRNO_NAMES: Record<number, string> = {
  1: 'EPERM', 2: 'ENOENT', 5: 'EIO', 6: 'ENXIO', 13: 'EACCES', 16: 'EBUSY', 19: 'ENODEV', 22: 'EINVAL',
  25: 'ENOTTY', 61: 'ENODATA', 95: 'EOPNOTSUPP', 110: 'ETIMEDOUT',
};

export function errnoName(errno: number): string {
  return ERRNO_NAMES[errno] ?? `errno ${errno}`;
}
