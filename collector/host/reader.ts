import { readdirSync } from 'node:fs';
import type { ReadOutcome } from '../fs-reader.js';
import type { IoctlQuery } from '../source.js';

export type { ReadOutcome };

/** What a path is, after following links: only regular files are ever opened for reading. */
export interface HostStat {
  type: 'file' | 'dir' | 'other';
  /** Permission bits (a write-only sysfs attribute has no read bit). */
  mode: number;
}

export interface ReadRequest {
  maxBytes: number;
  /** Keep the last maxBytes instead of the first. */
  tail?: boolean;
  /** The path may be a record device such as /dev/kmsg (FileReadOptions.records). */
  records?: boolean;
}

export interface RunRequest {
  timeoutMs: number;
  maxBytes: number;
  /** A captured tree reads this `cmd/<tool>/<name>.out` (one savedOutputs gave) instead of the argv's own name. */
  replayFrom?: string;
}

export interface Problem {
  code: string;
  message: string;
}

export type CommandReply =
  /** Output to store; `problem` (a time-out, say) is recorded as an issue besides; `statusFrom`: the captured entry of a non-zero status. */
  | { ran: true; stdout: Buffer; stderr: Buffer; exitStatus: number; truncated: boolean; problem?: Problem; replayedFrom?: string; statusFrom?: string }
  /** Nothing to store: `problem` says why, or there is simply no such output (a captured tree without it). */
  | { ran: false; problem?: Problem };

export interface RecordedListing {
  names: string[];
  /** The recording kept only the first names (the collector's cap). */
  truncated: boolean;
  /** 0, or the errno the directory could not be opened with when it was recorded (2: it did not exist). */
  errno: number;
  replayedFrom: string;
  statusFrom: string;
  problem?: Problem;
}

export interface IoctlReply {
  /** 0, a positive device status (NVMe), or negative with errno. */
  rc: number;
  errno: number;
  /** The answer buffer, when rc >= 0. */
  data?: Buffer;
  replayedFrom?: string;
  /** The captured entry the non-zero rc came from. */
  statusFrom?: string;
  /** Recorded as an issue besides (a captured status that could not be read). */
  problem?: Problem;
}

/**
 * One way to read a host, live or captured. Paths are host paths ("/sys/…"). File methods throw errors
 * carrying an errno-style `code`; command and ioctl methods report through their replies.
 */
export interface HostReader {
  /** True when what is read was recorded elsewhere (a captured tree): stored artifacts say where from. */
  readonly captured: boolean;
  /** Directory entries, unsorted; names that are not valid UTF-8 cannot be named again: they go to `skipped` (escaped). */
  list(path: string, skipped?: (name: string) => void): string[];
  /** Follows links (within the tree, for a captured one). */
  stat(path: string): HostStat;
  readFile(path: string, req: ReadRequest): ReadOutcome & { replayedFrom?: string };
  /** A symbolic link's target text; EINVAL when the path is no link. */
  readLink(path: string): string;
  /**
   * A captured tree's recorded listing of a directory (`<dir>/.listing` of an extracted bundle, with the errno of its
   * `.status`); undefined when it recorded none, and on a live host.
   */
  recordedListing?(path: string): RecordedListing | undefined;
  hasCommand(tool: string): boolean;
  /** The `.out`, `.txt`, `.log` and `.json` files, and files with no extension, a captured tree holds under `cmd/<tool>/`, however they were named (tree-relative); none live. */
  savedOutputs(tool: string): string[];
  /**
   * The name a tree-relative path has on disk: an output saved loose at the top of a captured tree for the
   * `cmd/<tool>/<file>` name it is read as; any other path as given.
   */
  ownName?(path: string): string;
  /** Whether a tree-relative path is a part of a text typed with a filter after its command (`| grep fr`): an excerpt of the output. */
  excerpt?(path: string): boolean;
  /** Runs (live) or replays (captured) a command the caller has checked against the allow-list. */
  run(argv: string[], req: RunRequest): CommandReply;
  /** Performs (live) or replays an ioctl the caller has checked; undefined when a captured tree has no answer. */
  ioctl(q: IoctlQuery): IoctlReply | undefined;
  close(): void;
}

export const fsError = (code: string, message: string): NodeJS.ErrnoException => Object.assign(new Error(message), { code });

/** A directory's entries whose names are valid UTF-8; the others, escaped byte by byte (\xNN), go to `skipped`. */
export function utf8Names(dir: string, skipped?: (name: string) => void): string[] {
  const out: string[] = [];
  for (const raw of readdirSync(dir, { encoding: 'buffer' })) {
    const name = raw.toString('utf8');
    if (Buffer.byteLength(name) === raw.length && Buffer.from(name).equals(raw)) out.push(name);
    else skipped?.([...raw].map((b) => (b >= 0x21 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join(''));
  }
  return out;
}
