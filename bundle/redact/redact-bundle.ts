import type { ArtifactRecord, Manifest } from '../format.js';
import { createHash } from 'node:crypto';
import { EntrySpool, SpoolError } from '../entry-spool.js';
import { outputFailure } from '../output-failure.js';
import { scanBundle, type BundleProblem, type EntrySink, type ReadLimits } from '../reader.js';
import { BundleWriter } from '../writer.js';
import { checkMapPath, defaultMapPath, loadTokenMap, writeTokenMap } from './map-file.js';
import { sameFile } from '../same-file.js';
import type { ArtifactClass, RedactionCatalog } from './classify.js';
import { Redactor, STREAM_ABOVE } from './redactor.js';

export interface RedactBundleOptions {
  /** What the registered classes declare about their artifacts (collector/classes/index.ts). */
  catalog: RedactionCatalog;
  input: string;
  output: string;
  mapPath?: string;
  /** Redact an input that does not verify (what can be read is redacted; its problems are returned). */
  force?: boolean;
  keepBinary?: boolean;
  limits?: ReadLimits;
  /** Replace an existing regular file at output (default true; the CLI sets it from --force). */
  overwrite?: boolean;
  /** Most distinct secrets searched for (default MAX_LITERAL_SECRETS). */
  maxSecrets?: number;
}

export interface RedactBundleResult {
  /** Its `artifacts` are read back from disk when first asked for: `written` counts them without that. */
  manifest: Manifest;
  written: number;
  mapPath: string;
  secrets: number;
  /** Problems of the input, accepted because of `force`. */
  inputProblems: BundleProblem[];
}

export class RedactError extends Error {
  constructor(
    message: string,
    readonly problems: BundleProblem[] = [],
  ) {
    super(message);
  }
}

/**
 * Distinct secrets searched for in every spelling (about thirty patterns each): 50,000 (25,000 MAC addresses
 * and 25,000 serials in a kernel log) took redact to 211 MB. Past this, redaction refuses rather than exceed
 * its memory bound or leave any out.
 */
export const MAX_LITERAL_SECRETS = 50_000;

const describe = (p: BundleProblem): string => `${p.kind}${p.entry ? ` ${p.entry}` : ''}: ${p.message}`;

/**
 * Streams a bundle twice: the first pass learns every secret (so tokens are known before any byte is
 * written), the second writes each artifact redacted into a new bundle with a new manifest.
 */
