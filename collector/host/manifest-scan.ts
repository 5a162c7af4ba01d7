import { readSync } from 'node:fs';
import { FORMAT_NAME } from '../../bundle/format.js';

const CHUNK = 1024 * 1024;
/** A record longer than this is not one fwsnap wrote (names are capped far below): passed over. */
const MAX_LINE = 64 * 1024;
const LINK = '"kind":"link"';
const TRUNCATED = '"truncated":true';

/** What an extracted bundle's manifest says that its files cannot: which were links, which were cut short. */
export interface ManifestNotes {
  links: Set<string>;
  /** Artifacts stored truncated, with their stored size. */
  truncated: Map<string, number>;
}

/**
 * Reads those notes from an open manifest.json without parsing it whole (a manifest of 86,500 artifacts is
 * 26 MB; parsing it in every worker cost hundreds of MB). fwsnap writes one artifact record per line; a
 * manifest written otherwise yields no notes: its tree's links are then files holding their target, as in a
 * hand-made tree, and nothing is known to be truncated.
 */
export function scanManifest(fd: number, maxBytes: number): ManifestNotes {
  const notes: ManifestNotes = { links: new Set(), truncated: new Map() };
  const buf = Buffer.allocUnsafe(CHUNK);
  let carry = '';
  let first = true;
  let skipping = false;
  let total = 0;
  const line = (text: string): void => {
    if (!text.includes(LINK) && !text.includes(TRUNCATED)) return;
    try {
      const r = JSON.parse(text.endsWith(',') ? text.slice(0, -1) : text) as { name?: unknown; origin?: { kind?: unknown }; truncated?: unknown; size?: unknown };
      if (typeof r.name !== 'string') return;
      if (r.origin?.kind === 'link') notes.links.add(r.name);
      if (r.truncated === true && typeof r.size === 'number') notes.truncated.set(r.name, r.size);
    } catch {
      /* not a record line */
    }
  };
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n <= 0) break;
      total += n;
      if (total > maxBytes) break;
      if (first) {
        first = false;
        if (!buf.toString('utf8', 0, Math.min(n, 64)).startsWith(`{"format":"${FORMAT_NAME}"`)) return notes;
      }
      const parts = (carry + buf.toString('utf8', 0, n)).split('\n');
      carry = parts.pop()!;
      for (const p of parts) {
        if (!skipping) line(p);
        skipping = false;
      }
      if (carry.length > MAX_LINE) {
        carry = '';
        skipping = true;
      }
    }
    if (!skipping && carry) line(carry);
  } catch {
    return { links: new Set(), truncated: new Map() };
  }
  return notes;
}
