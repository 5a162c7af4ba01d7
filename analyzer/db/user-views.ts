import { terminalSafe } from '../../bundle/terminal-safe.js';
import type { Db } from './database.js';

/** The `meta` key under which an upgrade keeps the SQL of a view of the user's while the tables under it change. */
export const USER_VIEW_KEY = 'user_view:';

const viewNames = (sql: string): string[] => [...sql.matchAll(/CREATE\s+VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?["`[]?(\w+)/gi)].map((m) => m[1]!.toLowerCase());

/**
 * Before an upgrade: the views that fwsnap did not make (`ownSql` holds every view fwsnap makes, and every view an
 * older version made has a name among them) are dropped, each one's SQL first kept in `meta` under
 * `user_view:<name>`, in one transaction: the upgrade renames and drops the tables under them, which would break
 * them or, before this, dropped them.
 */
export function setUserViewsAside(db: Db, ownSql: string): void {
  const own = new Set(viewNames(ownSql));
  const views = (db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY rowid`).all() as { name: string; sql: string }[])
    .filter((v) => !own.has(v.name.toLowerCase()));
  if (!views.length) return;
  const keep = db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`);
  db.transaction(() => {
    for (const v of views) {
      keep.run(USER_VIEW_KEY + v.name, v.sql);
      db.exec(`DROP VIEW "${v.name.replaceAll('"', '""')}"`);
    }
  })();
}

/**
 * After an upgrade: each view kept by setUserViewsAside is made again from its SQL (a view naming another of them
 * once that one is back) and its `meta` row goes; one whose SQL no longer works against the new schema stays in
 * `meta`, and is named on stderr once, with SQLite's reason.
 */
export function restoreUserViews(db: Db, path: string, version: number): void {
  const kept = db.prepare(`SELECT key, value FROM meta WHERE key LIKE '${USER_VIEW_KEY}%' ORDER BY rowid`).all() as { key: string; value: string }[];
  const failed = new Map<string, string>();
  const drop = db.prepare(`DELETE FROM meta WHERE key = ?`);
  for (let left = kept; left.length; ) {
    const next = left.filter((v) => {
      try {
        db.transaction(() => {
          db.exec(v.value);
          // SQLite makes a view naming a table that is gone; reading it is what fails.
          db.prepare(`SELECT * FROM "${v.key.slice(USER_VIEW_KEY.length).replaceAll('"', '""')}" LIMIT 0`).all();
          drop.run(v.key);
        })();
        failed.delete(v.key);
        return false;
      } catch (e) {
        failed.set(v.key, (e as Error).message);
        return true;
      }
    });
    if (next.length === left.length) break;
    left = next;
  }
  for (const [key, why] of failed) {
    const name = key.slice(USER_VIEW_KEY.length);
    process.stderr.write(terminalSafe(`fwsnap: database ${path}: your view ${name} does not work on schema version ${version} (${why}); it was dropped, its SQL is kept in table meta under key '${key}'`) + '\n');
  }
}
