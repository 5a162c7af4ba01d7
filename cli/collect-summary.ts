import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Manifest } from '../bundle/format.js';
import { terminalSafe } from '../bundle/terminal-safe.js';
import { shellWord } from '../collector/shell-word.js';

/** What a reporter needs to hand the bundle on: where it is, how big, its digest, whether it was redacted. */
export interface BundleFile {
  path: string;
  bytes: number;
  sha256: string;
  redacted: boolean;
  mapPath?: string;
}

/** Sizes as people read them: 1024-based units, three significant figures; the exact count alongside. */
export function humanSize(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return `${bytes} bytes`;
  const shown = v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  return `${shown} ${units[u]}`;
}

/** Read at a time when hashing a bundle: memory stays bounded whatever its size. */
const HASH_CHUNK = 1024 * 1024;

/**
 * Size and sha256 of a written bundle, read back in bounded chunks. Synchronously: this runs once the collection
 * is over, on the critical path of its end, where a stream's event-loop turns cost more than the reads.
 */
export async function describeBundle(path: string, redacted: boolean, mapPath?: string): Promise<BundleFile> {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(HASH_CHUNK);
    for (let n: number; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
    return { path, bytes: fstatSync(fd).size, sha256: hash.digest('hex'), redacted, mapPath };
  } finally {
    closeSync(fd);
  }
}

/** Where a bundle's contents came from, as its closing lines speak of them. */
export type BundleOrigin = 'host' | 'host-tree' | 'saved-outputs' | 'import';

const SAVED_KINDS: ReadonlySet<string> = new Set(['cmd', 'status', 'ioctl']);

/**
 * A bundle of a `--root` tree holding saved tool outputs alone: every artifact a command's output, its status, an
 * ioctl answer or a file of the tree kept unread — no host's own file (sysfs, procfs) was read.
 */
export function isSavedOutputs(m: Pick<Manifest, 'host' | 'artifacts'>): boolean {
  return m.host.collectedFrom === 'tree' && m.artifacts.every((a) => a.name.startsWith('unread/') || SAVED_KINDS.has(a.origin.kind));
}

export function originOf(m: Pick<Manifest, 'host' | 'artifacts'>): BundleOrigin {
  if (m.host.collectedFrom === 'import') return 'import';
  if (m.host.collectedFrom === 'host') return 'host';
  return isSavedOutputs(m) ? 'saved-outputs' : 'host-tree';
}

/** What an unredacted bundle holds that a public ticket should not, said of where it came from. */
const UNREDACTED: Record<BundleOrigin, string> = {
  host: "the bundle holds this host's hostname, serial numbers, MAC and IP addresses, GUIDs and UUIDs.",
  'host-tree': "the bundle holds the captured host's hostname, serial numbers, MAC and IP addresses, GUIDs and UUIDs.",
  import: "the bundle holds the reported host's hostname, serial numbers, MAC and IP addresses, GUIDs and UUIDs.",
  'saved-outputs': 'the bundle holds the saved outputs as given, with the hostnames, serial numbers, MAC and IP addresses, GUIDs and UUIDs they show.',
};

const MAP_USE: Record<BundleOrigin, string> = {
  host: "it turns the tokens back into this host's names",
  'host-tree': "it turns the tokens back into the captured host's names",
  import: "it turns the tokens back into the reported host's names",
  'saved-outputs': 'it turns the tokens back into the names the outputs showed',
};

export { shellWord };

/** The closing lines of `fwsnap collect`: the file, and what to do with it. */
export function bundleSummary(b: BundleFile, origin: BundleOrigin = 'host'): string {
  const file = shellWord(b.path);
  const lines = [
    `bundle: ${b.path}`,
    `size: ${humanSize(b.bytes)}${b.bytes >= 1024 ? ` (${b.bytes} bytes)` : ''}`,
    `sha256: ${b.sha256}`,
    `next: attach the bundle to your bug report or support case, with its sha256 above; \`fwsnap verify ${file}\` checks it and \`fwsnap analyze ${file}\` reports findings offline`,
  ];
  if (b.redacted) {
    if (b.mapPath) lines.push(`redaction map: ${b.mapPath} (keep it private and do not attach it; ${MAP_USE[origin]})`);
  } else {
    lines.push(
      `not redacted: ${UNREDACTED[origin]}`,
      `  Before attaching it anywhere public, make a redacted copy: \`fwsnap redact ${file} ${shellWord(redactedName(b.path))}\` (or collect again with --redact)`,
    );
  }
  return lines.map(terminalSafe).join('\n');
}

/** x.tar.gz → x.redacted.tar.gz */
export function redactedName(path: string): string {
  const m = /^(.*?)(\.tar\.gz|\.tgz)?$/.exec(path)!;
  return `${m[1]}.redacted${m[2] ?? ''}`;
}
