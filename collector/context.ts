import { constants as osConstants } from 'node:os';
import { posix } from 'node:path';
import { asUtf8 } from '../bundle/saved-text.js';
import { commandArtifactName, dirLinkArtifactName, dirListingArtifactName, fileArtifactName, ioctlArtifactName, statusArtifactName } from '../bundle/format.js';
import { commandAllowed, replayAllowed } from './command-allowlist.js';
import { SAVED_OUTPUT_EXT, savedArgsName } from './saved-output-name.js';
import type { HostReader, Problem } from './host/reader.js';
import { checkAllowed } from './ioctl/allowlist.js';
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
  /** The host as this context reads it: live, or a captured tree. */
  reader: HostReader;
  includeEeprom: boolean;
  includeGpu?: boolean;
  emit: Emit;
}

const errCode = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? 'EIO';

/** Reports a read failure, except that a missing file is not news. */
const QUIET_CODES = new Set(['ENOENT', 'ENODEV', 'ENXIO']);
/** What a sysfs show() returns for "no value now" (speed of a down link, phys_port_name without switchdev). */
const SYSFS_NO_VALUE_CODES = new Set(['EINVAL', 'EOPNOTSUPP', 'ENOTSUP', 'ENODATA']);
/** Names that are not valid UTF-8 reported one by one in a directory; the rest are counted. */
const MAX_SKIPPED_NAMES = 20;
/** Entries of one directory read (a real sysfs directory holds at most a few thousand: devices of a class, attributes). */
export const MAX_DIR_ENTRIES = 16_384;

type StoredFields = Omit<Parameters<Emit>[0] & { type: 'artifact' }, 'type' | 'name'>;

/** What sources see: reads through a HostReader, with every artifact stored once and every failure reported. */
export class CollectContext implements SourceContext {
  readonly sourceName: string;
  readonly includeEeprom: boolean;
  readonly includeGpu: boolean;
  private readonly reader: HostReader;
  private readonly emit: Emit;
  private readonly stored = new Set<string>();

  constructor(o: ContextOptions) {
    this.sourceName = o.sourceName;
    this.reader = o.reader;
    this.includeEeprom = o.includeEeprom;
    this.includeGpu = o.includeGpu ?? false;
    this.emit = o.emit;
  }

  get replay(): boolean {
    return this.reader.captured;
  }

  private store(name: string, m: StoredFields): void {
    if (this.stored.has(name)) return;
    this.stored.add(name);
    this.emit({ type: 'artifact', name, ...m });
  }

  /** A non-zero exit status or ioctl return value is also stored on its own, so that a captured tree replays it. */
  private storeStatus(of: string, status: number, replayedFrom: string | undefined): void {
    if (status === 0) return;
    const name = statusArtifactName(of);
    this.store(name, { origin: { kind: 'status', of }, data: Buffer.from(`${status}\n`), truncated: false, ...(replayedFrom ? { replayedFrom } : {}) });
  }

  /** A directory's names, sorted and capped (with issues for names that cannot be read); throws what the reader throws. */
  private listNames(hostPath: string): { names: string[]; cut: boolean } {
    let skipped = 0;
    const names = this.reader.list(hostPath, (name) => {
      if (++skipped <= MAX_SKIPPED_NAMES) this.issue(`${hostPath}/${name}`, 'EILSEQ', 'the name is not valid UTF-8; not read');
    });
    if (skipped > MAX_SKIPPED_NAMES) this.issue(hostPath, 'EILSEQ', `${skipped - MAX_SKIPPED_NAMES} more names that are not valid UTF-8; not read`);
    names.sort();
    if (names.length <= MAX_DIR_ENTRIES) return { names, cut: false };
    this.issue(hostPath, 'E2BIG', `${names.length} entries; only the first ${MAX_DIR_ENTRIES} in name order were read`);
    return { names: names.slice(0, MAX_DIR_ENTRIES), cut: true };
  }

  listDir(hostPath: string): string[] | undefined {
    try {
      return this.listNames(hostPath).names;
    } catch (e) {
      this.readFailed(hostPath, e);
      return undefined;
    }
  }