export async function redactBundle(o: RedactBundleOptions): Promise<RedactBundleResult> {
  const mapPath = o.mapPath ?? defaultMapPath(o.output);
  if (sameFile(o.input, o.output)) throw new RedactError(`${o.output} is the input bundle itself; give another output path`);
  checkMapPath(mapPath, o.input, o.output);
  const redactor = new Redactor({ catalog: o.catalog, keepBinary: o.keepBinary, tokens: loadTokenMap(mapPath) });

  const classes = new Map<string, ArtifactClass>();
  // What the new manifest keeps of each input record (all but name, size and sha256), as JSON text, with a
  // file origin's path left out when it is the name's own: 200,000 records cost a fraction of what as many
  // objects would.
  const records = new Map<string, string>();
  // Most records read alike once name, size and sha256 are gone: each distinct text is held once.
  const texts = new Map<string, string>();
  const keepRecord = ({ name, size: _size, sha256: _sha, ...kept }: ArtifactRecord): void => {
    const own = kept.origin.kind === 'file' && kept.origin.path === `/${name}`;
    const text = own ? JSON.stringify({ ...kept, origin: { kind: 'file' } }) : JSON.stringify(kept);
    let shared = texts.get(text);
    if (shared === undefined) texts.set(text, (shared = text));
    records.set(name, shared);
  };
  const keptRecord = (name: string, text: string): Omit<ArtifactRecord, 'size' | 'sha256'> => {
    const kept = JSON.parse(text) as Omit<ArtifactRecord, 'name' | 'size' | 'sha256'>;
    if (kept.origin.kind === 'file' && kept.origin.path === undefined) kept.origin = { kind: 'file', path: `/${name}` };
    return { name, ...kept };
  };
  let first: Awaited<ReturnType<typeof scanBundle>> | undefined = await scanBundle(
    o.input,
    (name, size) =>
      size > STREAM_ABOVE
        ? redactor.learnStream(name, undefined, (cls) => classes.set(name, cls))
        : whole((data) => redactor.learn(name, undefined, data)),
    o.limits,
    keepRecord,
  );
  // Only these of the first reading are kept (its verified names would cost as much as the records).
  const { problems: inputProblems, manifest: input } = first;
  first = undefined;
  texts.clear();
  if (inputProblems.length && !o.force) {
    throw new RedactError(`${o.input} does not verify, refusing to redact it (--force redacts what can be read):\n  ${inputProblems.map(describe).join('\n  ')}`, inputProblems);
  }
  const literal = [...redactor.tokens.entries()].filter(([kind]) => kind !== 'ipv4' && kind !== 'ipv6').length;
  const maxSecrets = o.maxSecrets ?? MAX_LITERAL_SECRETS;
  if (literal > maxSecrets) {
    throw new RedactError(
      `${o.input} holds ${literal} distinct identifiers to search for in every spelling; more than ${maxSecrets} cannot be redacted within the memory fwsnap allows itself (300 MB), so nothing was written`,
    );
  }
  if (!input) throw new RedactError(`${o.input} has no usable manifest; cannot redact it even with --force`, inputProblems);
  redactor.learnHostname(input.host.hostname);

  const notListed: { name: string; reason: string }[] = [];
  const writer = new BundleWriter(o.output, { overwrite: o.overwrite ?? true });
  try {
    const second = await scanBundle(
      o.input,
      (name, size) => {
        const listed = records.get(name);
        if (listed === undefined) {
          notListed.push({ name, reason: 'not listed in the input manifest' });
          return undefined;
        }
        // Each name is written once: its record goes, so the list shrinks as the reader's own list grows.
        records.delete(name);
        const kept = keptRecord(name, listed);
        if (kept.replayedFrom) kept.replayedFrom = redactor.redactString(kept.replayedFrom, false);
        if (size <= STREAM_ABOVE) {
          return whole(async (data) => {
            const out = redactor.redact(name, kept.origin, data);
            if (out !== null) await writer.add(kept, out);
          });
        }
        const cls = classes.get(name);
        if (!cls) return undefined;
        return streamed(redactor, name, cls, (outSize, sha256, pieces) => writer.addPieces(kept, outSize, sha256, pieces));
      },
      o.limits,
    );
    if (second.problems.length !== inputProblems.length) {
      throw new RedactError(`${o.input} changed while it was being redacted:\n  ${second.problems.map(describe).join('\n  ')}`, second.problems);
    }
    const header = redactor.redactManifest(input);
    // The map goes first: if it cannot be written, no bundle is put at the output.
    const manifest = await writer.finish(
      { ...header, dropped: [...(header.dropped ?? []), ...notListed] },
      { beforeCommit: () => writeTokenMap(mapPath, redactor.tokens, { bundle: o.output }) },
    );
    return { manifest, written: writer.artifactCount, mapPath, secrets: redactor.tokens.size, inputProblems };
  } catch (e) {
    await writer.abort();
    if (e instanceof SpoolError) throw new RedactError(`${e.message}; no bundle was written`);
    const code = (e as NodeJS.ErrnoException).code;
    if (code && /^E[A-Z]+$/.test(code) && !(e instanceof RedactError)) throw new RedactError(outputFailure(o.output, writer.error ?? (e as Error)));
    throw e;
  }
}

/** A sink gathering one (small) entry whole. */
function whole(use: (data: Buffer) => void | Promise<void>): EntrySink {
  let chunks: Buffer[] = [];
  return {
    write: (c) => void chunks.push(c),
    end: () => use(Buffer.concat(chunks)),
    drop: () => void (chunks = []),
  };
}

/** A sink redacting one large entry piece by piece into a private spool, then handing the result on. */
function streamed(
  redactor: Redactor,
  name: string,
  cls: ArtifactClass,
  add: (size: number, sha256: string, pieces: Iterable<Buffer>) => Promise<unknown>,
): EntrySink | undefined {
  const spool = new EntrySpool(0);
  const out = spool.sink(name, Infinity);
  const hash = createHash('sha256');
  let size = 0;
  const sink = redactor.redactStream(name, cls, (piece) => {
    hash.update(piece);
    size += piece.length;
    out.write(piece);
  });
  if (!sink) return undefined;
  return {
    write: (c) => sink.write(c),
    end: async () => {
      try {
        sink.end();
        await out.end('');
        await add(size, hash.digest('hex'), spool.chunks(name));
      } finally {
        spool.dispose();
      }
    },
    drop: () => spool.dispose(),
  };
}
