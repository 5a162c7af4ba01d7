import { readSync } from 'node:fs';
import { FORMAT_NAME } from '../../bundle/format.js';

const CHUNK = 1024 * 1024;
/** A record longer than this is not one fwsnap wrote (names are capped far below): passed over. */
const MAX_LINE = 64 * 1024;
const LINK = '"kind":"link"';

/**
 * The names an extracted bundle's manifest records as links, read from an open manifest.json without parsing
 * it whole (a manifest of 86,500 artifacts is 26 MB; parsing it in every worker cost hundreds of MB). fwsnap
 * writes one artifact record per line; a manifest written otherwise yields no names, and the tree's links
 * are then files holding their target, as in a hand-made tree.
 */
export function linkNamesOf(fd: number, maxBytes: number): Set<string> {
  const names = new Set<string>();
  const buf = Buffer.allocUnsafe(CHUNK);
  let carry = '';
  let first = true;
  let skipping = false;
  let total = 0;
  const line = (text: string): void => {
    if (!text.includes(LINK)) return;
    try {
      const r = JSON.parse(text.endsWith(',') ? text.slice(0, -1) : text) as { name?: unknown; origin?: { kind?: unknown } };
      if (typeof r.name === 'string' && r.origin?.kind === 'link') names.add(r.name);
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
        if (!buf.toString('utf8', 0, Math.min(n, 64)).startsWith(`{"format":"${FORMAT_NAME}"`)) return names;
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
    return new Set();
  }
  return names;
}
