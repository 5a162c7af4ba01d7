import { hostname, release, machine } from 'node:os';
import { outputFailure } from '../bundle/output-failure.js';
import { basename, dirname, relative, resolve } from 'node:path';
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { FORMAT_NAME, FORMAT_VERSION, type ArtifactRecord, type CollectionIssue, type CollectOptionsRecord, HOST_FACT_NOT_READ, type HostFacts, type Manifest } from '../bundle/format.js';
import { BundleWriter, OutputExistsError } from '../bundle/writer.js';
import { MAX_PATH_CHARS, MAX_TEXT_CHARS } from '../bundle/manifest-schema.js';
import { TOOL_VERSION } from '../bundle/version.js';
import type { RedactOptions } from './redact-run.js';
import { openHost } from './host/open-host.js';
import type { HostReader } from './host/reader.js';
import { TreeReader } from './host/tree-reader.js';
import type { IoctlTransport } from './ioctl/transport.js';
import { runSources, type SourceSpec } from './run/runner.js';
import type { WorkerMessage } from './run/messages.js';
import { SOURCE_ALIASES, SOURCE_NAMES, canonicalSourceName } from './classes/index.js';
import { MAX_TIMEOUT_SECONDS } from './timeout-limit.js';
import { keepLeftovers } from './keep-leftovers.js';
import { notTreeWords } from './not-tree-words.js';
import { isTextFile, withOneFileTree } from './one-file-tree.js';
import type { HostOutput } from './parallel-shell-hosts.js';
import { severalHosts, textHosts } from './text-hosts.js';
import { nothingReadReason } from './unnamed-output.js';
import { sameFile } from '../bundle/same-file.js';

export interface CollectOptions {
  output: string;
  /** Replace an existing regular file at output (default true; the CLI sets it from --force). */
  overwrite?: boolean;
  root?: string;
  /** The text file given as root, now read as a tree holding it alone: refused when nothing in it is read. */
  text?: string;
  /** Of a text given as root that is a parallel shell's output of several hosts, the one host to collect, as split. */
  host?: HostOutput;
  /** The collected host's name, where the tree does not hold it (one host of a parallel shell's output). */
  hostname?: string;
  only?: string[];
  skip?: string[];
  timeoutSeconds?: number;
  includeEeprom?: boolean;
  /** Also the reads that reach GPU firmware (docs/artifacts/gpu.md). */
  includeGpu?: boolean;
  /** Redact while collecting (docs/redaction.md). */
  redact?: RedactOptions;
  /** Extra or replacement sources (tests). */
  sources?: SourceSpec[];
  isolation?: 'process' | 'inline';
  transport?: () => IoctlTransport;
  onEvent?: (source: string, m: WorkerMessage) => void;
  /** Aborts the run (SIGINT/SIGTERM): the partial bundle is removed. */
  signal?: AbortSignal;
  /** `fwsnap import`: the tree was built from a report (collector/import/). */
  importing?: ImportHooks;
}

/** How `fwsnap import` takes part in a collection over the tree it built from a report. */
export interface ImportHooks {
  host: HostFacts;
  options: NonNullable<CollectOptionsRecord['imported']>;
  /** Applied to each artifact's record: where in the report it came from. */
  annotate(record: ArtifactRecord): ArtifactRecord;
  /** After the sources: stores what no class read, and says what could not be mapped. */
  finish(writer: BundleWriter): Promise<CollectionIssue[]>;
}

export interface CollectResult {
  path: string;
  /** Where the redaction map was written (with `redact`). */
  mapPath?: string;
  manifest: Manifest;
  bytes: number;
  /** How many artifacts the bundle holds (manifest.artifacts reads them all back from disk). */
  artifactCount: number;
}

export class CollectError extends Error {}

/** A text file given as the tree held nothing any class reads: no bundle is written, the text being all it would hold. */
export class NothingReadError extends CollectError {
  constructor(
    readonly text: string,
    /** Why, for the text's reader: what it holds, when its lines are one tool's output naming no device. */
    readonly reason: string,
  ) {
    super(`${text}: ${reason}; no bundle written`);
  }
}

const cut = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export { MAX_TIMEOUT_SECONDS } from './timeout-limit.js';

function readTree(tree: HostReader, hostPath: string): string | undefined {
  try {
    return tree.readFile(hostPath, { maxBytes: 4096 }).data.toString('utf8').trim();
  } catch {
    return undefined;
  }
}

/** What to tell the user when the output file could not be written. */
export { outputFailure };

