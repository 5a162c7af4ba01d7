import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { MANIFEST_NAME, MAX_NAME_BYTES, PAX_SHA256, RATIO_CAP, capped, isSafeEntryName, quoted, type ArtifactRecord, type Manifest } from './format.js';
import { checkArtifactRecord, validateManifest } from './manifest-check.js';
import { ManifestStream, ManifestStreamError } from './manifest-stream.js';
import { openRegularFile } from './input-file.js';
import { otherFormatOf } from './other-format.js';
import { CORRUPT, LISTED, NO_NAMES, SELF_OK, SeenEntries, VERIFIED, type NameSet } from './seen-entries.js';
import type { NameIndex } from './name-index.js';
import { TarHeaderGuard } from './tar-guard.js';
import { Utf8Check } from './utf8-check.js';

export interface ReadLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Uncompressed/compressed ratio allowed once more than ratioGraceBytes were inflated. */
  maxRatio: number;
  ratioGraceBytes: number;
  /** Bytes of manifest.json outside its artifact list (which is read streamed, one record at a time). */
  maxManifestBytes: number;
  /** Bytes of one record of the manifest's artifact list. */
  maxRecordBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  // A host of 3,000 disks and 3,000 PCI functions makes 204,000 entries. Every entry is remembered to the
  // end (its name once, in a name index shared with analyze's spool and fact sink; its hash and size by
  // ordinal): 300,000 empty entries with their manifest cost analyze about 190–210 MB (bench/analyze.ts
  // part 4; test/hostile/memory-limit.test.ts).
  maxEntries: 300_000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024 * 1024,
  ...RATIO_CAP,
  maxManifestBytes: 16 * 1024 * 1024,
  maxRecordBytes: 4 * 1024 * 1024,
};

export type ProblemKind =
  | 'unsafe-name'
  | 'link'
  | 'special-entry'
  | 'duplicate'
  // Two names one filesystem takes as one (NFC and NFD spellings): extracted, the later replaces the earlier.
  | 'name-clash'
  // An entry or data after the end-of-archive blocks, where tar stops reading.
  | 'after-end'
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
  | 'size-mismatch'
  // The analyzer's worker loading the bundle failed or stopped (analyzer/load/load-pool.ts).
  | 'load-failed';

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

/** The manifest without its artifact list, which is read streamed and handed to `onRecord` record by record. */
export type ManifestHead = Omit<Manifest, 'artifacts'>;

/** Receives each record of a manifest's artifact list as it is read (checked against the schema). */
export type OnRecord = (record: ArtifactRecord) => void;

