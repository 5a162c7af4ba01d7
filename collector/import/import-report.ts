import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, fstatSync, lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkMapPath, defaultMapPath, MapFileError } from '../../bundle/redact/map-file.js';
import { redactBundle, RedactError } from '../../bundle/redact/redact-bundle.js';
import { OutputExistsError } from '../../bundle/writer.js';
import { REDACTION } from '../classes/index.js';
import type { ArtifactRecord, CollectionIssue, HostFacts } from '../../bundle/format.js';
import type { BundleWriter } from '../../bundle/writer.js';
import { collect, CollectError, type CollectResult } from '../collect.js';
import { shellWord } from '../shell-word.js';
import type { ReportKind, Mapped } from './mapping.js';
import { readReport, ReportError, REPORT_LIMITS, type ReportContents, type ReportLimits } from './report-reader.js';
import { looksLikeSos, mapSos, sosWants, type SosMapping } from './sos.js';
import { looksLikeSupportconfig, mapSupportconfig, supportconfigWants, type SupportconfigMapping } from './supportconfig.js';

export interface ImportOptions {
  input: string;
  output: string;
  overwrite?: boolean;
  timeoutSeconds?: number;
  signal?: AbortSignal;
  limits?: ReportLimits;
  /** Sources run in-process (tests). */
  isolation?: 'process' | 'inline';
  /**
   * Redact the bundle as `fwsnap redact` does (the same catalog and redactor): the import is written to the
   * private temporary directory, then redacted into `output`; the token map goes to `mapPath` (default
   * `<output>.redaction-map.json`, an existing map extended), written before the bundle.
   */
  redact?: { mapPath?: string; keepBinary?: boolean };
}

export interface ImportResult extends CollectResult {
  report: ReportKind;
  version?: string;
  /** Report files mapped into the bundle. */
  mapped: number;
  /** Device-tool outputs the report holds that have no bundle counterpart. */
  unmapped: string[];
  /** What was refused or cut short while reading the report. */
  problems: ReportContents['problems'];
  /** With `redact`: distinct secrets replaced. */
  secrets?: number;
}

/** The report files either kind may need: chosen by name while streaming, before the kind is known. */
const wants = (path: string): boolean => sosWants(path) || supportconfigWants(path);

const MAX_LISTED = 500;
const PIECE = 1024 * 1024;

