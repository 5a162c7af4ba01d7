import type { OutputShape } from './output-shapes.js';
import type { ClassRedaction } from '../bundle/redact/layout.js';
import type { Mapped } from './import/mapping.js';
import type { AllowPolicy } from './ioctl/refused.js';

/** A collector source: what one device class reads on a host, declared under collector/classes/<class>/. */
export interface Source {
  name: string;
  description: string;
  collect(ctx: SourceContext): void | Promise<void>;
}

export interface FileReadOptions {
  /** Largest number of bytes stored; longer files are stored truncated and marked so. */
  maxBytes?: number;
  /** Keep only the last maxBytes (for logs) instead of the first. */
  tail?: boolean;
  /**
   * The path may be a record device such as /dev/kmsg: read one record per read() until EAGAIN, keeping the
   * last maxBytes of whole records. A regular file at that path (a captured tree) is read as usual.
   */
  records?: boolean;
}

export interface CommandOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /**
   * Replaying a tree: read the output from this tree file (a name a person saved it under, e.g. one
   * `savedOutputs` gave) instead of the argv's own name; the artifact is still stored under the argv's name.
   * Never runs anything; the argv is checked with the replay allow-list.
   */
  replayFrom?: string;
  /**
   * Replaying several saved outputs that stand for the same argv (two `ethtool -i` outputs, each naming no interface):
   * which one this is, from 1; the second and later are stored as `<args>@<copy>.out` so none hides another.
   */
  copy?: number;
}

export interface CommandResult {
  stdout: Buffer;
  stderr: Buffer;
  /** Process exit status; -1 when killed by the timeout or a signal. */
  exitStatus: number;
}

/** Where an ioctl goes: a network interface (through a socket) or a character device node. */
export type IoctlTarget = { kind: 'netdev'; ifname: string } | { kind: 'path'; path: string };

export interface IoctlPointer {
  /** Offset in `arg` where the kernel expects a user pointer (8 bytes, little-endian). */
  offset: number;
  buffer: Buffer;
}

export interface IoctlCall {
  target: IoctlTarget;
  /** The request's name as the class declares it (`SIOCETHTOOL`); the allow-list checks it against `request`. */
  name: string;
  request: number;
  /** The ioctl argument, sent as-is and updated in place. */
  arg: Buffer;
  /** Buffers the argument points to; their addresses are written at the given offsets before the call. */
  pointers?: IoctlPointer[];
}

export interface IoctlOutcome {
  /** ioctl's return value: 0, a positive device status (NVMe), or -1 with errno. */
  rc: number;
  errno: number;
}

export interface IoctlQuery {
  class: string;
  device: string;
  /** Artifact base name, e.g. "drvinfo" → ioctl/<class>/<device>/drvinfo.bin */
  what: string;
  call: IoctlCall;
  /** Which buffer holds the answer that is stored: the argument itself or one of the pointed-to buffers. */
  answer: 'arg' | number;
  /**
   * Offset in the argument of a u32 status the device answered (CXL's retval): when the ioctl itself succeeds, that
   * status is the return code stored and replayed, as NVMe's completion status is.
   */
  statusAt?: number;
}

export interface IoctlAnswer {
  data: Buffer;
  rc: number;
  replayed: boolean;
}

export interface SourceContext {
  readonly sourceName: string;
  /** True when collecting from a captured tree (`--root`): commands and ioctls are replayed, never executed. */
  readonly replay: boolean;
  readonly includeEeprom: boolean;
  /** `--include-gpu`: reads that call into a GPU's driver and firmware (per-GPU proc files, nvidia-smi) happen only then. */
  readonly includeGpu: boolean;

  /** Entries of a host directory, sorted; undefined (issue recorded unless ENOENT) when unreadable. */
  listDir(hostPath: string): string[] | undefined;
  /**
   * Stores a directory's listing as `<dir>/.listing` (docs/bundle-format.md) and returns its names, sorted, a
   * subdirectory's (or a link to one) ending in `/`: an empty
   * directory is recorded as empty and a missing one as absent (`.listing.status`: ENOENT), so that analysis can tell
   * them from a directory nobody looked at. Returns undefined when the directory is absent or unreadable. A captured
   * tree replays the listing it recorded; one that recorded none and lacks the directory records it absent only when
   * it holds the parent directory (else the tree did not capture that part of the host, and nothing is stored).
   */
  collectListing(hostDir: string): string[] | undefined;
  exists(hostPath: string): boolean;
  isDir(hostPath: string): boolean;
  /** Reads a file for discovery only, without storing it. */
  peekText(hostPath: string): string | undefined;
  /** Stores a file verbatim at its mirrored path and returns its bytes. */
  collectFile(hostPath: string, opts?: FileReadOptions): Buffer | undefined;
  /** Stores each readable regular file of a directory (not recursive), except those named in `exclude`. */
  collectAttributes(hostDir: string, names?: readonly string[], exclude?: readonly string[]): Map<string, Buffer>;
  /** Stores a symlink's target (as the entry's content) and returns it. */
  /** `directory`: the link names a directory the source also mirrors; stored as `<path>/.link`. */
  collectLink(hostPath: string, opts?: { directory?: boolean }): string | undefined;
  /** Runs (or, from a tree, replays) a read-only command; both streams are stored. */
  runCommand(argv: string[], opts?: CommandOptions): CommandResult | undefined;
  hasCommand(tool: string): boolean;
  /**
   * Replaying a tree: the `.out`, `.txt` and `.log` files under `cmd/<tool>/` (tree-relative names, sorted), however a person
   * named them; empty on a live host.
   */
  savedOutputs(tool: string): string[];
  /** Performs (or replays) an allow-listed, read-only ioctl and stores the answer. */
  ioctl(q: IoctlQuery): IoctlAnswer | undefined;
  /** Counts a discovered device for the summary and marks progress for timeout messages. */
  device(cls: string, id: string): void;
  issue(target: string, code: string, message: string): void;
  /** Ends the source as skipped, with the reason, when there is nothing for it on this host (replaying a tree, "on this host" reads "in the tree"). */
  skip(reason: string): never;
}

