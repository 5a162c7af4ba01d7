import { loadedByOtherReaders, recordReaders } from './bundle-readers.js';
import { resolve } from 'node:path';
import { hostFactRead, type ArtifactOrigin, type ArtifactRecord } from '../../bundle/format.js';
import { EntrySpool, linesOf } from '../../bundle/entry-spool.js';
import { scanBundle, type BundleProblem, type ManifestHead, type ReadLimits } from '../../bundle/reader.js';
import { NameIndex } from '../../bundle/name-index.js';
import type { NameSet } from '../../bundle/seen-entries.js';
import { derivedOrigin, kindText, shownSha256, storedKind } from '../db/artifact-rows.js';
import type { Db } from '../db/database.js';
import { SqliteSink } from '../db/sink.js';
import type { DescribeVersion } from '../db/version-info.js';
import { UndeclaredFactError, type FactContract, type UndeclaredFactPolicy } from '../facts/contract.js';
import { shippedFacts } from '../classes/index.js';
import { classTables } from '../db/class-schema.js';
import { ParseError } from '../parsers/errors.js';
import { CLASS_LOADERS, DEVICE_NAMERS, STREAMING_LOADERS } from '../classes/index.js';
import { describeVersion } from './describe-version.js';
import type { ClassLoader, LoadContext, StreamingLoader } from './types.js';
import { cachedStatement } from '../db/statements.js';
import { TextIdCollision } from '../db/text-ids.js';
import { asUtf8 } from '../../bundle/saved-text.js';
import { asWrittenByTool, endsInClosingFence, endsWithJsonDocument, observeText, type CleanText } from '../parsers/text-input.js';
import { lineRuns, pastedText } from './pasted-text.js';

export interface LoadOptions {
  loaders?: ClassLoader[];
  streaming?: StreamingLoader[];
  limits?: ReadLimits;
  describe?: DescribeVersion;
  /** Artifacts larger than this that no streaming loader takes are not parsed. */
  keepBytes?: number;
  /** Declared facts the loaders' rows are checked against (default: the shipped classes'). */
  facts?: FactContract;
  /** What an undeclared fact does (default: the process-wide policy, an issue outside tests). */
  undeclared?: UndeclaredFactPolicy;
  /**
   * Runs inside the load's transaction, just before it commits (analyze runs the rules here): a bundle is
   * in the database with its results, or not at all, even if the process is killed in between.
   */
  beforeCommit?: (bundleId: number) => void;
  /** What the bundles table records as the bundle's path (default: the absolute path read; `-` for stdin). */
  recordedPath?: string;
  /** A bundle whose manifest is already in the database replaces it (default: it is not loaded again). */
  replace?: boolean;
}

export interface LoadOutcome {
  bundleId: number;
  path: string;
  manifest?: ManifestHead;
  problems: BundleProblem[];
  verified: number;
  /** Every artifact verified and the archive read to its end. */
  complete: boolean;
  /** The same bundle (same manifest sha256) was already in the database as `bundleId`: nothing was loaded. */
  alreadyLoaded?: boolean;
  /** With `replace`, or when `readByOthers`: the id of the copy this load replaced. */
  replaced?: number;
  /** The database held the bundle as read by other readers (another fwsnap's parsers): it was loaded again, not reused. */
  readByOthers?: boolean;
  manifestSha256?: string;
}

/** The bundle cannot be used at all: nothing was loaded. */
export class BundleUnusable extends Error {
  constructor(
    readonly path: string,
    readonly problems: BundleProblem[],
  ) {
    super(`${path}: unusable bundle — ${problems.map((p) => p.message).join('; ')}`);
  }
}

const TRAILING_NL = /\n$/;

/**
 * The tree's file an artifact was read from when not its own name (artifact_rows.saved_as): a person's name for an
 * output. A captured tree's own names give none, nor does a command's stderr replayed from its stdout's own name.
 */
