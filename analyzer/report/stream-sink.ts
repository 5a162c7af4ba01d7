import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { ReportDigest } from './inventory-text.js';
import type { Report } from './model.js';

export type Write = (text: string) => Promise<void>;

/** A section of the report spooled to a file while the bundles are read. */
export class Spool {
  private readonly fd: number;
  count = 0;
  constructor(readonly path: string) {
    this.fd = openSync(path, 'wx+', 0o600);
  }
  add(text: string): void {
    writeSync(this.fd, text);
    this.count++;
  }
  async copyTo(write: Write): Promise<void> {
    const buf = Buffer.alloc(64 * 1024);
    const utf8 = new StringDecoder('utf8');
    for (let pos = 0; ; ) {
      const n = readSync(this.fd, buf, 0, buf.length, pos);
      if (!n) break;
      pos += n;
      await write(utf8.write(buf.subarray(0, n)));
    }
    const rest = utf8.end();
    if (rest) await write(rest);
  }
  close(): void {
    closeSync(this.fd);
  }
}

/** What the bundle-by-bundle writer needs of a format: take each bundle's part, then write the whole. */
export interface ReportSink {
  add(part: Report): void;
  finish(write: Write, digest: ReportDigest, notices: readonly string[]): Promise<void>;
}

export interface SinkContext {
  spool(name: string): Spool;
  /** More than one bundle: entries name their host. */
  multi: boolean;
}

/** `lines` each ended by a newline. */
export const lines = (ls: readonly string[]): string => ls.map((l) => `${l}\n`).join('');