export class SourceSkipped extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** A device class as the collector knows it (registered in collector/classes/index.ts). */
/** A command a class may run or replay, with checks that its arguments (argv without the tool) only read. */
export interface CommandPolicy {
  /** Run on a live host (and replayed from a captured tree) when this accepts the arguments. */
  run?: (args: readonly string[]) => boolean;
  /** Replayed from a captured tree only, never run: outputs of tools not run live, saved queries, previews. */
  replay?: (args: readonly string[]) => boolean;
  /** Whether an output saved in a captured tree under this name (`cmd/<tool>/<name>`) is read; used to name the nearest such name for a file no class read. */
  saved?: (treeName: string) => boolean;
  /**
   * The command a saved output under this name (with this text) is replayed as, when the class's reader decides it:
   * two saved outputs standing for one command are one command's outputs, of which one is read.
   */
  standsFor?: (treeName: string, text?: string) => readonly string[] | undefined;
  /**
   * The command whose output a text is, told by its lines (as pasted-lines.ts leaves them) when nothing else names it: a
   * file at the top of a captured tree whose name names no tool and in which no command is typed (`attachment.txt`).
   * Only lines no other tool prints: a text two tools' shapes take is read by neither (collector/output-shapes.ts).
   */
  shape?: OutputShape;
  /** What a text is when its lines are this tool's output naming no device, of which nothing can be read (collector/unnamed-output.ts). */
  unnamed?: UnnamedShape;
}

/** A tool's output that names no device, told by its lines: what it is, and a command line and a file name that would name one. */
export interface UnnamedOutput {
  what: string;
  typed: string;
  named: string;
}

export type UnnamedShape = (lines: readonly string[]) => UnnamedOutput | undefined;

/** A class's commands by tool name (`argv[0]` without its directory). */
export type CommandPolicies = Readonly<Record<string, CommandPolicy>>;

/** An ioctl a class may issue: its request number and the check that refuses any call that could write. */
export interface IoctlPolicy {
  request: number;
  /** Throws IoctlRefused (collector/ioctl/refused.ts) unless the call only reads. */
  check(call: IoctlCall, policy: AllowPolicy): void;
}

/** A class's ioctls by request name. */
export type IoctlPolicies = Readonly<Record<string, IoctlPolicy>>;

export interface CollectorClass {
  name: string;
  /**
   * What it reads, run as one source named like the class: a single source must carry the class's name; several
   * run as parts of it in this order (see source-parts.ts).
   */
  sources: Source[];
  /** Earlier source names that `--only`/`--skip` still accept for it. */
  aliases?: readonly string[];
  /** What redaction must know about its artifacts (identifier layouts, plain binaries, seeds). */
  redaction?: ClassRedaction;
  /** The commands its sources run or replay, gathered by the shared allow-list (collector/command-allowlist.ts). */
  commands?: CommandPolicies;
  /** The ioctls its sources issue, gathered by the shared allow-list (collector/ioctl/allowlist.ts). */
  ioctls?: IoctlPolicies;
  /** What `fwsnap import` takes for it out of a sosreport or supportconfig (gathered by collector/import/declared.ts). */
  imports?: ClassImports;
}

/** A command whose saved output an import keeps from a report. */
export interface ImportedCommand {
  /** Whether an output of these arguments (argv without the tool) is kept; default: what the class may replay (`commands`). */
  kept?: (args: readonly string[]) => boolean;
  /**
   * Whether the class reads the kept output from the tree (`cmd/<tool>/…`, as a pasted output); otherwise the
   * import stores it itself, and in the tree it would only make the class look for something else.
   */
  readFromTree?: boolean | ((args: readonly string[]) => boolean);
  /** The arguments of a sos command-file name (after `<tool>_`) when the generic reading would get them wrong; undefined: read generically. */
  sosArgs?: (name: string) => string[] | undefined;
}

/** A class's part of a foreign report, in the report's own layout: which files it needs and the tree entries they give. */
export interface ReportFiles {
  wants(path: string): boolean;
  map(kept: readonly string[], read: (path: string) => Buffer): Mapped[];
}

export interface ClassImports {
  /** Commands whose saved outputs the class reads or stores, by tool (a tool two classes declare is refused). */
  commands?: Readonly<Record<string, ImportedCommand>>;
  /** Host files (paths without the leading `/`) it reads that reports copy at their host paths. */
  hostFiles?: readonly RegExp[];
  /**
   * supportconfig's conf_files drops a copied file's empty and comment lines: the lines as the class reads them,
   * by host path (`/proc/cpuinfo` gets back the empty line before each processor block).
   */
  restoreConfFile?: Readonly<Record<string, (lines: readonly string[]) => string[]>>;
  /** sos plugins whose command outputs hold its commands (`sos_commands/<plugin>/`). */
  sosPlugins?: readonly string[];
  /** Files of a sosreport in its own layout (not a host path, not a command output) that the class maps itself. */
  sosFiles?: ReportFiles;
  /** supportconfig topic files that hold its commands and files, by name or pattern. */
  supportconfigTopics?: readonly (string | RegExp)[];
  /** Device tools whose outputs a report may hold in forms with no bundle counterpart (reported NOT_MAPPED); `x*` is a prefix. */
  reportTools?: readonly string[];
}
