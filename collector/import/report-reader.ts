import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, constants as fsc, createReadStream, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { capped, isSafeEntryName, quoted } from '../../bundle/format.js';
import { otherFormatOf } from '../../bundle/other-format.js';

/** Caps on a report, as hostile as a bundle (bundle/reader.ts): entries, bytes, compression ratio, depth. */
export interface ReportLimits {
  maxEntries: number;
  /** Largest file kept from the report; a larger wanted file is left out and named. */
  maxEntryBytes: number;
  /** All bytes inflated (or, for a directory, all bytes of wanted files). */
  maxTotalBytes: number;
  /** Inflated bytes per byte of the archive file, once more than ratioGraceBytes were inflated. */
  maxRatio: number;
  ratioGraceBytes: number;
  /** Directory depth walked in an extracted report. */
  maxDepth: number;
}

export const REPORT_LIMITS: ReportLimits = {
  maxEntries: 1_000_000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 16 * 1024 * 1024 * 1024,
  maxRatio: 200,
  ratioGraceBytes: 64 * 1024 * 1024,
  maxDepth: 64,
};

export type ReportProblemKind = 'unsafe-name' | 'duplicate' | 'link' | 'special-entry' | 'too-many-entries' | 'entry-too-large' | 'total-too-large' | 'compression-ratio' | 'corrupt' | 'too-deep' | 'outside-top';

export interface ReportProblem {
  kind: ReportProblemKind;
  entry?: string;
  message: string;
}

export interface KeptFile {
  /** Path inside the report, without the report's own top directory. */
  path: string;
  size: number;
  mtimeMs: number;
}

export interface ReportContents {
  /** The report's top directory (`sosreport-host-2024-…`, `scc_host_…`), when it has one. */
  top?: string;
  /** Paths inside the report down to three levels (links with a trailing `@`), for its kind and what was not mapped. */
  paths: string[];
  /** Directories at the report's first level, empty or not (paths lists files only). */
  topDirs: string[];
  /** The wanted files, copied into the staging directory under their paths. */
  kept: KeptFile[];
  problems: ReportProblem[];
  /** Reading stopped early (a cap, a corrupt archive): what was kept is still usable. */
  incomplete: boolean;
}

export class ReportError extends Error {}

/** Names the report may hold: the bundle's own rule, and no control, format or line-separator characters. */
const BAD_NAME_CHARS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\ufffd]/u;

export function safeReportPath(p: string): boolean {
  return isSafeEntryName(p) && !BAD_NAME_CHARS.test(p);
}

type Compression = 'gzip' | 'xz' | 'bzip2' | 'none';