export function hostFacts(root: string): HostFacts {
  const uid = process.getuid?.() ?? -1;
  const base = { time: new Date().toISOString(), uid, root: uid === 0 };
  if (root === '/') return { ...base, hostname: hostname(), kernelRelease: release(), machine: machine(), collectedFrom: 'host' };
  const tree = new TreeReader(root);
  return {
    ...base,
    hostname: readTree(tree, '/proc/sys/kernel/hostname') ?? HOST_FACT_NOT_READ,
    kernelRelease: readTree(tree, '/proc/sys/kernel/osrelease') ?? HOST_FACT_NOT_READ,
    machine: readTree(tree, '/proc/sys/kernel/arch') ?? HOST_FACT_NOT_READ,
    collectedFrom: 'tree',
  };
}

export function selectSources(only?: string[], skip?: string[]): { run: string[]; skipped: string[] } {
  const canonical = (names: string[] | undefined): string[] | undefined =>
    names?.map((n) => {
      const c = canonicalSourceName(n);
      if (!c) throw new CollectError(`unknown source "${n}" (known: ${SOURCE_NAMES.join(', ')}; earlier names: ${[...SOURCE_ALIASES.keys()].join(', ')})`);
      return c;
    });
  const wanted = canonical(only);
  const unwanted = canonical(skip);
  const run = SOURCE_NAMES.filter((n) => (!wanted?.length || wanted.includes(n)) && !unwanted?.includes(n));
  return { run, skipped: SOURCE_NAMES.filter((n) => !run.includes(n)) };
}

/** The tree names of files (the bundle `-o` writes, its `.partial` file while written) that fall inside the tree. */
function inTree(root: string, files: readonly string[]): string[] {
  let top: string;
  try {
    top = realpathSync(root);
  } catch {
    return [];
  }
  return files.flatMap((f) => {
    let dir: string;
    try {
      dir = realpathSync(dirname(resolve(f)));
    } catch {
      return [];
    }
    const at = relative(top, dir);
    if (at === '..' || at.startsWith('../') || resolve(top, at) !== dir) return [];
    return [at === '' ? basename(f) : `${at}/${basename(f)}`];
  });
}

