/** The bundle contract. Bump FORMAT_VERSION on any incompatible change and document it in docs/bundle-format.md. */
export const FORMAT_NAME = 'fwsnap-bundle';
export const FORMAT_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';
/** PAX record holding an entry's own sha256 (an xattr-style key, so tar tools pass over it silently). */
export const PAX_SHA256 = 'SCHILY.xattr.user.fwsnap.sha256';
/** Longest entry name a bundle may hold, in bytes (PATH_MAX): longer names are refused by writer and reader. */
export const MAX_NAME_BYTES = 4096;

/**
 * A reader stops a bundle that inflates more than maxRatio times the compressed bytes read, once ratioGraceBytes are
 * inflated (a gzip bomb); the writer keeps every bundle it writes under it.
 */
export const RATIO_CAP = { maxRatio: 200, ratioGraceBytes: 64 * 1024 * 1024 } as const;

export type SourceStatus = 'ok' | 'partial' | 'failed' | 'timed_out' | 'skipped';

export type ArtifactOrigin =
  | { kind: 'file'; path: string }
  | { kind: 'link'; path: string }
  /** A directory's listing (`<dir>/.listing`): its entry names, one a line; a `.status` beside it when it could not be opened. */
  | { kind: 'dir'; path: string }
  | { kind: 'cmd'; argv: string[]; stream: 'stdout' | 'stderr' }
  | { kind: 'ioctl'; class: string; device: string; request: string; requestNumber: number; what: string }
  /** The exit status of a command or the return value of an ioctl, when not 0 (the entry holds it in decimal). */
  | { kind: 'status'; of: string };

export interface ArtifactRecord {
  name: string;
  source: string;
  origin: ArtifactOrigin;
  size: number;
  sha256: string;
  truncated: boolean;
  /** Exit status of a command, or the ioctl return value. */
  exitStatus?: number;
  /** For replayed artifacts: the file of the captured tree they came from. */
  replayedFrom?: string;
  /** For a bundle made by `fwsnap import`: the report's file the bytes came from (derived: not copied as they were). */
  imported?: ImportedFrom;
}

export interface ImportedFrom {
  /** Path inside the report (`sos_commands/networking/ethtool_-i_eth0`), or topic file and line (`network.txt:120`). */
  path: string;
  /** The bytes were derived from the report's (a value taken out of `uname -a`, a copy that lost its empty lines). */
  derived?: boolean;
}

export interface SourceRecord {
  name: string;
  status: SourceStatus;
  reason?: string;
  durationMs: number;
  devices: Record<string, number>;
  artifacts: number;
}

export interface CollectionIssue {
  source: string;
  /** Host path, argv or device the problem concerns. */
  target: string;
  code: string;
  message: string;
}

export interface HostFacts {
  hostname: string;
  kernelRelease: string;
  machine: string;
  time: string;
  uid: number;
  root: boolean;
  /** The live host, a --root tree, or a report (`fwsnap import`: a sosreport or supportconfig). */
  collectedFrom: 'host' | 'tree' | 'import';
}

/** What a tree or an imported report that holds no `proc/sys/kernel/<fact>` gives as the hostname, kernel release and machine. */
export const HOST_FACT_NOT_READ = 'unknown';

/** A host fact as read, or null when the bundle could not read it (a tree of saved outputs has no host to read). */
export const hostFactRead = (host: Pick<HostFacts, 'collectedFrom'>, value: string | null | undefined): string | null =>
  value === undefined || value === null || (host.collectedFrom !== 'host' && value === HOST_FACT_NOT_READ) ? null : value;

export interface CollectOptionsRecord {
  only?: string[];
  skip?: string[];
  timeoutSeconds: number;
  includeEeprom: boolean;
  /** `--include-gpu` was given (absent: it was not). */
  includeGpu?: boolean;
  replayTree: boolean;
  redacted?: { policy: string } | false;
  /** `fwsnap import`: the kind of report and the version of the tool that made it, when it says. */
  imported?: { report: 'sosreport' | 'supportconfig'; version?: string };
}

export interface Manifest {
  format: typeof FORMAT_NAME;
  formatVersion: number;
  tool: { name: string; version: string };
  host: HostFacts;
  options: CollectOptionsRecord;
  sources: SourceRecord[];
  artifacts: ArtifactRecord[];
  issues: CollectionIssue[];
  /** Artifacts deliberately left out (e.g. unknown binary layouts under redaction). */
  dropped?: { name: string; reason: string }[];
}

const UNSAFE = /[^A-Za-z0-9._:@+=,-]/g;

