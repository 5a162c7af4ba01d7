import * as crypto from 'node:crypto';

/** crypto.hash (Node 20.12 and later): one call, no Hash object; the same digest as createHash. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'buffer') => Buffer }).hash;

const sha256 = (text: string): Buffer => (oneShot ? oneShot('sha256', text, 'buffer') : crypto.createHash('sha256').update(text).digest());

/**
 * The id of a text in the tables bundles share (artifact_names, setting_keys, kernel_log_texts): 53 bits of its
 * sha256, a whole number JavaScript holds exactly. Derived from the text alone, so a loader thread's private database gives the
 * ids the analysis database has, and its rows are copied as they are. Two texts of one table with one id (about
 * one chance in 18,000 for a table of a million distinct texts) are refused where they meet, never merged.
 */
export function textId(...parts: string[]): number {
  const d = sha256(parts.length === 1 ? parts[0]! : parts.join('\0'));
  // The first 8 bytes as a signed 64-bit number, shifted right by 11 (arithmetic): high word × 2^21 + low word's top 21 bits.
  return d.readInt32BE(0) * 2 ** 21 + (d.readUInt32BE(4) >>> 11);
}

export class TextIdCollision extends Error {}

export const collision = (table: string, id: number, text: string, stored: unknown): TextIdCollision =>
  new TextIdCollision(`${table}: ${JSON.stringify(text)} and ${JSON.stringify(stored)} have the same id ${id}; this database cannot hold both (analyse into a new --db file)`);
