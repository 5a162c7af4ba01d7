import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { MANIFEST_NAME, MAX_NAME_BYTES, PAX_SHA256, capped, isSafeEntryName, quoted, type Manifest } from './format.js';
import { validateManifest } from './manifest-check.js';
import { TarHeaderGuard } from './tar-guard.js';

export interface ReadLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Uncompressed/compressed ratio allowed once more than ratioGraceBytes were inflated. */
  maxRatio: number;
  ratioGraceBytes: number;
  maxManifestBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxEntries: 200_000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024 * 1024,
  maxRatio: 200,
  ratioGraceBytes: 64 * 1024 * 1024,
  // About 65,000 artifact records. A larger manifest would cost redact (which holds two passes' worth) more
  // than the 300 MB every command stays under; past it, entries verify by their own checksums only.
  maxManifestBytes: 16 * 1024 * 1024,
};

export type ProblemKind =
  | 'unsafe-name'
  | 'link'
  | 'special-entry'
  | 'duplicate'
  | 'too-many-entries'
  | 'entry-too-large'
  | 'total-too-large'
  | 'compression-ratio'
  | 'truncated'
  | 'corrupt'
  | 'manifest-missing'
  | 'manifest-invalid'
  | 'format-version'
  | 'missing'
  | 'extra'
  | 'hash-mismatch'
  | 'size-mismatch';

export interface BundleProblem {
  kind: ProblemKind;
  /** The entry concerned, when there is one. */
  entry?: string;
  message: string;
}

export interface BundleEntry {
  name: string;
  data: Buffer;
  sha256: string;
}

/** Receives one entry's bytes as they are inflated. */
export interface EntrySink {
  write(chunk: Buffer): void | Promise<void>;
  /** The entry was read whole and agrees with its own sha256 record (if it has one). */
  end(sha256: string): void | Promise<void>;
  /** The entry was cut short, refused part-way or is corrupt: forget what was written. */
  drop?(): void;
}

/** Called before each regular entry that passed the name and size checks; undefined: only hash it. */
export type OpenEntry = (name: string, size: number) => EntrySink | undefined;

export interface ReadResult {
  manifest?: Manifest;
  /** sha256 of the manifest's bytes: the bundle's identity (the manifest holds every entry's sha256). */
  manifestSha256?: string;
  problems: BundleProblem[];
  /** Entries whose bytes match the manifest. */
  verified: Set<string>;
  entriesSeen: number;
  bytes: number;
  /** True when reading stopped before the end of the archive. */
  incomplete: boolean;
}

class ByteCounter extends Transform {
  count = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.count += chunk.length;
    cb(null, chunk);
  }
}

class StopReading extends Error {}

/** A sink failed (a full disk under the caller's spool): the caller's problem, passed on as it was thrown. */
class SinkFailure extends Error {
  constructor(readonly reason: unknown) {
    super('sink failed');
  }
}

async function guarded<T>(f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw new SinkFailure(e);
  }
}

/**
 * Counts every inflated byte (headers, PAX records, padding, refused and skipped entries alike) and stops
 * the stream once the compression ratio exceeds the limit, whatever the bytes were going to be.
 */
class RatioGuard extends Transform {
  count = 0;
  tripped = false;
  constructor(
    private readonly compressed: ByteCounter,
    private readonly limits: ReadLimits,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.count += chunk.length;
    if (this.count > this.limits.ratioGraceBytes && this.count / Math.max(1, this.compressed.count) > this.limits.maxRatio) {
      this.tripped = true;
      cb(new StopReading('compression ratio'));
      return;
    }
    cb(null, chunk);
  }
}

/** Controls (C0, DEL, C1), invisible format characters (bidi overrides…), line separators, and bytes that were not UTF-8. */
const BAD_NAME_CHARS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\ufffd]/u;

/**
 * Streams a bundle without extracting it and without holding any entry in memory: each regular entry is
 * hashed and its bytes handed to the sink `open` returns for it, the manifest (last entry) is checked, and
 * every entry is then classed as verified, corrupt, missing or extra. Sinks see entries before they can be
 * verified; callers that keep them must drop the ones that are not in `verified` afterwards.
 */
/** Problems of one kind listed before the rest are only counted. */
export const PROBLEMS_PER_KIND = 30_000;