  collectListing(hostDir: string): string[] | undefined {
    const name = dirListingArtifactName(hostDir);
    const origin = { kind: 'dir', path: hostDir } as const;
    const store = (names: readonly string[], truncated: boolean, replayedFrom?: string): void =>
      this.store(name, { origin, data: Buffer.from(names.map((n) => `${n}\n`).join('')), truncated, ...(replayedFrom ? { replayedFrom } : {}) });
    let recorded;
    try {
      recorded = this.reader.recordedListing?.(hostDir);
    } catch (e) {
      this.readFailed(name, e);
      return undefined;
    }
    if (recorded) {
      if (recorded.problem) this.problem(name, recorded.problem);
      const names = recorded.errno === 0 ? [...recorded.names].sort() : [];
      store(names, recorded.truncated, recorded.replayedFrom);
      this.storeStatus(name, recorded.errno, recorded.statusFrom);
      return recorded.errno === 0 ? names : undefined;
    }
    let listed;
    try {
      listed = this.listNames(hostDir);
    } catch (e) {
      const code = errCode(e);
      const errno = code === 'ENOENT' || code === 'ENOTDIR' ? osConstants.errno[code] : undefined;
      if (errno === undefined) {
        this.readFailed(hostDir, e);
        return undefined;
      }
      // A captured tree without the parent directory did not capture that part of the host: absence proves nothing.
      if (this.replay && !this.isDir(posix.dirname(hostDir))) return undefined;
      store([], false);
      this.storeStatus(name, errno, undefined);
      return undefined;
    }
    const names = listed.names.map((n) => (this.isDir(`${hostDir}/${n}`) ? `${n}/` : n));
    store(names, listed.cut);
    return names;
  }

  exists(hostPath: string): boolean {
    try {
      this.reader.stat(hostPath);
      return true;
    } catch {
      return false;
    }
  }

  isDir(hostPath: string): boolean {
    try {
      return this.reader.stat(hostPath).type === 'dir';
    } catch {
      return false;
    }
  }

  peekText(hostPath: string): string | undefined {
    try {
      return asUtf8(this.reader.readFile(hostPath, { maxBytes: DEFAULT_FILE_CAP }).data).toString('utf8');
    } catch {
      return undefined;
    }
  }

