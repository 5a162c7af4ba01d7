import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import { cachedStatement } from './statements.js';
import { collision, textId } from './text-ids.js';

/** Texts of this bundle a SharedTexts remembers as stored; forgotten when more, so a bundle of millions stays bounded. */
const REMEMBERED = 4096;

const same = (a: unknown, b: unknown): boolean => (Buffer.isBuffer(a) && Buffer.isBuffer(b) ? a.equals(b) : a === b);

/**
 * One of the tables (id, value) bundles share: a text's id (textId of `text`), its row written on first use. A
 * row already there with that id must hold the same value: a collision is refused, never merged.
 */
export class SharedTexts {
  private readonly known = new Map<string, number>();
  private readonly insert: Statement;
  private readonly stored: Statement;

  constructor(
    db: Db,
    private readonly table: string,
    column: string,
  ) {
    this.insert = cachedStatement(db, `INSERT OR IGNORE INTO ${table} (id, ${column}) VALUES (?, ?)`);
    this.stored = cachedStatement(db, `SELECT ${column} AS v FROM ${table} WHERE id = ?`);
  }

  /** The id of `text`, stored as `value` (the text itself unless given). */
  id(text: string, value: unknown = text): number {
    let id = this.known.get(text);
    if (id !== undefined) return id;
    id = textId(text);
    if (this.insert.run(id, value).changes === 0) {
      const stored = (this.stored.get(id) as { v: unknown }).v;
      if (!same(stored, value)) throw collision(this.table, id, text, Buffer.isBuffer(stored) ? stored.toString('hex') : stored);
    }
    if (this.known.size >= REMEMBERED) this.known.clear();
    this.known.set(text, id);
    return id;
  }
}