export async function collect(o: CollectOptions): Promise<CollectResult> {
  if (o.root !== undefined && !o.importing && isTextFile(o.root)) {
    if (sameFile(o.root, o.output)) throw new CollectError(`-o ${o.output} is the file given as --root; the bundle is written elsewhere, never over what it reads`);
    const hosts = o.host === undefined ? textHosts(o.root) : undefined;
    if (hosts) throw new CollectError(`${o.root}: ${severalHosts(hosts)}`);
    return withOneFileTree(o.root, (tree) => collect({ ...o, root: tree, text: o.root, host: undefined, hostname: o.host?.host }), o.host?.text);
  }
  const root = o.root ? resolve(o.root) : '/';
  if (root !== '/') {
    let st;
    try {
      st = statSync(root);
    } catch {
      throw new CollectError(`--root ${o.root}: no such file or directory (a captured tree, or a text file of saved outputs)`);
    }
    if (!st.isDirectory()) throw new CollectError(`--root ${o.root}: not a directory${notTreeWords(o.root!, root)}`);
  }
  const timeoutSeconds = o.timeoutSeconds ?? 10;
  if (!(timeoutSeconds > 0) || !(timeoutSeconds <= MAX_TIMEOUT_SECONDS)) {
    throw new CollectError(`--timeout must be a positive number of seconds up to ${MAX_TIMEOUT_SECONDS}, not ${timeoutSeconds}`);
  }
  const { run, skipped } = o.sources ? { run: [], skipped: [] } : selectSources(o.only, o.skip);
  const specs: SourceSpec[] = o.sources ?? run.map((name) => ({ name }));
  const existing = lstatSync(o.output, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new CollectError(`-o ${o.output} is a directory; give the bundle's file name`);
  if (existing && !existing.isFile()) throw new CollectError(`-o ${o.output} is not a regular file; fwsnap does not write over it`);
  if (existing && o.overwrite === false) throw new CollectError(`-o ${o.output} already exists; give --force to replace it`);
  const writer = new BundleWriter(o.output, { overwrite: o.overwrite ?? true });
  const onAbort = (): void => void writer.abort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  let workersGone: Promise<void> | undefined;
  try {
    // Loaded only when asked for: most runs do not redact, and every millisecond of start-up shows in `check`.
    const redaction = o.redact ? (await import('./redact-run.js')).startRedaction(o.redact, o.output, openHost(root, { includeEeprom: false }), (o.hostname ?? hostFacts(root).hostname)) : undefined;
    const annotate = o.importing?.annotate;
    if (redaction) writer.recordFilter = annotate ? (r) => redaction.redactRecord(annotate(r)) : (r) => redaction.redactRecord(r);
    else if (annotate) writer.recordFilter = annotate;
    // What the tree's files became: those no class read are named and kept (keep-leftovers.ts).
    const readFromTree = new Set<string>();
    let readAny = false;
    if (root !== '/' && !o.importing) {
      // The bundle being written, when -o puts it inside the tree, is not one of the tree's files.
      for (const own of inTree(root, [o.output, writer.tmpPath])) readFromTree.add(own);
      const filter = writer.recordFilter;
      writer.recordFilter = (r) => {
        readFromTree.add(r.replayedFrom ?? r.name);
        if (r.replayedFrom !== undefined || r.origin.kind === 'file') readAny = true;
        // A file read where it lies (a drive list at the top) is stored under its name encoded (`my%20drives.md`).
        if (r.origin.kind === 'file') readFromTree.add(r.origin.path.replace(/^\/+/, ''));
        return filter ? filter(r) : r;
      };
    }
    const result = await runSources(specs, writer, {
      root,
      includeEeprom: o.includeEeprom ?? false,
      includeGpu: o.includeGpu ?? false,
      timeoutMs: timeoutSeconds * 1000,
      isolation: o.isolation,
      transport: o.transport,
      onEvent: o.onEvent,
      transform: redaction?.redactor.transform,
      signal: o.signal,
      defaultSelection: !o.sources && !o.only?.length && !o.skip?.length,
    });
    workersGone = result.workersGone;
    if (o.signal?.aborted) throw new CollectError('collection interrupted; no bundle written');
    if (result.writeError) {
      await writer.abort();
      throw new CollectError(outputFailure(o.output, writer.error ?? result.writeError));
    }
    if (o.text !== undefined && !readAny) throw new NothingReadError(o.text, nothingReadReason(o.text));
    const imported = o.importing ? await o.importing.finish(writer) : [];
    const leftovers = root !== '/' && !o.importing && !o.sources
      ? await keepLeftovers(writer, new TreeReader(root), readFromTree, result.sources, redaction?.redactor.transform)
      : [];
    const sources = [
      ...result.sources,
      ...skipped.map((name) => ({ name, status: 'skipped' as const, reason: 'excluded by --only/--skip', durationMs: 0, devices: {}, artifacts: 0 })),
    ];
    const header: Omit<Manifest, 'artifacts'> = {
      format: FORMAT_NAME,
      formatVersion: FORMAT_VERSION,
      tool: { name: 'fwsnap', version: TOOL_VERSION },
      host: o.importing?.host ?? { ...hostFacts(root), ...(o.hostname !== undefined ? { hostname: o.hostname } : {}) },
      options: {
        only: o.only,
        skip: o.skip,
        timeoutSeconds,
        includeEeprom: o.includeEeprom ?? false,
        ...(o.includeGpu ? { includeGpu: true } : {}),
        replayTree: root !== '/',
        ...(o.importing ? { imported: o.importing.options } : {}),
      },
      sources: sources.map((x) => (x.reason === undefined ? x : { ...x, reason: cut(x.reason, MAX_TEXT_CHARS) })),
      // The reader refuses a manifest whose strings exceed the schema's caps: never write one.
      issues: [...result.issues, ...imported, ...leftovers].map((i) => ({ ...i, target: cut(i.target, MAX_PATH_CHARS), message: cut(i.message, MAX_TEXT_CHARS) })),
    };
    // The map is written before the bundle is put in place: no redacted bundle ever exists without its map.
    const manifest = await writer.finish(redaction ? redaction.redactor.redactManifest(header) : header, { beforeCommit: () => redaction?.writeMap() });
    return { path: o.output, manifest, bytes: writer.bytes, artifactCount: writer.artifactCount, mapPath: redaction?.mapPath };
  } catch (e) {
    await writer.abort();
    if (e instanceof CollectError) throw e;
    if (e instanceof OutputExistsError) throw new CollectError(`${e.message}; no bundle was written`);
    if (writer.error) throw new CollectError(outputFailure(o.output, writer.error));
    throw new CollectError(`collection failed: ${(e as Error).message}`);
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    await workersGone;
  }
}