function sniff(path: string): Compression {
  const fd = openSync(path, fsc.O_RDONLY | fsc.O_NOFOLLOW);
  try {
    const head = Buffer.alloc(512);
    const n = readSync(fd, head, 0, 512, 0);
    if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
    if (n >= 6 && head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
    if (n >= 3 && head.toString('latin1', 0, 3) === 'BZh') return 'bzip2';
    if (n >= 262 && head.toString('latin1', 257, 262) === 'ustar') return 'none';
    const other = otherFormatOf(fd);
    const said = other === undefined ? 'neither a directory nor' : `the file is ${other}; a report is a directory or`;
    throw new ReportError(`${path}: not a report (${said} a tar archive, plain or compressed with gzip, xz or bzip2)`);
  } finally {
    closeSync(fd);
  }
}

/** Counts inflated bytes and stops the stream past the total cap or the compression ratio. */
class Guard extends Transform {
  count = 0;
  tripped: ReportProblem | undefined;
  constructor(
    private readonly archiveBytes: number,
    private readonly limits: ReportLimits,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.count += chunk.length;
    if (this.count > this.limits.maxTotalBytes) {
      this.tripped = { kind: 'total-too-large', message: `the report inflates to more than ${this.limits.maxTotalBytes} bytes; reading stopped there` };
    } else if (this.count > this.limits.ratioGraceBytes && this.count > this.archiveBytes * this.limits.maxRatio) {
      this.tripped = { kind: 'compression-ratio', message: `the report inflates more than ${this.limits.maxRatio} times its size; reading stopped there` };
    }
    if (this.tripped) cb(new StopReading());
    else cb(null, chunk);
  }
}

class StopReading extends Error {}

/** xz and bzip2 run as child processes reading the archive's descriptor; their stdout is the tar stream. */
function decompressor(tool: 'xz' | 'bzip2', fd: number): { child: ChildProcess; out: Readable; failed: () => string | undefined } {
  const args = tool === 'xz' ? ['-d', '-c', '-q', '-M', '512MiB'] : ['-d', '-c', '-q'];
  const child = spawn(tool, args, { stdio: [fd, 'pipe', 'pipe'] });
  let err = '';
  let spawnError: string | undefined;
  child.stderr!.on('data', (d: Buffer) => {
    if (err.length < 2000) err += d.toString('utf8');
  });
  child.on('error', (e: NodeJS.ErrnoException) => {
    spawnError = e.code === 'ENOENT' ? `${tool} is not installed; it is needed to read a .tar.${tool === 'xz' ? 'xz' : 'bz2'} report (or give the extracted directory)` : e.message;
    child.stdout!.destroy();
  });
  return { child, out: child.stdout!, failed: () => spawnError ?? (err.trim() ? `${tool}: ${err.trim().split('\n')[0]}` : undefined) };
}

interface Collector {
  contents: ReportContents;
  stage: string;
  wants: (path: string) => boolean;
  limits: ReportLimits;
  total: number;
  topDecided: boolean;
}

function problem(c: Collector, p: ReportProblem): void {
  if (c.contents.problems.length < 1000) c.contents.problems.push(p);
}

/** The staging file for a wanted path: created new, in directories this process made (no link can be in the way). */
function stageFile(c: Collector, path: string): number {
  const full = join(c.stage, path);
  mkdirSync(join(full, '..'), { recursive: true, mode: 0o700 });
  return openSync(full, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL | fsc.O_NOFOLLOW, 0o600);
}

/** A second entry of the same name, or a name that is a file and a directory at once, keeps the first one. */
function tryStage(c: Collector, path: string): number | undefined {
  try {
    return stageFile(c, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR' && code !== 'EISDIR') throw e;
    problem(c, { kind: 'duplicate', entry: path, message: `${path} appears twice in the report (or as a file and a directory); the first one is kept` });
    return undefined;
  }
}

/**
 * Strips the report's top directory: the first component of the first entry (when that entry is a directory
 * or lies inside one); an archive whose first entry is a plain file at its root, or `./`, has no top directory.
 */
function insideTop(c: Collector, raw: string, isDir: boolean): string | undefined {
  const name = raw.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  const slash = name.indexOf('/');
  // `tar -C report -c .` writes `./` first: the archive holds the report's contents, with no top directory.
  if (name === '') {
    c.topDecided = true;
    return '';
  }
  if (!c.topDecided) {
    c.topDecided = true;
    if (slash > 0) c.contents.top = name.slice(0, slash);
    else if (isDir) c.contents.top = name;
  }
  if (c.contents.top === undefined) return name;
  if (name === c.contents.top) return '';
  if (slash < 0 || name.slice(0, slash) !== c.contents.top) return undefined;
  return name.slice(slash + 1);
}

/** Paths remembered for telling the report's kind and naming what was not mapped: the first three levels. */
function remember(c: Collector, path: string): void {
  if (c.contents.paths.length < MAX_REMEMBERED && path.split('/').length <= 3) c.contents.paths.push(path);
}

const MAX_REMEMBERED = 200_000;

async function readArchive(file: string, c: Collector): Promise<void> {
  const kind = sniff(file);
  const archiveBytes = lstatSync(file).size;
  const guard = new Guard(archiveBytes, c.limits);
  const extract = tar.extract();
  let fd: number | undefined;
  let child: ReturnType<typeof decompressor> | undefined;
  let input: Readable;
  if (kind === 'xz' || kind === 'bzip2') {
    fd = openSync(file, fsc.O_RDONLY | fsc.O_NOFOLLOW);
    child = decompressor(kind, fd);
    input = child.out;
  } else {
    fd = openSync(file, fsc.O_RDONLY | fsc.O_NOFOLLOW);
    const raw = createReadStream('', { fd, autoClose: false });
    input = kind === 'gzip' ? raw.pipe(createGunzip()).on('error', (e) => guard.destroy(e)) : raw;
    raw.on('error', (e) => guard.destroy(e));
  }
  const consume = (async () => {
    let entries = 0;
    for await (const entry of extract) {
      const h = entry.header;
      if (++entries > c.limits.maxEntries) {
        problem(c, { kind: 'too-many-entries', message: `the report has more than ${c.limits.maxEntries} entries; reading stopped there` });
        c.contents.incomplete = true;
        entry.resume();
        throw new StopReading();
      }
      const name = h.name;
      const inner = insideTop(c, name, h.type === 'directory');
      if (h.type === 'directory') {
        if (inner && !inner.includes('/')) c.contents.topDirs.push(inner);
        entry.resume();
        continue;
      }
      if (inner === undefined || inner === '') {
        problem(c, { kind: 'outside-top', entry: capped(name), message: `entry ${quoted(name)} is outside the report's top directory; left out` });
        entry.resume();
        continue;
      }
      if (h.type === 'symlink' || h.type === 'link') {
        // sos adds convenience links (`lspci` → sos_commands/pci/lspci_-nnvv): never followed, the target is read where it is.
        remember(c, `${inner}@`);
        entry.resume();
        continue;
      }
      if (h.type !== 'file' && h.type !== 'contiguous-file') {
        problem(c, { kind: 'special-entry', entry: capped(name), message: `refused ${h.type ?? 'unknown'} entry ${quoted(name)}` });
        entry.resume();
        continue;
      }
      if (!safeReportPath(inner)) {
        problem(c, { kind: 'unsafe-name', entry: capped(name), message: `refused entry with unsafe name ${quoted(name)}` });
        entry.resume();
        continue;
      }
      remember(c, inner);
      const size = h.size ?? 0;
      if (!c.wants(inner)) {
        entry.resume();
        continue;
      }
      if (size > c.limits.maxEntryBytes) {
        problem(c, { kind: 'entry-too-large', entry: inner, message: `${inner} is ${size} bytes, over the limit of ${c.limits.maxEntryBytes}; left out` });
        entry.resume();
        continue;
      }
      const out = tryStage(c, inner);
      if (out === undefined) {
        entry.resume();
        continue;
      }
      let written = 0;
      try {
        for await (const chunk of entry as AsyncIterable<Buffer>) {
          written += chunk.length;
          writeSync(out, chunk);
        }
      } finally {
        closeSync(out);
      }
      c.contents.kept.push({ path: inner, size: written, mtimeMs: (h.mtime?.getTime() ?? 0) });
    }
  })();
  try {
    await Promise.all([pipeline(input, guard, extract), consume]);
  } catch (e) {
    c.contents.incomplete = true;
    if (guard.tripped) problem(c, guard.tripped);
    else if (!(e instanceof StopReading)) {
      const why = child?.failed();
      if (why && c.contents.kept.length === 0 && c.contents.paths.length === 0) throw new ReportError(why);
      problem(c, { kind: 'corrupt', message: `the archive ends early or is corrupt (${why ?? (e as Error).message}); what was read before is used` });
    }
  } finally {
    child?.child.kill('SIGKILL');
    if (fd !== undefined) closeSync(fd);
  }
  if (!c.contents.incomplete && child) {
    const why = child.failed();
    if (why && child.child.exitCode !== 0 && child.child.exitCode !== null) problem(c, { kind: 'corrupt', message: why });
  }
}

/** Walks an extracted report without following links; only regular files are opened, each checked after opening. */
function readDirectory(dir: string, c: Collector): void {
  let entries = 0;
  const walk = (rel: string, depth: number): void => {
    if (depth > c.limits.maxDepth) {
      problem(c, { kind: 'too-deep', entry: rel, message: `${rel} is nested more than ${c.limits.maxDepth} directories deep; not read` });
      return;
    }
    let names: string[];
    try {
      names = readdirSync(rel ? join(dir, rel) : dir).sort();
    } catch {
      return;
    }
    for (const n of names) {
      if (++entries > c.limits.maxEntries) {
        if (!c.contents.incomplete) problem(c, { kind: 'too-many-entries', message: `the report has more than ${c.limits.maxEntries} entries; reading stopped there` });
        c.contents.incomplete = true;
        return;
      }
      const inner = rel ? `${rel}/${n}` : n;
      if (!safeReportPath(inner)) {
        problem(c, { kind: 'unsafe-name', entry: capped(inner), message: `refused entry with unsafe name ${quoted(inner)}` });
        continue;
      }
      const st = lstatSync(join(dir, inner), { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) {
        if (depth === 0) c.contents.topDirs.push(inner);
        walk(inner, depth + 1);
        continue;
      }
      if (st.isSymbolicLink()) {
        remember(c, `${inner}@`);
        continue;
      }
      if (!st.isFile()) {
        problem(c, { kind: 'special-entry', entry: capped(inner), message: `refused ${inner}: not a regular file` });
        continue;
      }
      remember(c, inner);
      if (!c.wants(inner)) continue;
      keepFromDirectory(c, dir, inner);
      if (c.contents.incomplete) return;
    }
  };
  walk('', 0);
}

function keepFromDirectory(c: Collector, dir: string, inner: string): void {
  let fd: number;
  try {
    fd = openSync(join(dir, inner), fsc.O_RDONLY | fsc.O_NOFOLLOW | fsc.O_NONBLOCK);
  } catch (e) {
    problem(c, { kind: 'special-entry', entry: inner, message: `${inner} could not be opened (${(e as NodeJS.ErrnoException).code ?? 'EIO'}); left out` });
    return;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      problem(c, { kind: 'special-entry', entry: inner, message: `${inner} changed into something other than a regular file; left out` });
      return;
    }
    if (st.size > c.limits.maxEntryBytes) {
      problem(c, { kind: 'entry-too-large', entry: inner, message: `${inner} is ${st.size} bytes, over the limit of ${c.limits.maxEntryBytes}; left out` });
      return;
    }
    const out = stageFile(c, inner);
    let written = 0;
    try {
      const buf = Buffer.alloc(1024 * 1024);
      for (;;) {
        // A file that grows while read stops at the cap like any other.
        const n = readSync(fd, buf, 0, Math.min(buf.length, c.limits.maxEntryBytes + 1 - written), null);
        if (n <= 0) break;
        written += n;
        c.total += n;
        if (written > c.limits.maxEntryBytes || c.total > c.limits.maxTotalBytes) break;
        writeSync(out, buf, 0, n);
      }
    } finally {
      closeSync(out);
    }
    if (c.total > c.limits.maxTotalBytes) {
      problem(c, { kind: 'total-too-large', message: `the report's wanted files hold more than ${c.limits.maxTotalBytes} bytes; reading stopped there` });
      c.contents.incomplete = true;
      return;
    }
    c.contents.kept.push({ path: inner, size: Math.min(written, c.limits.maxEntryBytes), mtimeMs: st.mtimeMs });
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a report (an extracted directory, or a tar archive plain or compressed with gzip, xz or bzip2) and
 * copies the files `wants` selects into `stage` (a private directory the caller made) under their paths inside
 * the report. Nothing else is written; links are never followed; names, entry count, sizes and the compression
 * ratio are capped.
 */
export async function readReport(input: string, stage: string, wants: (path: string) => boolean, limits: ReportLimits = REPORT_LIMITS): Promise<ReportContents> {
  let st;
  try {
    st = lstatSync(input);
  } catch {
    throw new ReportError(`${input}: no such file or directory`);
  }
  const c: Collector = { contents: { paths: [], topDirs: [], kept: [], problems: [], incomplete: false }, stage, wants, limits, total: 0, topDecided: false };
  if (st.isDirectory()) readDirectory(input, c);
  else if (st.isFile()) await readArchive(input, c);
  else throw new ReportError(`${input}: not a regular file or a directory`);
  return c.contents;
}