  collectFile(hostPath: string, opts: FileReadOptions = {}): Buffer | undefined {
    try {
      const { data, truncated, replayedFrom } = this.reader.readFile(hostPath, { maxBytes: opts.maxBytes ?? DEFAULT_FILE_CAP, tail: opts.tail, records: opts.records });
      this.store(fileArtifactName(hostPath), { origin: { kind: 'file', path: hostPath }, data, truncated, ...(replayedFrom ? { replayedFrom } : {}) });
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
        st = this.reader.stat(p);
      } catch (e) {
        if (names) this.readFailed(p, e);
        continue;
      }
      // Write-only attributes (reset, remove, rescan…) have no read bit: never open them.
      if (st.type !== 'file' || (st.mode & 0o444) === 0) continue;
      const data = this.collectFile(p);
      if (data) out.set(name, data);
    }
    return out;
  }

  collectLink(hostPath: string, opts: { directory?: boolean } = {}): string | undefined {
    const name = opts.directory ? dirLinkArtifactName(hostPath) : fileArtifactName(hostPath);
    try {
      const target = this.reader.readLink(hostPath);
      this.store(name, { origin: { kind: 'link', path: hostPath }, data: Buffer.from(target), truncated: false });
      return target;
    } catch (e) {
      this.readFailed(hostPath, e);
      return undefined;
    }
  }

  hasCommand(tool: string): boolean {
    return this.reader.hasCommand(tool);
  }

  /**
   * Sorted, a name with an extension before one without: of two files of one command, the one with an extension is read.
   * Then by the name's arguments alone (savedArgsName), so that an output saved at the top of the tree (`smartctl
   * scsi.json`) comes where it would under cmd/<tool>/ (`scsi.json`): of two files of one command, the same one is read
   * wherever they are saved. An excerpt (a ticket's `nvme id-ctrl /dev/nvme0 | grep fr`) comes after every whole output:
   * of an excerpt and the whole output of one command, saved anywhere in the tree, the whole one is read.
   */
  savedOutputs(tool: string): string[] {
    const excerpt = (n: string): number => (this.reader.excerpt?.(n) ? 1 : 0);
    const bare = (n: string): number => (SAVED_OUTPUT_EXT.test(n) ? 0 : 1);
    const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    return this.reader.savedOutputs(tool).sort((a, b) => excerpt(a) - excerpt(b) || bare(a) - bare(b) || cmp(savedArgsName(a, tool), savedArgsName(b, tool)) || cmp(a, b));
  }

  runCommand(argv: string[], opts: CommandOptions = {}): CommandResult | undefined {
    const target = argv.join(' ');
    // A saved output (replayFrom) may hold a read that is never run: its own, wider allow-list.
    if (!(opts.replayFrom !== undefined ? replayAllowed(argv) : commandAllowed(argv))) {
      this.issue(target, 'REFUSED', 'command is not on the read-only allow-list');
      return undefined;
    }
    this.at(target);
    const r = this.reader.run(argv, { timeoutMs: opts.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS, maxBytes: opts.maxBytes ?? DEFAULT_COMMAND_CAP, replayFrom: opts.replayFrom });
    if (r.problem) this.problem(target, r.problem);
    if (!r.ran) return undefined;
    const outName = commandArtifactName(argv, 'stdout', opts.copy);
    const from = r.replayedFrom ? { replayedFrom: r.replayedFrom } : {};
    this.store(outName, { origin: { kind: 'cmd', argv, stream: 'stdout' }, data: r.stdout, truncated: r.truncated, exitStatus: r.exitStatus, ...from });
    this.store(commandArtifactName(argv, 'stderr', opts.copy), { origin: { kind: 'cmd', argv, stream: 'stderr' }, data: r.stderr, truncated: false, exitStatus: r.exitStatus, ...from });
    this.storeStatus(outName, r.exitStatus, r.statusFrom);
    return { stdout: r.stdout, stderr: r.stderr, exitStatus: r.exitStatus };
  }

  ioctl(q: IoctlQuery): IoctlAnswer | undefined {
    const target = `${q.device}:${q.what}`;
    try {
      checkAllowed(q.call, { includeEeprom: this.includeEeprom });
    } catch (e) {
      this.issue(target, 'REFUSED', (e as Error).message);
      return undefined;
    }
    this.at(`${q.call.name} ${q.device} ${q.what}`);
    let r;
    try {
      r = this.reader.ioctl(q);
    } catch (e) {
      // A refusal below the allow-list check above is a bug, not a device's answer: the source fails.
      if ((e as NodeJS.ErrnoException).code === undefined) throw e;
      this.issue(target, errCode(e), (e as Error).message);
      return undefined;
    }
    if (!r) return undefined;
    if (r.problem) this.problem(target, r.problem);
    if (r.rc < 0 || !r.data) {
      const code = errnoName(r.errno);
      if (code !== 'EOPNOTSUPP' && code !== 'ENOTSUP') this.issue(target, code, `${q.call.name} ${q.what} failed: ${code}`);
      return undefined;
    }
    const name = ioctlArtifactName(q.class, q.device, q.what);
    const origin = { kind: 'ioctl' as const, class: q.class, device: q.device, request: q.call.name, requestNumber: q.call.request, what: q.what };
    this.store(name, { origin, data: r.data, truncated: false, exitStatus: r.rc, ...(r.replayedFrom ? { replayedFrom: r.replayedFrom } : {}) });
    this.storeStatus(name, r.rc, r.statusFrom);
    return { data: r.data, rc: r.rc, replayed: r.replayedFrom !== undefined };
  }

  device(cls: string, id: string): void {
    this.emit({ type: 'device', cls, id });
  }

  /** The issue names a file of the tree by its own name, also one saved loose at the top and read as under `cmd/<tool>/`. */
  issue(target: string, code: string, message: string): void {
    this.emit({ type: 'issue', issue: { target: this.reader.ownName?.(target) ?? target, code, message } });
  }

  skip(reason: string): never {
    // Classes say why of a live host; a captured tree is no host, and its manifest says so of the tree.
    throw new SourceSkipped(this.reader.captured ? reason.replace(/ on this host\b/g, ' in the tree') : reason);
  }

  close(): void {
    this.reader.close();
  }

  private problem(target: string, p: Problem): void {
    this.issue(target, p.code, p.message);
  }

  private at(target: string): void {
    this.emit({ type: 'at', target });
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
