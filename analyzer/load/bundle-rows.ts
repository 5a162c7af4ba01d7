import { loadedByOtherReaders, recordReaders } from './bundle-readers.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database.js';
import type { LoadOutcome } from './load-bundle.js';
import { TextIdCollision } from '../db/text-ids.js';
import { cachedStatement } from '../db/statements.js';

/** The rows of one table that belong to a bundle, as a worker sends them (column order of `columns`). */
export interface TableRows {
  table: string;
  columns: string[];
  rows: unknown[][];
  /** Rows of a table shared by bundles (no bundle_id column): kept once, never duplicated. */
  shared?: boolean;
}

/** One bundle loaded into a worker's private database, ready for the writer. */
export interface LoadedRows {
  outcome: Omit<LoadOutcome, 'bundleId' | 'alreadyLoaded' | 'replaced'>;
  /** The bundles row without its id. */
  bundle: Record<string, unknown>;
  tables: TableRows[];
}

interface TableShape {
  name: string;
  columns: string[];
  perBundle: boolean;
  rowid: boolean;
}

const shapes = new WeakMap<Db, TableShape[]>();

/** Every table holding a bundle's data (all but meta and bundles), with its columns. */
function tablesOf(db: Db): TableShape[] {
  let s = shapes.get(db);
  if (s) return s;
  const tables = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT IN ('meta', 'bundles') AND name NOT LIKE 'sqlite_%' ORDER BY rowid`).all() as { name: string; sql: string }[];
  s = tables.map((t) => {
    const columns = (db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).all(t.name) as { name: string }[]).map((c) => c.name);
    return { name: t.name, columns, perBundle: columns.includes('bundle_id'), rowid: !/WITHOUT\s+ROWID/i.test(t.sql) };
  });
  // Shared tables (content kept once, e.g. vendor files by sha256) before the rows that name their content.
  s.sort((a, b) => Number(a.perBundle) - Number(b.perBundle));
  shapes.set(db, s);
  return s;
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Everything a (private, one-bundle) database holds of bundle `bundleId`, in insertion order. */
export function exportBundleRows(db: Db, bundleId: number, outcome: LoadedRows['outcome']): LoadedRows {
  const { id: _id, ...bundle } = db.prepare(`SELECT * FROM bundles WHERE id = ?`).get(bundleId) as Record<string, unknown>;
  const tables: TableRows[] = [];
  for (const t of tablesOf(db)) {
    const cols = t.columns.map(quote).join(', ');
    const order = t.rowid ? ' ORDER BY rowid' : '';
    const stmt = t.perBundle ? db.prepare(`SELECT ${cols} FROM ${quote(t.name)} WHERE bundle_id = ?${order}`) : db.prepare(`SELECT ${cols} FROM ${quote(t.name)}${order}`);
    const rows = (t.perBundle ? stmt.raw().all(bundleId) : stmt.raw().all()) as unknown[][];
    if (rows.length) tables.push({ table: t.name, columns: t.columns, rows, ...(t.perBundle ? {} : { shared: true }) });
  }
  return { outcome, bundle, tables };
}

/** Empties a worker's private database for the next bundle. */
export function clearBundles(db: Db): void {
  for (const t of tablesOf(db)) db.prepare(`DELETE FROM ${quote(t.name)}`).run();
  db.prepare(`DELETE FROM bundles`).run();
}

const inserts = new WeakMap<Db, Map<string, Statement<unknown[]>>>();

function insertStatement(db: Db, t: TableRows | { table: 'bundles'; columns: string[]; shared?: false }): Statement<unknown[]> {
  let byKey = inserts.get(db);
  if (!byKey) inserts.set(db, (byKey = new Map()));
  const key = `${t.table}\0${t.columns.join('\0')}`;
  let s = byKey.get(key);
  if (!s) {
    const verb = t.shared ? 'INSERT OR IGNORE' : 'INSERT';
    s = db.prepare<unknown[]>(`${verb} INTO ${quote(t.table)} (${t.columns.map(quote).join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`);
    byKey.set(key, s);
  }
  return s;
}

/** A shared row already there must be this one: text ids (text-ids.ts) derived alike must not name two texts. */
function sameSharedRow(db: Db, t: TableRows, row: unknown[]): void {
  const found = cachedStatement(db, `SELECT 1 FROM ${quote(t.table)} WHERE ${t.columns.map((c) => `${quote(c)} IS ?`).join(' AND ')}`).get(...row);
  if (!found) throw new TextIdCollision(`${t.table}: a row with the key of ${JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? `${v.length} bytes` : v)))} holds something else; this database cannot hold both (analyse into a new --db file)`);
}

/**
 * Writes a bundle a worker loaded into the analysis database, as loadBundle would have: a bundle whose
 * manifest is already there is not written again (or replaces it with `replace`). The caller holds the
 * transaction. Returns the outcome with the bundle's id in this database.
 */
export function writeBundleRows(db: Db, loaded: LoadedRows, o: { replace?: boolean } = {}): LoadOutcome {
  const sha = loaded.outcome.manifestSha256;
  const bundleColumns = Object.keys(loaded.bundle);
  // The new row first, as loadBundle does: ids come out the same as a load on the main thread.
  const bundleId = Number(insertStatement(db, { table: 'bundles', columns: bundleColumns }).run(...bundleColumns.map((c) => loaded.bundle[c])).lastInsertRowid);
  let replaced: number | undefined;
  let readByOthers = false;
  if (sha) {
    const same = db.prepare(`SELECT id, complete FROM bundles WHERE manifest_sha256 = ? AND id <> ? ORDER BY id LIMIT 1`).get(sha, bundleId) as { id: number; complete: number } | undefined;
    const stale = same !== undefined && loadedByOtherReaders(db, same.id);
    if (same && !o.replace && !stale) {
      db.prepare(`DELETE FROM bundles WHERE id = ?`).run(bundleId);
      return { ...loaded.outcome, bundleId: same.id, complete: same.complete === 1, alreadyLoaded: true };
    }
    if (same) {
      db.prepare(`DELETE FROM bundles WHERE manifest_sha256 = ? AND id <> ?`).run(sha, bundleId);
      replaced = same.id;
      readByOthers = !o.replace;
    }
  }
  for (const t of loaded.tables) {
    const ins = insertStatement(db, t);
    const at = t.columns.indexOf('bundle_id');
    for (const row of t.rows) {
      if (at >= 0) row[at] = bundleId;
      if (ins.run(...row).changes === 0 && t.shared) sameSharedRow(db, t, row);
    }
  }
  recordReaders(db, bundleId);
  return { ...loaded.outcome, bundleId, ...(replaced !== undefined ? { replaced } : {}), ...(readByOthers ? { readByOthers } : {}) };
}