function* pieces(file: string): Generator<Buffer> {
  const fd = openSync(file, 'r');
  try {
    for (;;) {
      const buf = Buffer.alloc(PIECE);
      const n = readSync(fd, buf, 0, PIECE, null);
      if (n <= 0) return;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

function digest(file: string): { size: number; sha256: string } {
  const hash = createHash('sha256');
  let size = 0;
  for (const p of pieces(file)) {
    hash.update(p);
    size += p.length;
  }
  return { size, sha256: hash.digest('hex') };
}

/**
 * `fwsnap import`: reads a sosreport or supportconfig (archive or directory) as hostile input, copies the files
 * fwsnap can use into a private temporary tree laid out as `collect --root` reads it, and collects that tree
 * into a bundle. Every artifact records the report file it came from; what the report holds but fwsnap cannot
 * map is listed in the manifest's issues (code NOT_MAPPED). The temporary tree is removed in every case.
 */
export async function importReport(o: ImportOptions): Promise<ImportResult> {
  const mapPath = o.redact ? resolve(o.redact.mapPath ?? defaultMapPath(o.output)) : undefined;
  if (mapPath) {
    try {
      checkMapPath(mapPath, o.output, o.input);
    } catch (e) {
      throw new CollectError((e as Error).message);
    }
    const existing = lstatSync(o.output, { throwIfNoEntry: false });
    if (existing?.isDirectory()) throw new CollectError(`-o ${o.output} is a directory; give the bundle's file name`);
    if (existing && !existing.isFile()) throw new CollectError(`-o ${o.output} is not a regular file; fwsnap does not write over it`);
    if (existing && o.overwrite === false) throw new CollectError(`-o ${o.output} already exists; give --force to replace it`);
  }
  const work = mkdtempSync(join(tmpdir(), 'fwsnap-import-'));
  try {
    const stage = join(work, 'report');
    const tree = join(work, 'tree');
    mkdirSync(stage, { mode: 0o700 });
    mkdirSync(tree, { mode: 0o700 });
    let contents: ReportContents;
    try {
      contents = await readReport(o.input, stage, wants, o.limits ?? REPORT_LIMITS);
    } catch (e) {
      if (e instanceof ReportError) throw new CollectError(e.message);
      const err = e as NodeJS.ErrnoException;
      // A system call failing on the report (EACCES, EIO…) or on the private copy of it (ENOSPC in TMPDIR): one line.
      if (typeof err.code === 'string' && err.syscall) {
        const words = err.message.replace(/^[A-Z]+: /, '').replace(/, \w+(?: '.*')?$/, '');
        if (err.path?.startsWith(work)) throw new CollectError(`${o.input}: its copy in ${tmpdir()} cannot be written (${words}, ${err.code})`);
        throw new CollectError(`${o.input}: cannot be read (${words}, ${err.code})`);
      }
      throw e;
    }
    const read = (p: string): Buffer => readFileSync(join(stage, p));
    const keptPaths = contents.kept.map((k) => k.path);
    let report: ReportKind;
    let mapping: SosMapping | SupportconfigMapping;
    if (looksLikeSos(contents.paths)) {
      report = 'sosreport';
      mapping = mapSos(contents.paths, keptPaths.filter(sosWants), read);
    } else if (looksLikeSupportconfig(contents.paths)) {
      report = 'supportconfig';
      mapping = mapSupportconfig(keptPaths.filter(supportconfigWants), (p, max) => readHead(join(stage, p), max));
    } else {
      const cut = contents.incomplete ? `; the archive could not be read to its end (${contents.problems.at(-1)?.message ?? 'cut short'})` : '';
      if (contents.topDirs.includes('sos_commands')) throw new CollectError(`${o.input}: its sos_commands/ is empty (no command output in it, nor any file in its folders); nothing to import${cut}`);
      throw new CollectError(`${o.input}: neither a sosreport (no sos_commands/) nor a supportconfig (no basic-environment.txt)${cut}${insteadWords(o.input, contents)}`);
    }
    const byTree = new Map<string, Mapped>();
    for (const m of mapping.files) if (!byTree.has(m.tree)) byTree.set(m.tree, m);
    for (const m of byTree.values()) {
      if (m.direct) continue;
      const at = join(tree, m.tree);
      mkdirSync(join(at, '..'), { recursive: true, mode: 0o700 });
      if (m.data) writeFileSync(at, m.data, { flag: 'wx', mode: 0o600 });
      else copyFileSync(join(stage, m.reportPath), at);
    }
    const used = new Set<string>();
    const annotate = (r: ArtifactRecord): ArtifactRecord => {
      // Links are read without a replayedFrom; they keep their name.
      const m = byTree.get(r.replayedFrom ?? r.name);
      if (!m) return r;
      used.add(m.tree);
      const { replayedFrom: _tree, ...rest } = r;
      return { ...rest, imported: { path: m.reportPath, ...(m.derived ? { derived: true } : {}) } };
    };
    const finish = async (writer: BundleWriter): Promise<CollectionIssue[]> => {
      for (const m of byTree.values()) {
        if (used.has(m.tree) || writer.has(m.tree)) continue;
        const record = { name: m.tree, source: 'import', origin: m.origin, truncated: false, imported: { path: m.reportPath, ...(m.derived ? { derived: true } : {}) } };
        if (m.data) await writer.add(record, m.data);
        else {
          // A report file (a kernel log, lspci of a large host) is streamed, never held whole.
          const file = join(stage, m.reportPath);
          const { size, sha256 } = digest(file);
          await writer.addPieces(record, size, sha256, pieces(file));
        }
      }
      const issues: CollectionIssue[] = contents.problems.map((p) => ({ source: 'import', target: p.entry ?? o.input, code: p.kind.toUpperCase().replace(/-/g, '_'), message: p.message }));
      for (const u of mapping.unmapped.slice(0, MAX_LISTED)) {
        issues.push({ source: 'import', target: u, code: 'NOT_MAPPED', message: `the ${report} holds ${u}, which has no counterpart in a bundle; left out` });
      }
      for (const c of 'cut' in mapping ? mapping.cut : []) issues.push({ source: 'import', target: c.target, code: 'TOO_LARGE', message: c.message });
      if (mapping.unmapped.length > MAX_LISTED) {
        issues.push({ source: 'import', target: o.input, code: 'NOT_MAPPED', message: `${mapping.unmapped.length - MAX_LISTED} more device-tool outputs left out` });
      }
      return issues;
    };
    const newest = Math.max(0, ...contents.kept.map((k) => k.mtimeMs));
    const facts = (name: string): string | undefined => {
      const m = byTree.get(name);
      const text = m ? (m.data ?? read(m.reportPath)).toString('utf8').trim() : undefined;
      return text || undefined;
    };
    const host: HostFacts = {
      hostname: facts('proc/sys/kernel/hostname') ?? 'unknown',
      kernelRelease: facts('proc/sys/kernel/osrelease') ?? 'unknown',
      machine: facts('proc/sys/kernel/arch') ?? 'unknown',
      time: new Date(newest || Date.now()).toISOString(),
      // Both sos report and supportconfig run as root only.
      uid: 0,
      root: true,
      collectedFrom: 'import',
    };
    // Redacting: the unredacted bundle exists only in the private directory, removed below in every case.
    const written = mapPath ? join(work, 'unredacted.tar.gz') : o.output;
    const result = await collect({
      output: written,
      overwrite: o.overwrite,
      root: tree,
      timeoutSeconds: o.timeoutSeconds,
      signal: o.signal,
      isolation: o.isolation,
      importing: { host, options: { report, ...(mapping.version ? { version: mapping.version } : {}) }, annotate, finish },
    });
    const imported = { report, version: mapping.version, mapped: byTree.size, unmapped: mapping.unmapped, problems: contents.problems };
    if (!mapPath) return { ...result, ...imported };
    try {
      const r = await redactBundle({ catalog: REDACTION, input: written, output: o.output, mapPath, keepBinary: o.redact?.keepBinary, overwrite: o.overwrite ?? true });
      return { ...result, ...imported, path: o.output, manifest: r.manifest, bytes: statSync(o.output).size, artifactCount: r.manifest.artifacts.length, mapPath: r.mapPath, secrets: r.secrets };
    } catch (e) {
      if (e instanceof RedactError || e instanceof MapFileError || e instanceof OutputExistsError) throw new CollectError(`${e.message}; no bundle was written`);
      throw e;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A file's first `maxBytes` bytes and its size, never more held. */
function readHead(path: string, maxBytes: number): { data: Buffer; size: number } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const data = Buffer.alloc(Math.min(size, maxBytes));
    let got = 0;
    while (got < data.length) {
      const n = readSync(fd, data, got, data.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return { data: data.subarray(0, got), size };
  } finally {
    closeSync(fd);
  }
}

/** A bundle's file name (collect writes `.tar.gz`). */
const BUNDLE_NAME = /\.(?:tar\.gz|tgz)$/i;

/** What an input that is no report is instead, when its files say: the command that reads it. */
function insteadWords(input: string, c: ReportContents): string {
  const it = shellWord(input);
  // A bundle's first entry (proc/…, cmd/…) was taken for a report's top directory, and its manifest.json lay outside it.
  const manifest = c.paths.includes('manifest.json') || c.problems.some((p) => p.kind === 'outside-top' && p.entry === 'manifest.json');
  if (manifest) return `; it is an fwsnap bundle (it holds manifest.json), which \`fwsnap analyze ${it}\` reads as it is`;
  if (c.paths.some((p) => !p.includes('/') && BUNDLE_NAME.test(p))) return `; it holds bundles, which \`fwsnap analyze ${it}\` (or \`fwsnap fleet ${it}\`) reads`;
  const tops = TREE_TOPS.filter((d) => c.topDirs.includes(d) || c.top === d);
  if (tops.length) return `; it is laid out as a captured tree (${tops.map((d) => `${d}/`).join(', ')}), which \`fwsnap collect --root\` reads as an extracted folder`;
  return '';
}

const TREE_TOPS = ['cmd', 'sys', 'proc'];