function savedAs(a: ArtifactRecord): string | null {
  const from = a.replayedFrom;
  if (from === undefined || from === a.name) return null;
  const stdout = a.origin.kind === 'cmd' && a.origin.stream === 'stderr' ? a.name.replace(/\.err$/, '.out') : undefined;
  return from === stdout ? null : from;
}
const STANDALONE = { begin: 'BEGIN IMMEDIATE', commit: 'COMMIT', rollback: 'ROLLBACK' };
const SAVEPOINT = { begin: 'SAVEPOINT load_bundle', commit: 'RELEASE load_bundle', rollback: 'ROLLBACK TO load_bundle; RELEASE load_bundle' };

export async function loadBundle(db: Db, path: string, o: LoadOptions = {}): Promise<LoadOutcome> {
  const loaders = o.loaders ?? CLASS_LOADERS;
  const streaming = o.streaming ?? STREAMING_LOADERS;
  const keepBytes = o.keepBytes ?? 16 * 1024 * 1024;
  const describe = o.describe ?? describeVersion;
  // Each entry name is held once, here: the reader, the spool and the sink keep ordinals into it.
  const entryNames = new NameIndex();
  const kept = new EntrySpool(undefined, undefined, entryNames);
  const streamed = new Set<string>();
  // Artifacts the manifest lists as given in a captured tree (replayedFrom): a person may have pasted them.
  const givenInTree = new Set<string>();
  const skippedLarge: string[] = [];

  // IMMEDIATE: the write lock is taken (waiting out another writer's busy timeout) before anything is read.
  // Inside a caller's transaction (analyze loads a batch in one), a savepoint: the caller commits.
  const tx = db.inTransaction ? SAVEPOINT : STANDALONE;
  db.exec(tx.begin);
  try {
    const bundleId = Number(
      cachedStatement(db, `INSERT INTO bundles (path, loaded_at, complete) VALUES (?, ?, 0)`).run(o.recordedPath ?? resolve(path), new Date().toISOString()).lastInsertRowid,
    );
    const sink = new SqliteSink(db, bundleId, describe, o.facts ?? shippedFacts(), o.undeclared, entryNames);
    // The manifest's records go to the database as they stream past (a manifest of 200,000 is not held).
    // sink.artifactNo() has made the name's row (listed 0): the record fills it; a name listed twice, the last record.
    const listRecord = cachedStatement(db, `UPDATE artifact_rows SET listed = 1, source = ?, origin_kind = ?, origin_id = ?, size = ?, sha256_id = ?, truncated = ?,
      exit_status = ?, verified = 0, saved_as = ? WHERE bundle_id = ? AND no = ?`);
    const result = await scanBundle(
      path,
      (name, size) => {
        if (size > keepBytes) {
          skippedLarge.push(name);
          return undefined;
        }
        const s = streaming.find((l) => l.match.test(name));
        if (!s) return kept.sink(name, size);
        // Handled as it streams past (at most keepBytes held, for this entry only).
        let chunks: Buffer[] = [];
        return {
          write: (c) => void chunks.push(c),
          drop: () => void (chunks = []),
          end: () => {
            const data = Buffer.concat(chunks);
            chunks = [];
            sink.currentArtifact = name;
            sink.currentWriter = `loader ${s.name}`;
            try {
              s.onArtifact(name, data, sink);
            } catch (e) {
              if (e instanceof UndeclaredFactError || e instanceof TextIdCollision) throw e;
              sink.issue('PARSE', `${s.name}: ${(e as Error).message}`, name);
            }
            sink.currentArtifact = undefined;
            sink.currentWriter = undefined;
            streamed.add(name);
          },
        };
      },
      o.limits,
      (a) => {
        if (a.replayedFrom !== undefined) givenInTree.add(a.name);
        const no = sink.artifactNo(a.name);
        listRecord.run(a.source, storedKind(a.origin.kind), sink.originId(a.name, a.origin), a.size, sink.hashId(a.sha256), a.truncated ? 1 : 0, a.exitStatus ?? null,
          savedAs(a), bundleId, no);
      },
      entryNames,
    );
    const { manifest, problems, verified } = result;
    // A bundle whose manifest lists no artifact (a --root tree with nothing fwsnap reads) verifies and is loaded: it says so itself.
    const emptyCollection = manifest !== undefined && result.listed === 0 && problems.length === 0;
    if (problems.some((p) => p.kind === 'format-version' || p.kind === 'manifest-invalid') || (verified.size === 0 && !emptyCollection)) {
      throw new BundleUnusable(path, problems.length ? problems : [{ kind: 'manifest-missing', message: 'no verifiable entry' }]);
    }
    let replaced: number | undefined;
    let readByOthers = false;
    recordReaders(db, bundleId);
    if (result.manifestSha256) {
      const same = cachedStatement(db, `SELECT id, complete FROM bundles WHERE manifest_sha256 = ? AND id <> ? ORDER BY id LIMIT 1`).get(result.manifestSha256, bundleId) as
        | { id: number; complete: number }
        | undefined;
      const stale = same !== undefined && loadedByOtherReaders(db, same.id);
      if (same && !o.replace && !stale) {
        db.exec(tx.rollback);
        return { bundleId: same.id, path, manifest, problems, verified: verified.size, complete: same.complete === 1, alreadyLoaded: true, manifestSha256: result.manifestSha256 };
      }
      if (same) {
        cachedStatement(db, `DELETE FROM bundles WHERE manifest_sha256 = ? AND id <> ?`).run(result.manifestSha256, bundleId);
        replaced = same.id;
        if (!o.replace) readByOthers = true;
      }
      cachedStatement(db, `UPDATE bundles SET manifest_sha256 = ? WHERE id = ?`).run(result.manifestSha256, bundleId);
    }
    sink.flushRegisters();
    withdrawUnverified(db, sink, [...streamed].filter((n) => !verified.has(n)));
    for (const name of kept.names()) if (!verified.has(name)) kept.delete(name);

    // Records of a manifest that proved unusable (cut short, malformed) are not the bundle's.
    if (!manifest) {
      cachedStatement(db, `UPDATE artifact_rows SET listed = 0, source = NULL, origin_kind = NULL, origin_id = NULL, size = NULL, sha256_id = NULL, truncated = 0,
        exit_status = NULL, verified = 0, saved_as = NULL WHERE bundle_id = ?`).run(bundleId);
    }
    recordArtifacts(db, sink, verified, kept);
    recordManifest(db, bundleId, manifest);
    const recordRow = cachedStatement(db, `SELECT r.source, ${kindText('r.origin_kind')} AS kind, o.origin, r.size, h.sha256, r.truncated, r.exit_status AS exitStatus, r.saved_as AS savedAs FROM artifact_rows r
      LEFT JOIN artifact_origins o ON o.id = r.origin_id LEFT JOIN artifact_hashes h ON h.id = r.sha256_id WHERE r.bundle_id = ? AND r.no = ? AND r.source IS NOT NULL`);
    const record = (name: string): ArtifactRecord | undefined => {
      const no = sink.numberOf(name);
      const r = (no === undefined ? undefined : recordRow.get(bundleId, no)) as
        | { source: string; kind: ArtifactOrigin['kind']; origin: string | null; size: number; sha256: Buffer | string | null; truncated: number; exitStatus: number | null; savedAs: string | null }
        | undefined;
      if (!r) return undefined;
      return {
        name, source: r.source, origin: r.origin === null ? derivedOrigin(name, r.kind) : (JSON.parse(r.origin) as ArtifactOrigin), size: r.size,
        sha256: shownSha256(r.sha256) as string, truncated: r.truncated === 1, ...(r.exitStatus !== null ? { exitStatus: r.exitStatus } : {}),
        ...(r.savedAs !== null ? { replayedFrom: r.savedAs } : {}),
      };
    };
    const issue = cachedStatement(db, `INSERT INTO collection_issues (bundle_id, stage, source, target, code, message) VALUES (?, 'bundle', NULL, ?, ?, ?)`);
    for (const p of problems) issue.run(bundleId, p.entry ?? null, p.kind, p.message);
    for (const name of skippedLarge) issue.run(bundleId, name, 'too-large', `${name} is larger than ${keepBytes} bytes and was not parsed`);

    // An output a usable manifest lists as from no captured tree was saved by the tool's own run (fwsnap's, or a report
    // tool's): it is read as the tool wrote it. One given in a tree may be a paste.
    const readAsWritten = <T>(name: string, fn: () => T): T => (manifest && !givenInTree.has(name) ? asWrittenByTool(fn) : fn());
    const setParse = cachedStatement(db, `UPDATE artifact_rows SET parser = ?, parse_error = ? WHERE bundle_id = ? AND no = ?`);
    // A command's output always ends with a line end; one that does not was cut inside its last line (a paste cut
    // short, a ticket's size limit). The parser still reads it; the line is named, as its value may be incomplete.
    const cutNoted = new Set<string>();
    const noteCutLine = (name: string, data: Buffer): void => {
      if (data.length === 0 || data[data.length - 1] === 0x0a || cutNoted.has(name)) return;
      cutNoted.add(name);
      const r = record(name);
      if (r?.origin.kind !== 'cmd' || r.truncated) return;
      // A paste whose last line is the fence closing its block (alone, or glued after the output's last line) ended there.
      const text = asUtf8(data).toString('utf8');
      if (readAsWritten(name, () => endsWithJsonDocument(text)) || endsInClosingFence(text)) return;
      let line = 1;
      for (let i = data.indexOf(0x0a); i >= 0; i = data.indexOf(0x0a, i + 1)) line++;
      const last = data.subarray(data.lastIndexOf(0x0a) + 1).toString('utf8').trim().slice(0, 120);
      sink.issue('PARSE-CUT', `line ${line} "${last}": the output ends inside this line, without a line end; it may have been cut there, and what it says may be incomplete`, name);
    };
    // What a person added to a pasted output (notes after values, text around it) is said once per artifact, apart from
    // the lines its parser could not read: it is no gap of the parser.
    const pastedNoted = new Set<string>();
    const notePastedText = (name: string, p: ReturnType<typeof pastedText>): void => {
      if (pastedNoted.has(name) || (!p.notes.length && !p.around.length && !p.diff && !p.shell.length && !p.filtered)) return;
      pastedNoted.add(name);
      if (p.filtered) {
        sink.issue('PASTE-FILTERED', `line ${p.filtered.line}: the output was filtered by \`${p.filtered.filter.slice(0, 120)}\`: only the lines it kept were pasted, read as far as they go; what it left out is unknown, not absent`, name);
      }
      for (const n of p.notes) sink.issue('PASTE-NOTE', `line ${n.line}: ${JSON.stringify(n.note.slice(0, 120))} after the value is a note added to the output; it was left out of the value`, name);
      if (p.diff) {
        const n = p.diff.removed.length;
        sink.issue('PASTE-DIFF', `a diff of two outputs: its + side (the newer) was read; ${n} - line${n === 1 ? '' : 's'} of the older set aside${n ? ` (line${n === 1 ? '' : 's'} ${lineRuns(p.diff.removed)})` : ''}`, name);
      }
      for (const m of p.shell) {
        const after = m.command !== undefined ? ` after "${m.command.slice(0, 120)}"` : '';
        sink.issue('PASTE-SHELL', `line ${m.line}: ${JSON.stringify(m.text.slice(0, 120))} is the shell's message${after}, not the tool's output`, name);
      }
      if (p.around.length) sink.issue('PASTE-AROUND', `text around the output, ${p.around.length} line${p.around.length === 1 ? '' : 's'}, not read (line${p.around.length === 1 ? '' : 's'} ${lineRuns(p.around)})`, name);
    };
    // A person's elision in a JSON document (`...`, `"serial": ...`) is named once per line, whichever reader read the document.
    const elidedNamed = new Set<string>();
    const noteElided = (name: string, parser: string, seen: readonly CleanText[]): void => {
      for (const i of seen.flatMap((c) => c.elided ?? [])) {
        const key = `${name}\n${i.line}`;
        if (elidedNamed.has(key)) continue;
        elidedNamed.add(key);
        sink.issue('PARSE-LINE', `${parser}: line ${i.line} "${i.text}": ${i.message}`, name);
      }
    };
    // Sorted once for ctx.under's binary search (filled in place: a bundle may hold 300,000 names).
    const names = new Array<string>(kept.size);
    let at = 0;
    for (const name of kept.names()) names[at++] = name;
    names.sort();
    const deviceRows = cachedStatement(db, `SELECT device_key AS key, class, model, serial, parent_key AS parentKey FROM devices WHERE bundle_id = ? ORDER BY device_key`);
    // A command's output saved on Windows as UTF-16 (PowerShell's `>`) is read as the UTF-8 text it holds.
    const stored = (name: string): Buffer | undefined => {
      const data = kept.get(name);
      return data && data.length >= 2 && (data[0]! & 0xfe) === 0xfe && record(name)?.origin.kind === 'cmd' ? asUtf8(data) : data;
    };
    const ctx: LoadContext = {
      sink,
      manifest,
      devices: () => deviceRows.all(bundleId) as ReturnType<LoadContext['devices']>,
      drive: (key) => sink.driveOf(key),
      firmware: (key) => sink.firmwareOf(key),
      query: (sql, params = {}) => {
        sink.flushRegisters();
        return cachedStatement(db, sql).iterate({ ...params, bundle: bundleId }) as IterableIterator<Record<string, unknown>>;
      },
      names: (match) => (match ? names.filter((n) => match.test(n)) : names),
      under: (prefix) => namesUnder(names, prefix),
      get: stored,
      text: (name) => stored(name)?.toString('utf8').replace(TRAILING_NL, ''),
      lines: (name) => (kept.has(name) ? linesOf(kept.chunks(name)) : undefined),
      record,
      parse: (name, parser, fn) => {
        const data = stored(name);
        if (!data) return undefined;
        noteCutLine(name, data);
        sink.currentArtifact = name;
        try {
          const { value: out, seen } = observeText(() => readAsWritten(name, () => fn(data)));
          setParse.run(parser, null, bundleId, sink.artifactNo(name));
          noteElided(name, parser, seen);
          if (seen.length && record(name)?.origin.kind === 'cmd') notePastedText(name, pastedText(seen, out));
          return out;
        } catch (e) {
          if (e instanceof UndeclaredFactError || e instanceof TextIdCollision) throw e;
          const msg = e instanceof ParseError ? e.message : `${parser}: unexpected ${(e as Error).name}: ${(e as Error).message}`;
          setParse.run(parser, msg, bundleId, sink.artifactNo(name));
          sink.issue(e instanceof ParseError ? 'PARSE' : 'PARSER-BUG', msg, name);
          return undefined;
        } finally {
          sink.currentArtifact = undefined;
        }
      },
    };
    for (const l of loaders) {
      sink.currentWriter = `loader ${l.name}`;
      try {
        l.load(ctx);
      } catch (e) {
        if (e instanceof UndeclaredFactError || e instanceof TextIdCollision) throw e;
        sink.issue('LOADER-BUG', `loader ${l.name} failed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      }
    }
    sink.currentWriter = undefined;
    sink.flushFirmware();
    sink.foldDrives();
    const artifact = (name: string): { data: Buffer; truncated: boolean } | undefined => {
      const data = stored(name);
      return data && { data, truncated: record(name)?.truncated ?? false };
    };
    for (const nameDevices of DEVICE_NAMERS) nameDevices(db, bundleId, artifact);
    hostFactsOfSavedOutputs(db, bundleId);
    const complete = !problems.length;
    cachedStatement(db, `UPDATE bundles SET complete = ?, problems = ? WHERE id = ?`).run(complete ? 1 : 0, problems.length, bundleId);
    o.beforeCommit?.(bundleId);
    db.exec(tx.commit);
    return { bundleId, path, manifest, problems, verified: verified.size, complete: complete && !result.incomplete, replaced, ...(readByOthers ? { readByOthers } : {}), manifestSha256: result.manifestSha256 };
  } catch (e) {
    if (db.inTransaction) {
      try {
        db.exec(tx.rollback);
      } catch {
        // SQLite already ended the transaction on this failure (a full disk): nothing is left to undo.
      }
    }
    throw e;
  } finally {
    kept.dispose();
  }
}

/** Tables that name their artifact by number (artifact_rows.no). */
const NUMBERED_ROW_TABLES = ['setting_rows', 'firmware_rows', 'register_dump_rows', 'register_field_rows'] as const;

function withdrawUnverified(db: Db, sink: SqliteSink, names: string[]): void {
  if (!names.length) return;
  const classRows = classTables().flatMap((t) => t.rows);
  const byName = classRows.filter((r) => r.artifact === 'artifact').map((r) => r.table)
    .map((t) => cachedStatement(db, `DELETE FROM "${t}" WHERE bundle_id = ? AND artifact = ?`));
  const byNo = [...NUMBERED_ROW_TABLES, ...classRows.filter((r) => r.artifact === 'artifact_no').map((r) => r.table)]
    .map((t) => cachedStatement(db, `DELETE FROM "${t}" WHERE bundle_id = ? AND artifact_no = ?`));
  for (const name of names) {
    for (const s of byName) s.run(sink.bundleId, name);
    for (const s of byNo) s.run(sink.bundleId, sink.artifactNo(name));
  }
}

/** Marks the verified records, and adds the entries kept for parsing that the manifest does not list. */
function recordArtifacts(db: Db, sink: SqliteSink, verified: NameSet, kept: EntrySpool): void {
  const mark = cachedStatement(db, `UPDATE artifact_rows SET verified = 1 WHERE bundle_id = ? AND no = ?`);
  for (const name of verified) mark.run(sink.bundleId, sink.artifactNo(name));
  // An entry kept for parsing that the manifest does not list becomes listed with its size.
  const ins = cachedStatement(db, `UPDATE artifact_rows SET listed = 1, size = ?, verified = ? WHERE bundle_id = ? AND no = ? AND listed = 0`);
  for (const name of kept.names()) {
    const no = sink.artifactNo(name);
    ins.run(kept.sizeOf(name)!, verified.has(name) ? 1 : 0, sink.bundleId, no);
  }
}

/**
 * A bundle whose manifest could not read its host (a --root tree of saved outputs) takes the kernel release and hostname
 * the loaders read from what the tree holds (a saved `uname -a`): the kernel entry's release, its `hostname` setting.
 */
function hostFactsOfSavedOutputs(db: Db, bundleId: number): void {
  cachedStatement(db, `UPDATE bundles SET
    kernel_release = COALESCE(kernel_release, (SELECT model FROM devices WHERE bundle_id = @b AND device_key = 'kernel' AND class = 'kernel')),
    hostname = COALESCE(hostname, (SELECT value FROM settings WHERE bundle_id = @b AND device_key = 'kernel' AND namespace = 'kernel' AND key = 'hostname' LIMIT 1))
    WHERE id = @b`).run({ b: bundleId });
}

function recordManifest(db: Db, bundleId: number, m: ManifestHead | undefined): void {
  if (!m) return;
  cachedStatement(db, `UPDATE bundles SET hostname = ?, kernel_release = ?, collected_at = ?, tool_version = ?, format_version = ?, collected_as_root = ?, redacted = ? WHERE id = ?`).run(
    hostFactRead(m.host, m.host.hostname), hostFactRead(m.host, m.host.kernelRelease), m.host.time, m.tool.version, m.formatVersion, m.host.root ? 1 : 0, m.options.redacted ? 1 : 0, bundleId,
  );
  const src = cachedStatement(db, `INSERT INTO sources (bundle_id, name, status, reason, duration_ms) VALUES (?, ?, ?, ?, ?)`);
  for (const s of m.sources) src.run(bundleId, s.name, s.status, s.reason ?? null, s.durationMs);
  const iss = cachedStatement(db, `INSERT INTO collection_issues (bundle_id, stage, source, target, code, message) VALUES (?, 'collect', ?, ?, ?, ?)`);
  for (const i of m.issues) iss.run(bundleId, i.source, i.target, i.code, i.message);
}

/** The run of sorted `names` that start with `prefix`. */
export function namesUnder(names: readonly string[], prefix: string): string[] {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (names[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < names.length && names[end]!.startsWith(prefix)) end++;
  return names.slice(lo, end);
}
