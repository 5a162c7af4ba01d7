import { closeSync, createReadStream, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ArtifactRecord } from './format.js';

/** Records kept in memory before the list moves to disk. */
const SPILL_AFTER = 20_000;

/** Spool directories still on disk; removed when the process exits, whatever else happened. */
const live = new Set<string>();
let exitHook = false;

/**
 * The manifest's artifact list as it grows. A host has a few thousand artifacts and they stay in memory;
 * a bundle with a hundred thousand (a large fabric, a synthetic tree) moves the list to a temporary file,
 * since holding it until the manifest is written cost the collector more than everything else. The list is
 * kept already joined as it appears in the manifest (`rec,\nrec,\n…rec`).
 */
export class RecordSpool {
  private dir: string | undefined;
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingBytes = 0;
  count = 0;
  /** Bytes of the joined list. */
  bytes = 0;

  add(record: ArtifactRecord): void {
    const text = (this.count ? ',\n' : '') + JSON.stringify(record);
    this.count++;
    const n = Buffer.byteLength(text);
    this.bytes += n;
    this.pending.push(text);
    this.pendingBytes += n;
    if (this.fd === undefined && this.count > SPILL_AFTER) this.spill();
    if (this.fd !== undefined && this.pendingBytes >= 64 * 1024) this.flush();
  }

  private get path(): string {
    return join(this.dir!, 'records');
  }

  private spill(): void {
    this.dir = mkdtempSync(join(tmpdir(), 'fwsnap-records-'));
    live.add(this.dir);
    if (!exitHook) {
      exitHook = true;
      process.once('exit', () => {
        for (const d of live) rmSync(d, { recursive: true, force: true });
      });
    }
    this.fd = openSync(this.path, 'wx', 0o600);
  }

  private flush(): void {
    if (!this.pending.length || this.fd === undefined) return;
    const buf = Buffer.from(this.pending.join(''));
    for (let off = 0; off < buf.length; ) off += writeSync(this.fd, buf, off);
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** The joined list. */
  stream(): Readable {
    if (this.fd === undefined) return Readable.from([Buffer.from(this.pending.join(''))]);
    this.flush();
    return createReadStream(this.path, { highWaterMark: 256 * 1024 });
  }

  /** Every record, parsed (for callers that want them all at once). */
  records(): ArtifactRecord[] {
    if (!this.count) return [];
    this.flush();
    const joined = this.fd === undefined ? this.pending.join('') : readFileSync(this.path, 'utf8');
    return JSON.parse(`[${joined}]`) as ArtifactRecord[];
  }

  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.dir) {
      rmSync(this.dir, { recursive: true, force: true });
      live.delete(this.dir);
    }
  }
}