export interface ReadResult {
  manifest?: ManifestHead;
  /** Records in the manifest's artifact list (0 without a usable manifest). */
  listed: number;
  /** sha256 of the manifest's bytes: the bundle's identity (the manifest holds every entry's sha256). */
  manifestSha256?: string;
  problems: BundleProblem[];
  /** Entries whose bytes match the manifest (named as in the name index: the strings first read or given). */
  verified: NameSet;
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
/** Arrays and objects nested deeper than this make a manifest invalid. */
const MAX_MANIFEST_DEPTH = 32;

/** Problems of one kind listed before the rest are only counted. */
export const PROBLEMS_PER_KIND = 30_000;

/**
 * Problems, each kind listed up to a limit and then counted: a manifest listing 100,000 absent entries must
 * not cost 100,000 messages in memory, in the database and on the terminal.
 */
class ProblemList {
  readonly items: BundleProblem[] = [];
  readonly perKind = new Map<ProblemKind, number>();
  private readonly shown = new Map<ProblemKind, number>();
  readonly report = (p: BundleProblem): void => {
    this.perKind.set(p.kind, (this.perKind.get(p.kind) ?? 0) + 1);
    this.show(p);
  };
  private show(p: BundleProblem): void {
    const n = this.shown.get(p.kind) ?? 0;
    if (n >= PROBLEMS_PER_KIND) return;
    this.shown.set(p.kind, n + 1);
    this.items.push(p);
  }
  /** Takes another list's problems (those found against a manifest, once it proved valid). */
  merge(other: ProblemList): void {
    for (const [kind, n] of other.perKind) this.perKind.set(kind, (this.perKind.get(kind) ?? 0) + n);
    for (const p of other.items) this.show(p);
  }
  done(): BundleProblem[] {
    for (const [kind, n] of this.perKind) {
      if (n > PROBLEMS_PER_KIND) this.items.push({ kind, message: `${n - PROBLEMS_PER_KIND} more ${kind} problems (the first ${PROBLEMS_PER_KIND} are listed)` });
    }
    return this.items;
  }
}

/**
 * `names`: the caller's own index of entry names, which the reader then shares (each name held once, by
 * ordinal) instead of keeping its own.
 */
export async function scanBundle(path: string, open: OpenEntry, limits: ReadLimits = DEFAULT_LIMITS, onRecord?: OnRecord, names?: NameIndex): Promise<ReadResult> {
  const all = new ProblemList();
  const report = all.report;
  const problems = all.items;
  const seen = new SeenEntries(names);
  let manifestSha256: string | undefined;

  // The manifest's records are checked as they stream past, against the entries already read (a manifest
  // comes last); what they find counts only if the whole manifest proves valid.
  const against = new ProblemList();
  const later = new Map<string, { sha256: string; size: number }>();
  let manifestStream: ManifestStream | undefined;
  let manifestFailure: ManifestStreamError | undefined;
  let manifestHead: Buffer | undefined;
  let recordError: string | undefined;
  let listed = 0;
  const compare = (name: string, want: { sha256: string; size: number }, got: number): void => {
    seen.mark(got, LISTED);
    const corrupt = seen.is(got, CORRUPT);
    if (seen.size(got) !== want.size) {
      against.report({ kind: 'size-mismatch', entry: name, message: `entry ${name} is ${seen.size(got)} bytes, the manifest says ${want.size}` });
    } else if (seen.sha256(got) !== want.sha256) {
      if (!corrupt) against.report({ kind: 'hash-mismatch', entry: name, message: `entry ${name} does not match its sha256 in the manifest` });
    } else if (!corrupt) {
      // An entry whose own sha256 record disagrees was reported and never handed to its sink.
      seen.mark(got, VERIFIED);
    }
  };
  const takeRecord = (a: ArtifactRecord): void => {
    listed++;
    const got = seen.find(a.name);
    if (got >= 0) compare(a.name, a, got);
    else later.set(a.name, { sha256: a.sha256, size: a.size });
    onRecord?.(a);
  };
  const streamRecord = (text: string, index: number): void => {
    if (recordError !== undefined) return;
    const c = checkArtifactRecord(text, index);
    if (c.ok) takeRecord(c.record);
    else recordError = c.message;
  };
  let bytes = 0;
  let entriesSeen = 0;
  let incomplete = false;
  let current: string | undefined;
  let manifestNotText: string | undefined;
  /** NFC spelling → the first name read of those with characters beyond ASCII (an ASCII name is its own NFC). */
  const spelt = new Map<string, string>();
  /** The tar stream itself broke (a bad header, a cut): whatever came before it may be damaged too. */
  let tarError: string | undefined;

  const counter = new ByteCounter();
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  const guard = new RatioGuard(counter, limits);
  const headers = new TarHeaderGuard();
  const extract = tar.extract({ filenameEncoding: 'utf-8' } as Parameters<typeof tar.extract>[0]);
  const fd = openRegularFile(path);
  // A zip, xz or plain tar given as a bundle is named as what it is, not as a corrupt gzip stream.
  const otherFormat = otherFormatOf(fd);
  const file = createReadStream('', { fd, highWaterMark: 1024 * 1024 });
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
      const cap = isManifest ? limits.maxTotalBytes : limits.maxEntryBytes;
      if (declared > cap) {
        report({ kind: 'entry-too-large', entry: name, message: `entry ${name} is ${declared} bytes, over the limit of ${cap}` });
        entry.resume();
        continue;
      }
      if (bytes + declared > limits.maxTotalBytes) {
        report({ kind: 'total-too-large', message: `more than ${limits.maxTotalBytes} bytes uncompressed; stopped reading` });
        throw new StopReading();
      }
      const duplicate = isManifest ? manifestStream !== undefined : seen.has(name);
      const clash = duplicate || isManifest ? undefined : sameNameSpeltOtherwise(name, spelt, seen);
      if (clash !== undefined) {
        report({ kind: 'name-clash', entry: name, message: `entry ${quoted(name)} is ${quoted(clash)} in another Unicode normalisation (NFC/NFD): one name to a filesystem that normalises (macOS), where one would replace the other; the later is not read` });
        entry.resume();
        continue;
      }
      current = name;
      const stream = isManifest && !duplicate ? (manifestStream = new ManifestStream({ maxHeadBytes: limits.maxManifestBytes, maxRecordBytes: limits.maxRecordBytes, maxDepth: MAX_MANIFEST_DEPTH }, streamRecord)) : undefined;
      const sink = duplicate || isManifest ? undefined : open(name, declared);
      const hash = createHash('sha256');
      const utf8 = stream ? new Utf8Check() : undefined;
      let size = 0;
      try {
        for await (const chunk of entry as AsyncIterable<Buffer>) {
          size += chunk.length;
          hash.update(chunk);
          utf8?.write(chunk);
          if (stream && !manifestFailure) {
            try {
              stream.write(chunk);
            } catch (e) {
              if (!(e instanceof ManifestStreamError)) throw e;
              manifestFailure = e;
            }
          }
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
        if (stream) {
          manifestSha256 = sha256;
          utf8!.end();
          if (utf8!.badAt !== undefined) manifestNotText = `manifest.json is not valid UTF-8 at byte ${utf8!.badAt}`;
          if (!manifestFailure) {
            try {
              manifestHead = stream.end();
            } catch (e) {
              if (!(e instanceof ManifestStreamError)) throw e;
              manifestFailure = e;
            }
          }
        } else report({ kind: 'duplicate', entry: name, message: 'more than one manifest.json; the first is used' });
        continue;
      }
      if (duplicate) {
        report({ kind: 'duplicate', entry: name, message: `entry ${name} appears more than once; later copies ignored` });
        continue;
      }
      const own = (entry.header.pax as Record<string, string> | undefined)?.[PAX_SHA256];
      const corrupt = own !== undefined && own !== sha256;
      seen.add(name, sha256, size, (own === sha256 ? SELF_OK : 0) | (corrupt ? CORRUPT : 0));
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
      tarError = e instanceof Error ? e.message : String(e);
    }
  } finally {
    file.destroy();
    extract.destroy();
  }
  // A failed inflate explains a tar stream broken after it (zlib withholds the output of the call that fails).
  if (tarError !== undefined && !inflateError) {
    const truncated = /unexpected end|premature|end of file|Unexpected end/i.test(tarError);
    report({
      kind: truncated ? 'truncated' : 'corrupt',
      message: truncated ? `archive is truncated after ${entriesSeen} entries (${tarError})` : `archive is corrupt after ${entriesSeen} entries (${tarError})`,
    });
  }
  if (headers.afterEnd !== undefined) {
    report({ kind: 'after-end', ...(headers.afterEnd.entry !== undefined ? { entry: capped(headers.afterEnd.entry) } : {}), message: headers.afterEnd.entry !== undefined
      ? `entry ${quoted(headers.afterEnd.entry)} comes after the end-of-archive blocks, where tar stops: not read (nor anything after it)`
      : `${headers.afterEnd.bytes} bytes of data after the end-of-archive blocks, where tar stops: not read` });
  }
  if (headers.refused !== undefined) {
    incomplete = true;
    report({ kind: 'entry-too-large', message: `${headers.refused} after ${entriesSeen} entries` });
  }
  if (inflateError && !problems.some((p) => p.kind === 'truncated' || p.kind === 'corrupt')) {
    const msg = inflateError.message;
    const truncated = /unexpected end/i.test(msg);
    incomplete ||= truncated;
    const other = otherFormat !== undefined && entriesSeen === 0 ? `not a bundle: the file is ${otherFormat}, not a gzip-compressed tar (.tar.gz) as fwsnap collect writes` : undefined;
    const junk = junkAfterGzip(inflateError, entriesSeen) ? `compressed stream is corrupt after the end of the gzip stream (${msg}): junk follows a member whose checksum held; ${entriesSeen} entries were read before it, and what the decompressor still held of the archive's end is lost` : undefined;
    report({
      kind: truncated ? 'truncated' : 'corrupt',
      message: other ?? junk ?? (truncated ? `compressed stream is truncated after ${entriesSeen} entries (${msg})` : `compressed stream is corrupt after ${entriesSeen} entries (${msg})`),
    });
  }

