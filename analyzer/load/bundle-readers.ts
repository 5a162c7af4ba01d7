import type { Db } from '../db/database.js';
import { cachedStatement } from '../db/statements.js';
import { readersId } from './readers-id.js';

/** Whether the rows a database holds of a bundle were made by other readers than this fwsnap's (or by an fwsnap that did not say). */
export function loadedByOtherReaders(db: Db, bundleId: number): boolean {
  const row = cachedStatement(db, `SELECT readers FROM bundle_readers WHERE bundle_id = ?`).get(bundleId) as { readers: string } | undefined;
  return row?.readers !== readersId();
}

/** Records that this fwsnap's readers made the bundle's rows. */
export function recordReaders(db: Db, bundleId: number): void {
  cachedStatement(db, `INSERT OR REPLACE INTO bundle_readers(bundle_id, readers) VALUES (?, ?)`).run(bundleId, readersId());
}