export async function scanBundle(path: string, open: OpenEntry, limits: ReadLimits = DEFAULT_LIMITS): Promise<ReadResult> {
  const problems: BundleProblem[] = [];
  // Each kind is listed up to a limit and then counted: a manifest listing 100,000 absent entries must not
  // cost 100,000 messages in memory, in the database and on the terminal.
  const perKind = new Map<ProblemKind, number>();
  const report = (p: BundleProblem): void => {
    const n = (perKind.get(p.kind) ?? 0) + 1;
    perKind.set(p.kind, n);
    if (n <= PROBLEMS_PER_KIND) problems.push(p);
  };
  const seen = new Map<string, { sha256: string; size: number; selfOk: boolean; corrupt: boolean }>();
  let manifestText: Buffer | undefined;
  let manifestSha256: string | undefined;
  let bytes = 0;
  let entriesSeen = 0;
  let incomplete = false;
  let current: string | undefined;

  const counter = new ByteCounter();
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  const guard = new RatioGuard(counter, limits);
  const headers = new TarHeaderGuard();
  const extract = tar.extract({ filenameEncoding: 'utf-8' } as Parameters<typeof tar.extract>[0]);
  const file = createReadStream(path, { highWaterMark: 1024 * 1024 });
  for (const s of [file, counter, guard, headers] as NodeJS.EventEmitter[]) s.on('error', (e: Error) => extract.destroy(e));
  // A bad compressed stream ends the archive where the good data ends (junk after the last member, a
  // corrupt block), so the entries inflated before it are still read; the error is reported afterwards.
  let inflateError: Error | undefined;
  gunzip.on('error', (e: Error) => {
    inflateError = e;
    guard.end();
  });
  file.pipe(counter).pipe(gunzip).pipe(guard).pipe(headers).pipe(extract);

  try {
    for await (const entry of extract) {
      entriesSeen++;
      current = undefined;
      const { name, type } = entry.header;
      if (entriesSeen > limits.maxEntries) {
        report({ kind: 'too-many-entries', message: `more than ${limits.maxEntries} entries; stopped reading` });
        throw new StopReading();
      }
      if (type !== 'file' && type !== 'contiguous-file') {
        if (type !== 'directory') {
          const kind = type === 'symlink' || type === 'link' ? 'link' : 'special-entry';
          report({ kind, entry: capped(name), message: `refused ${type} entry ${quoted(name)}` });
        } else if (!isSafeEntryName(name.length > MAX_NAME_BYTES ? name : name.replace(/\/+$/, '')) || BAD_NAME_CHARS.test(name)) {
          // A directory entry holds nothing, but `tar -x` of such a bundle would create it outside the tree.
          report({ kind: 'unsafe-name', entry: capped(name), message: `refused directory entry with unsafe name ${quoted(name)}` });
        }
        entry.resume();
        continue;
      }
      if (!isSafeEntryName(name) || BAD_NAME_CHARS.test(name)) {
        report({ kind: 'unsafe-name', entry: capped(name), message: `refused entry with unsafe name ${quoted(name)}` });
        entry.resume();
        continue;
      }
      const declared = entry.header.size ?? 0;
      const isManifest = name === MANIFEST_NAME;
      const cap = isManifest ? limits.maxManifestBytes : limits.maxEntryBytes;
      if (declared > cap) {
        report({ kind: 'entry-too-large', entry: name, message: `entry ${name} is ${declared} bytes, over the limit of ${cap}` });
        entry.resume();
        continue;
      }
      if (bytes + declared > limits.maxTotalBytes) {
        report({ kind: 'total-too-large', message: `more than ${limits.maxTotalBytes} bytes uncompressed; stopped reading` });
        throw new StopReading();
      }
      const duplicate = isManifest ? manifestText !== undefined : seen.has(name);
      current = name;
      const chunks: Buffer[] | undefined = isManifest && !duplicate ? [] : undefined;
      const sink = duplicate || isManifest ? undefined : open(name, declared);
      const hash = createHash('sha256');
      let size = 0;
      try {
        for await (const chunk of entry as AsyncIterable<Buffer>) {
          size += chunk.length;
          hash.update(chunk);
          chunks?.push(chunk);
          if (sink) await guarded(() => sink.write(chunk));
        }
      } catch (e) {
        sink?.drop?.();
        throw e;
      }
      current = undefined;
      bytes += size;
      const sha256 = hash.digest('hex');
      if (isManifest) {
        if (chunks) {
          manifestText = Buffer.concat(chunks, size);
          manifestSha256 = sha256;
        }
        else report({ kind: 'duplicate', entry: name, message: 'more than one manifest.json; the first is used' });
        continue;
      }
      if (duplicate) {
        report({ kind: 'duplicate', entry: name, message: `entry ${name} appears more than once; later copies ignored` });
        continue;
      }
      const own = (entry.header.pax as Record<string, string> | undefined)?.[PAX_SHA256];
      const corrupt = own !== undefined && own !== sha256;
      seen.set(name, { sha256, size, selfOk: own === sha256, corrupt });
      if (corrupt) {
        sink?.drop?.();
        report({ kind: 'hash-mismatch', entry: name, message: `entry ${name} does not match its own sha256: corrupt` });
        continue;
      }
      if (sink) await guarded(() => sink.end(sha256));
    }
  } catch (e) {
    if (e instanceof SinkFailure) throw e.reason;
    incomplete = true;
    if (headers.refused !== undefined) {
      // Reported below; tar-stream saw the stream end inside the refused header.
    } else if (guard.tripped) {
      report({
        kind: 'compression-ratio',
        ...(current ? { entry: current } : {}),
        message: `compression ratio above ${limits.maxRatio}:1${current ? ` at entry ${current}` : ''} (${guard.count} bytes inflated from ${counter.count}); stopped reading`,
      });
    } else if (!(e instanceof StopReading)) {
      const msg = e instanceof Error ? e.message : String(e);
      const truncated = /unexpected end|premature|end of file|Unexpected end/i.test(msg);
      report({
        kind: truncated ? 'truncated' : 'corrupt',
        message: truncated ? `archive is truncated after ${entriesSeen} entries (${msg})` : `archive is corrupt after ${entriesSeen} entries (${msg})`,
      });
    }
  } finally {
    file.destroy();
    extract.destroy();
  }
  if (headers.refused !== undefined) {
    incomplete = true;
    report({ kind: 'entry-too-large', message: `${headers.refused} after ${entriesSeen} entries` });
  }
  if (inflateError && !problems.some((p) => p.kind === 'truncated' || p.kind === 'corrupt')) {
    const msg = inflateError.message;
    const truncated = /unexpected end/i.test(msg);
    incomplete ||= truncated;
    report({
      kind: truncated ? 'truncated' : 'corrupt',
      message: truncated ? `compressed stream is truncated after ${entriesSeen} entries (${msg})` : `compressed stream is corrupt after ${entriesSeen} entries (${msg})`,
    });
  }

  const verified = new Set<string>();
  let manifest: Manifest | undefined;
  if (!manifestText) {
    for (const [name, e] of seen) if (e.selfOk) verified.add(name);
    report({
      kind: 'manifest-missing',
      entry: MANIFEST_NAME,
      message: `manifest.json is missing: ${verified.size} entries verified only by their own checksums`,
    });
  } else {
    const checked = validateManifest(manifestText);
    if (!checked.ok) {
      report({ kind: checked.kind, entry: MANIFEST_NAME, message: checked.message });
    } else {
      manifest = checked.manifest;
      const listed = new Set<string>();
      for (const a of manifest.artifacts) {
        listed.add(a.name);
        const got = seen.get(a.name);
        if (!got) {
          report({ kind: 'missing', entry: a.name, message: `entry ${a.name} is listed in the manifest but absent` });
        } else if (got.size !== a.size) {
          report({ kind: 'size-mismatch', entry: a.name, message: `entry ${a.name} is ${got.size} bytes, the manifest says ${a.size}` });
        } else if (got.sha256 !== a.sha256) {
          if (!got.corrupt) report({ kind: 'hash-mismatch', entry: a.name, message: `entry ${a.name} does not match its sha256 in the manifest` });
        } else if (!got.corrupt) {
          // An entry whose own sha256 record disagrees was reported and never handed to onEntry.
          verified.add(a.name);
        }
      }
      for (const name of seen.keys()) {
        if (!listed.has(name)) report({ kind: 'extra', entry: name, message: `entry ${name} is not listed in the manifest` });
      }
    }
  }
  for (const [kind, n] of perKind) {
    if (n > PROBLEMS_PER_KIND) problems.push({ kind, message: `${n - PROBLEMS_PER_KIND} more ${kind} problems (the first ${PROBLEMS_PER_KIND} are listed)` });
  }
  return { manifest, manifestSha256: manifest ? manifestSha256 : undefined, problems, verified, entriesSeen, bytes, incomplete };
}

/**
 * scanBundle with every entry gathered into one buffer for `onEntry`: for tests and for callers that read
 * small bundles they made themselves. Everything else streams.
 */
export function readBundle(
  path: string,
  onEntry: (entry: BundleEntry) => void | Promise<void>,
  limits: ReadLimits = DEFAULT_LIMITS,
): Promise<ReadResult> {
  return scanBundle(
    path,
    (name) => {
      let chunks: Buffer[] = [];
      return {
        write: (c) => void chunks.push(c),
        end: (sha256) => onEntry({ name, data: Buffer.concat(chunks), sha256 }),
        drop: () => void (chunks = []),
      };
    },
    limits,
  );
}

