import type { ArtifactOrigin } from '../../bundle/format.js';

/** Text that JSON.stringify and SQLite's json_object() write alike (no escapes). */
const PLAIN = /^[\x20-\x7e]*$/;
const NEEDS_ESCAPE = /["\\]/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The origin as artifact_rows stores it: null when it says no more than its kind and the path `/<name>` (most
 * files and links), which the view `artifacts` writes back exactly; else the manifest's JSON.
 */
export function storedOrigin(name: string, origin: ArtifactOrigin): string | null {
  const json = JSON.stringify(origin);
  const path = `/${name}`;
  const derivable = PLAIN.test(path) && !NEEDS_ESCAPE.test(path) && PLAIN.test(origin.kind) && !NEEDS_ESCAPE.test(origin.kind);
  return derivable && json === JSON.stringify({ kind: origin.kind, path }) ? null : json;
}

/** A sha256 as artifact_rows stores it: 32 bytes for lowercase hex (the view gives the hex back), else the text as given. */
export function storedSha256(sha256: string | null | undefined): Buffer | string | null {
  if (sha256 === null || sha256 === undefined) return null;
  return SHA256_HEX.test(sha256) ? Buffer.from(sha256, 'hex') : sha256;
}

/** The origin the view `artifacts` writes back where artifact_rows stores null (see storedOrigin). */
export function derivedOrigin(name: string, kind: ArtifactOrigin['kind']): ArtifactOrigin {
  return { kind, path: `/${name}` } as ArtifactOrigin;
}

/** A stored sha256 as the view `artifacts` shows it: lowercase hex for the 32 bytes, else the text as stored. */
export function shownSha256(stored: Buffer | string | null): string | null {
  return Buffer.isBuffer(stored) ? stored.toString('hex') : stored;
}

/** Origin kinds as artifact_rows.origin_kind stores them: the kind's number here (file and link, most entries, take no byte at all), else its text. */
const ORIGIN_KINDS: readonly ArtifactOrigin['kind'][] = ['file', 'link', 'dir', 'cmd', 'ioctl', 'status'];

/** An origin kind as artifact_rows stores it. */
export function storedKind(kind: string): number | string {
  const i = (ORIGIN_KINDS as readonly string[]).indexOf(kind);
  return i < 0 ? kind : i;
}

/** SQL giving the kind's text from the stored `column` (as storedKind wrote it). */
export const kindText = (column: string): string => `CASE ${column} ${ORIGIN_KINDS.map((k, i) => `WHEN ${i} THEN '${k}'`).join(' ')} ELSE ${column} END`;

/** SQL giving the stored kind from a kind's text in `column` (databases before schema 14 kept the text). */
export const kindStored = (column: string): string => `CASE ${column} ${ORIGIN_KINDS.map((k, i) => `WHEN '${k}' THEN ${i}`).join(' ')} ELSE ${column} END`;