/** One path component made safe for an artifact name; keeps the common sysfs characters readable. */
export function safeComponent(s: string): string {
  const cleaned = s.replace(UNSAFE, (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0'));
  if (cleaned === '' || /^\.+$/.test(cleaned)) return cleaned.replace(/\./g, '%2e') || '%';
  return cleaned;
}

/**
 * `cmd/<tool>/<argv joined by _>.out` (stdout) or `.err` (stderr); the `copy`-th (2, 3, …) of several saved outputs a
 * replay stores for the same argv is `cmd/<tool>/<args>@<copy>.out`.
 */
export function commandArtifactName(argv: string[], stream: 'stdout' | 'stderr', copy?: number): string {
  const tool = safeComponent(argv[0]!.split('/').pop()!);
  const args = argv.slice(1).map(safeComponent).join('_') || '_';
  return `cmd/${tool}/${args}${copy !== undefined && copy > 1 ? `@${copy}` : ''}.${stream === 'stdout' ? 'out' : 'err'}`;
}

export function ioctlArtifactName(cls: string, device: string, what: string): string {
  return `ioctl/${safeComponent(cls)}/${safeComponent(device)}/${safeComponent(what)}.bin`;
}

/**
 * `cmd/<tool>/<args>.status` beside a command's `.out`/`.err`, `ioctl/<class>/<device>/<what>.status` beside an
 * ioctl's `.bin`: the exit status or return value in decimal, stored only when it is not 0; `<dir>/.listing.status`
 * beside a directory listing: the errno that kept the directory from being opened.
 */
export function statusArtifactName(artifactName: string): string {
  return `${artifactName.replace(/\.(?:out|err|bin)$/, '')}.status`;
}

/**
 * A symbolic link to a directory the bundle also mirrors (a PCI function, a block device) is stored inside
 * that directory as `.link`, so a file and a directory never share a name and `tar -x` works.
 */
export const DIR_LINK_NAME = '.link';

export function dirLinkArtifactName(hostPath: string): string {
  return `${fileArtifactName(hostPath)}/${DIR_LINK_NAME}`;
}

/**
 * A directory's listing, stored inside it as `.listing`: the names of its entries in name order, each followed by a
 * newline, a subdirectory's ending in `/` (an empty directory: an empty entry). A directory that does not exist gets an empty `.listing` and
 * `.listing.status` holding the errno (`2` for ENOENT), so a bundle tells "empty" from "absent" from "not looked at".
 */
export const DIR_LISTING_NAME = '.listing';

export function dirListingArtifactName(hostPath: string): string {
  return `${fileArtifactName(hostPath)}/${DIR_LISTING_NAME}`;
}

/**
 * What a bundle stores inside a directory about it, never entries of it: the link naming it, its listing and the
 * listing's status. A host file or directory of one of these names is stored with its dot escaped (`%2elisting`,
 * as safeComponent escapes, so no other host name becomes that), never in their place.
 */
export const DIR_ENTRY_NAMES: ReadonlySet<string> = new Set([DIR_LINK_NAME, DIR_LISTING_NAME, `${DIR_LISTING_NAME}.status`]);

/** A host name that is one of DIR_ENTRY_NAMES with its dot escaped; any other name as it is. */
export const escapeDirEntryName = (name: string): string => (DIR_ENTRY_NAMES.has(name) ? `%2e${name.slice(1)}` : name);

/** The reverse of escapeDirEntryName. */
export const unescapeDirEntryName = (name: string): string => (name.startsWith('%2e') && DIR_ENTRY_NAMES.has(`.${name.slice(3)}`) ? `.${name.slice(3)}` : name);

/** Host path (absolute, as read) to its mirrored artifact name. */
export function fileArtifactName(hostPath: string): string {
  const parts = hostPath.split('/').filter((p) => p !== '');
  return parts.map((p) => escapeDirEntryName(safeComponent(p))).join('/');
}

export function isSafeEntryName(name: string): boolean {
  if (name === '' || name.length > MAX_NAME_BYTES || Buffer.byteLength(name) > MAX_NAME_BYTES || name.startsWith('/') || name.includes('\0') || name.includes('\\')) return false;
  // Spellings other tools take for a separator, a drive's colon or `..`: fullwidth and compatibility forms fold to
  // them (NFKC), and Windows drops a component's trailing dots and spaces (`.. ` is `..`, `...` is `.`).
  const folded = /^[\x20-\x7e]*$/.test(name) ? name : name.normalize('NFKC');
  // A drive letter (C:, c:x, Ｃ：x) is a root to Windows tools.
  if (/^[A-Za-z]:/.test(folded)) return false;
  if (folded.includes('\\') || folded.split('/').length !== name.split('/').length) return false;
  return folded.split('/').every((p) => p !== '' && !/^[. ]+$/.test(p));
}

/** A name or other outside string as shown inside a message: JSON-quoted, and cut if long (its length given). */
export function quoted(s: string, max = 200): string {
  return s.length > max ? `${JSON.stringify(s.slice(0, max))}… (${Buffer.byteLength(s)} bytes)` : JSON.stringify(s);
}

/** An outside string kept for a record (a problem's entry): cut to MAX_NAME_BYTES characters. */
export function capped(s: string): string {
  // Copied, not sliced: a slice would keep the whole outside string alive for as long as the record lives.
  return s.length > MAX_NAME_BYTES ? `${Buffer.from(s.slice(0, MAX_NAME_BYTES), 'utf8').toString('utf8')}…` : s;
}
