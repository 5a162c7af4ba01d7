import type { Db } from '../db/database.js';
import { cachedStatement } from '../db/statements.js';

const created = new WeakSet<Db>();

/**
 * Fills the connection's temporary table `rule_bundles(bundle_id)` with the bundles a rule evaluation judges: rules
 * read their bundles from it, so one query covers the whole set. Temporary tables belong to the connection and
 * never reach the database file (read-only databases work too).
 */
export function setRuleBundles(db: Db, bundleIds: readonly number[]): void {
  if (!created.has(db)) {
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS rule_bundles (bundle_id INTEGER PRIMARY KEY)`);
    created.add(db);
  }
  cachedStatement(db, `DELETE FROM temp.rule_bundles`).run();
  const ins = cachedStatement(db, `INSERT OR IGNORE INTO temp.rule_bundles (bundle_id) VALUES (?)`);
  for (const id of bundleIds) ins.run(id);
}

/** A hand-written rule in the older form reads one bundle from the `@bundle` parameter (any prefix) instead of `rule_bundles`. */
export const readsBundleParameter = (sql: string): boolean => /[@:$]bundle\b/.test(sql);
