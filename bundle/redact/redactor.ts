import type { ArtifactOrigin, Manifest } from '../format.js';
import { TextCheck, type ArtifactClass, type RedactionCatalog } from './classify.js';
import { LineChunks } from './line-chunks.js';
import { learnHostname } from './generic-layouts.js';
import { LiteralScrubber } from './literal.js';
import { scrubText } from './text-scrub.js';
import { REDACTION_POLICY, TokenMap } from './tokens.js';

/** The collector's hook: the bytes to store for an artifact, or null to leave it out of the bundle. */
export type ArtifactTransform = (name: string, origin: ArtifactOrigin, data: Uint8Array) => Uint8Array | null;

export interface RedactorOptions {
  /** What the registered classes declare about their artifacts (collector/classes/index.ts). */
  catalog: RedactionCatalog;
  /** Keep binary artifacts of unknown layout (only known secrets are replaced in them). */
  keepBinary?: boolean;
  /** A token map to extend (e.g. loaded from an earlier run, so tokens stay the same across bundles). */
  tokens?: TokenMap;
}

/** Artifacts larger than this are redacted piece by piece, never held whole (no layout applies to them). */
export const STREAM_ABOVE = 2 * 1024 * 1024;

/** Bytes of one artifact arriving in pieces. */
export interface PieceSink {
  write(piece: Buffer): void;
  end(): void;
}

export const UNKNOWN_BINARY_REASON = 'binary artifact of unknown layout, left out by redaction (--keep-binary keeps it)';

/**
 * Replaces hostnames, addresses, serial numbers and unique ids by tokens that are consistent across the
 * whole bundle. Secrets are learned from the fields fwsnap knows (layouts), found by pattern in text,
 * and then searched for in every artifact in every spelling (see forms.ts).
 */
export class Redactor {
  readonly tokens: TokenMap;
  private readonly literal: LiteralScrubber;
  private readonly droppedNames = new Map<string, string>();

  constructor(private readonly o: RedactorOptions) {
    this.tokens = o.tokens ?? new TokenMap();
    this.literal = new LiteralScrubber(this.tokens);
  }

  get catalog(): RedactionCatalog {
    return this.o.catalog;
  }

  get dropped(): { name: string; reason: string }[] {
    return [...this.droppedNames].map(([name, reason]) => ({ name, reason }));
  }

  learnHostname(hostname: string): void {
    learnHostname(this.tokens, hostname);
  }

  /** Registers the secrets of one artifact without producing output (the first pass of `fwsnap redact`). */
  learn(name: string, origin: ArtifactOrigin | undefined, data: Uint8Array): void {
    this.process(name, origin, data, false);
  }

  redact(name: string, origin: ArtifactOrigin | undefined, data: Uint8Array): Uint8Array | null {
    return this.process(name, origin, data, true);
  }

  readonly transform: ArtifactTransform = (name, origin, data) => this.redact(name, origin, data);

  private process(name: string, origin: ArtifactOrigin | undefined, data: Uint8Array, output: boolean): Uint8Array | null {
    const cls = this.o.catalog.classify(name, origin, data);
    if (cls === 'public') return data;
    if (cls === 'unknown-binary' && !this.o.keepBinary) {
      this.droppedNames.set(name, UNKNOWN_BINARY_REASON);
      return null;
    }
    let buf: Buffer = Buffer.from(data);
    const layout = this.o.catalog.layoutOf(name);
    if (layout) for (const e of layout.learn(buf, this.tokens, name)) buf.set(e.bytes, e.offset);
    if (cls === 'text') buf = Buffer.from(scrubText(buf.toString('utf8'), this.tokens, { ips: this.o.catalog.searchIps(name) }), 'utf8');
    if (!output) return null;
    buf = this.literal.scrub(buf);
    layout?.fix?.(buf);
    return buf;
  }

  /**
   * learn() for an artifact read piece by piece; `done` receives its class, which redactStream needs.
   * Text is scrubbed a run of whole lines at a time, so what is learned is what redactStream will replace.
   */
  learnStream(name: string, origin: ArtifactOrigin | undefined, done: (cls: ArtifactClass) => void): PieceSink {
    const byName = this.o.catalog.classifyByName(name, origin);
    const check = byName === 'by-content' ? new TextCheck() : undefined;
    const lines = new LineChunks();
    const ips = this.o.catalog.searchIps(name);
    const learn = (pieces: Buffer[]): void => {
      for (const p of pieces) if (check?.text) scrubText(p.toString('utf8'), this.tokens, { ips });
    };
    return {
      write: (piece) => {
        if (!check?.text) return;
        check.push(piece);
        if (check.text) learn(lines.push(piece));
      },
      end: () => {
        if (!check) return done(byName as ArtifactClass);
        learn(lines.end());
        const cls = check.end() ? 'text' : 'unknown-binary';
        if (cls === 'unknown-binary' && !this.o.keepBinary) this.droppedNames.set(name, UNKNOWN_BINARY_REASON);
        done(cls);
      },
    };
  }

  /** redact() piece by piece, for an artifact learnStream classed as `cls`; null when it is left out. */
  redactStream(name: string, cls: ArtifactClass, out: (piece: Buffer) => void): PieceSink | null {
    if (cls === 'unknown-binary' && !this.o.keepBinary) {
      this.droppedNames.set(name, UNKNOWN_BINARY_REASON);
      return null;
    }
    if (cls === 'public') return { write: out, end: () => undefined };
    const literal = this.literal.stream();
    const emit = (b: Buffer): void => {
      const o = literal.push(b);
      if (o.length) out(o);
    };
    const finish = (): void => {
      const o = literal.end();
      if (o.length) out(o);
    };
    if (cls !== 'text') return { write: emit, end: finish };
    const lines = new LineChunks();
    const ips = this.o.catalog.searchIps(name);
    const scrub = (pieces: Buffer[]): void => {
      for (const p of pieces) emit(Buffer.from(scrubText(p.toString('utf8'), this.tokens, { ips }), 'utf8'));
    };
    return {
      write: (piece) => scrub(lines.push(piece)),
      end: () => {
        scrub(lines.end());
        finish();
      },
    };
  }

  /** Free text (messages, paths) with every known secret and every pattern-found address replaced. */
  redactString(s: string, ips = true): string {
    return this.literal.scrub(Buffer.from(scrubText(s, this.tokens, { ips }), 'utf8')).toString('utf8');
  }

  /** The manifest of a redacted bundle: host name and messages redacted, dropped artifacts listed, policy recorded. */
  redactManifest<M extends Omit<Manifest, 'artifacts'>>(m: M): M {
    const hostname = this.tokens.has('hostname', m.host.hostname.toLowerCase())
      ? this.tokens.token('hostname', m.host.hostname.toLowerCase())
      : this.redactString(m.host.hostname, false);
    const dropped = [...(m.dropped ?? [])];
    for (const d of this.dropped) if (!dropped.some((x) => x.name === d.name)) dropped.push(d);
    return {
      ...m,
      host: { ...m.host, hostname },
      options: { ...m.options, redacted: { policy: REDACTION_POLICY } },
      sources: m.sources.map((s) => (s.reason ? { ...s, reason: this.redactString(s.reason) } : s)),
      issues: m.issues.map((i) => ({ ...i, target: this.redactString(i.target), message: this.redactString(i.message) })),
      dropped,
    };
  }
}
