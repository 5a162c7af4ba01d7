import { createHash } from 'node:crypto';

/**
 * The id of a text in the tables bundles share (artifact_names, setting_keys, kernel_log_texts): 53 bits of its
 * sha256, a whole number JavaScript holds exactly. Derived from the text alone, so a loader thread's private database gives the
 * ids the analysis database has, and its rows are copied as they are. Two texts of one table with one id (about
 * one chance in 18,000 for a table of a million distinct texts) are refused where they meet, never merged.
 */
export function textId(...parts: string[]): number {
  return Number(createHash('sha256').update(parts.join('\0')).digest().readBigInt64BE(0) >> 11n);
}

export class TextIdCollision extends Error {}

export const collision = (table: string, id: number, text: string, stored: unknown): TextIdCollision =>
  new TextIdCollision(`${table}: ${JSON.stringify(text)} and ${JSON.stringify(stored)} have the same id ${id}; this database cannot hold both (analyse into a new --db file)`);