  let verified = NO_NAMES;
  let manifest: ManifestHead | undefined;
  const byOwnChecksums = (why = manifestStream ? 'unusable' : 'missing'): void => {
    verified = seen.nameSet(SELF_OK);
    report({
      kind: 'manifest-missing',
      entry: MANIFEST_NAME,
      message: `manifest.json is ${why}: ${verified.size} entries verified only by their own checksums`,
    });
  };
  if (!manifestStream || (!manifestHead && !manifestFailure)) {
    // No manifest, or one cut short by the end of the archive.
    byOwnChecksums();
  } else if ((inflateError && !(junkAfterGzip(inflateError, entriesSeen) && headers.ended)) || tarError !== undefined) {
    // The manifest came out of a stream that broke after it (a bad tar block, a failed gzip CRC, a cut
    // trailer): damage copied by deflate's back-references can change an entry's name in its header and
    // in the manifest alike, so the manifest proves nothing.
    byOwnChecksums('not trusted (the compressed stream around it is damaged)');
  } else if (manifestNotText !== undefined) {
    report({ kind: 'manifest-invalid', entry: MANIFEST_NAME, message: manifestNotText });
  } else if (manifestFailure?.tooLarge) {
    report({ kind: 'entry-too-large', entry: MANIFEST_NAME, message: manifestFailure.message });
    byOwnChecksums();
  } else if (manifestFailure) {
    report({ kind: 'manifest-invalid', entry: MANIFEST_NAME, message: manifestFailure.message });
  } else {
    const checked = validateManifest(manifestHead!);
    if (!checked.ok) report({ kind: checked.kind, entry: MANIFEST_NAME, message: checked.message });
    else if (recordError !== undefined) report({ kind: 'manifest-invalid', entry: MANIFEST_NAME, message: recordError });
    else if (checked.manifest.artifacts.length && manifestStream.records) {
      report({ kind: 'manifest-invalid', entry: MANIFEST_NAME, message: 'manifest.json gives "artifacts" more than once' });
    } else {
      // A list the stream could not see as such (a key spelt with escapes) was checked whole, with the head.
      const { artifacts: unstreamed, ...head } = checked.manifest;
      for (const a of unstreamed) takeRecord(a);
      manifest = head;
      for (const [name, want] of later) {
        const got = seen.find(name);
        if (got >= 0) compare(name, want, got);
        else against.report({ kind: 'missing', entry: name, message: `entry ${name} is listed in the manifest but absent` });
      }
      all.merge(against);
      // Named by the strings the entries were read under, which the caller's sinks may hold already.
      verified = seen.nameSet(VERIFIED);
      for (const name of seen.names(LISTED, false)) report({ kind: 'extra', entry: name, message: `entry ${name} is not listed in the manifest` });
    }
  }
  return { manifest, listed: manifest ? listed : 0, manifestSha256: manifest ? manifestSha256 : undefined, problems: all.done(), verified, entriesSeen, bytes, incomplete };
}

