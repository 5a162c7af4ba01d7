import { terminalSafe } from '../../bundle/terminal-safe.js';
import type { Db } from './database.js';

/** What of the user's own an upgrade keeps: views, indexes and triggers they added to the database. */
type UserKind = 'view' | 'index' | 'trigger';
const KINDS: readonly UserKind[] = ['view', 'index', 'trigger'];

/** The `meta` key under which an upgrade keeps the SQL of a view (index, trigger) of the user's while the tables change. */
export const USER_KEY: Record<UserKind, string> = { view: 'user_view:', index: 'user_index:', trigger: 'user_trigger:' };

/** Indexes earlier schema versions made that the current one does not (their tables are gone or compact now). */
const FORMER_OWN = ['fact_artifacts_by_name', 'firmware_dev', 'pci_capabilities_dev', 'register_dumps_dev', 'register_fields_dev', 'settings_dev'];

const OWN_NAME = /CREATE\s+(?:UNIQUE\s+)?(?:VIEW|INDEX|TRIGGER)\s+(?:IF\s+NOT\s+EXISTS\s+)?["`[]?(\w+)/gi;
const ownNames = (sql: string): Set<string> => new Set([...[...sql.matchAll(OWN_NAME)].map((m) => m[1]!.toLowerCase()), ...FORMER_OWN]);
const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * Before an upgrade: the views, indexes and triggers that fwsnap did not make (`ownSql` holds everything fwsnap
 * makes; FORMER_OWN what only earlier versions made) are dropped, each one's SQL first kept in `meta` under
 * `user_view:<name>` (`user_index:`, `user_trigger:`), in one transaction: the upgrade renames and drops the tables
 * under them, which would break them (a rename fails on a view or trigger naming a table that is gone) or drop them
 * with their table.
 */
export function setUserObjectsAside(db: Db, ownSql: string): void {
  const own = ownNames(ownSql);
  const objects = (db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE type IN ('view', 'index', 'trigger') AND sql IS NOT NULL ORDER BY rowid`).all() as { type: UserKind; name: string; sql: string }[])
    .filter((o) => !own.has(o.name.toLowerCase()));
  if (!objects.length) return;
  const keep = db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`);
  db.transaction(() => {
    // Views first, so that each is back before the triggers (INSTEAD OF) on it are made again.
    for (const kind of KINDS) for (const o of objects.filter((x) => x.type === kind)) keep.run(USER_KEY[kind] + o.name, o.sql);
    for (const o of objects.filter((x) => x.type === 'trigger')) db.exec(`DROP TRIGGER IF EXISTS ${quoted(o.name)}`);
    for (const o of objects.filter((x) => x.type === 'index')) db.exec(`DROP INDEX IF EXISTS ${quoted(o.name)}`);
    for (const o of objects.filter((x) => x.type === 'view')) db.exec(`DROP VIEW IF EXISTS ${quoted(o.name)}`);
  })();
}

/**
 * A statement that would fire the trigger, prepared and never run: SQLite makes a trigger whose body names a table
 * that is gone, and compiling what fires it is what fails.
 */
function probeTrigger(db: Db, name: string, sql: string): void {
  const row = db.prepare(`SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name = ?`).get(name) as { tbl_name: string } | undefined;
  if (!row) return;
  const head = sql.slice(0, /\bBEGIN\b/i.exec(sql)?.index ?? sql.length);
  const event = /\b(INSERT|DELETE|UPDATE)\b(?:\s+OF\s+([^]*?))?\s+ON\s/i.exec(head);
  if (!event) return;
  const table = quoted(row.tbl_name);
  if (/^insert$/i.test(event[1]!)) db.prepare(`INSERT INTO ${table} DEFAULT VALUES`);
  else if (/^delete$/i.test(event[1]!)) db.prepare(`DELETE FROM ${table}`);
  else {
    const column = event[2]?.split(',')[0]!.trim().replace(/^["`[]|["`\]]$/g, '') ?? (db.prepare(`SELECT name FROM pragma_table_info(?)`).get(row.tbl_name) as { name: string } | undefined)?.name;
    if (column) db.prepare(`UPDATE ${table} SET ${quoted(column)} = ${quoted(column)}`);
  }
}

/** Makes one kept object again and checks that it works; throws SQLite's reason when it does not. */
function remake(db: Db, kind: UserKind, name: string, sql: string): void {
  db.exec(sql);
  // SQLite makes a view naming a table that is gone; reading it is what fails.
  if (kind === 'view') db.prepare(`SELECT * FROM ${quoted(name)} LIMIT 0`).all();
  if (kind === 'trigger') probeTrigger(db, name, sql);
}

/**
 * After an upgrade: each view, index and trigger kept by setUserObjectsAside is made again from its SQL (one naming
 * another of them once that one is back) and its `meta` row goes; one whose SQL no longer works against the new
 * schema stays in `meta`, and is named on stderr once, with SQLite's reason.
 */
export function restoreUserObjects(db: Db, path: string, version: number): void {
  const kept = (db.prepare(`SELECT key, value FROM meta WHERE ${KINDS.map(() => 'key LIKE ?').join(' OR ')} ORDER BY rowid`).all(...KINDS.map((k) => `${USER_KEY[k]}%`)) as { key: string; value: string }[])
    .map((k) => {
      const kind = KINDS.find((x) => k.key.startsWith(USER_KEY[x]))!;
      return { ...k, kind, name: k.key.slice(USER_KEY[kind].length) };
    });
  const failed = new Map<string, { kind: UserKind; name: string; why: string }>();
  const drop = db.prepare(`DELETE FROM meta WHERE key = ?`);
  for (let left = kept; left.length; ) {
    const next = left.filter((o) => {
      try {
        db.transaction(() => {
          remake(db, o.kind, o.name, o.value);
          drop.run(o.key);
        })();
        failed.delete(o.key);
        return false;
      } catch (e) {
        failed.set(o.key, { kind: o.kind, name: o.name, why: (e as Error).message });
        return true;
      }
    });
    if (next.length === left.length) break;
    left = next;
  }
  for (const [key, { kind, name, why }] of failed) {
    process.stderr.write(terminalSafe(`fwsnap: database ${path}: your ${kind} ${name} does not work on schema version ${version} (${why}); it was dropped, its SQL is kept in table meta under key '${key}'`) + '\n');
  }
}