/**
 * zlib found no gzip member where one should begin, after a member whose checksum held (it checks a member's
 * trailer before it looks for the next): junk after the stream, not damage inside it. Where the archive's end
 * blocks were read before it, the manifest came out of checked members and is trusted.
 */
function junkAfterGzip(e: Error, entriesSeen: number): boolean {
  return entriesSeen > 0 && /^(incorrect header check|unknown compression method)$/.test(e.message);
}

/** The earlier name of another spelling of `name` that NFC makes the same, if one was read. */
function sameNameSpeltOtherwise(name: string, spelt: Map<string, string>, seen: SeenEntries): string | undefined {
  if (/^[\x00-\x7f]*$/.test(name)) return spelt.get(name);
  const nfc = name.normalize('NFC');
  const earlier = spelt.get(nfc) ?? (nfc !== name && seen.has(nfc) ? nfc : undefined);
  if (earlier === undefined) spelt.set(nfc, name);
  return earlier !== name ? earlier : undefined;
}

/** What readBundle returns: the manifest with its artifact list. */
export interface WholeReadResult extends Omit<ReadResult, 'manifest'> {
  manifest?: Manifest;
}

/**
 * scanBundle with every entry gathered into one buffer for `onEntry` and the manifest's artifact list
 * gathered too: for tests and for callers that read small bundles they made themselves. Everything else streams.
 */
export async function readBundle(
  path: string,
  onEntry: (entry: BundleEntry) => void | Promise<void>,
  limits: ReadLimits = DEFAULT_LIMITS,
): Promise<WholeReadResult> {
  const records: ArtifactRecord[] = [];
  const r = await scanBundle(
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
    (a) => void records.push(a),
  );
  return { ...r, manifest: r.manifest && { ...r.manifest, artifacts: records } };
}
