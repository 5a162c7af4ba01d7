import { basename, resolve } from 'node:path';
import type { Db } from '../analyzer/db/database.js';
import { newestFirst } from '../analyzer/fleet/hosts.js';
import { CliError } from './exit.js';

interface BundleRow {
  id: number;
  path: string;
  hostname: string | null;
  collected_at: string | null;
  manifest_sha256: string | null;
}

/** How many bundles an error lists. */
const LISTED = 20;

/** `3 (/cases/t1.tar.gz, host db7, collected 2026-12-01T10:00:00.000Z)`: enough to tell bundles apart and pick one by id. */
const described = (b: BundleRow): string =>
  `${b.id} (${b.path}, ${b.hostname === null ? 'no hostname' : `host ${b.hostname}`}${b.collected_at ? `, collected ${b.collected_at}` : ''})`;

const listOf = (rows: readonly BundleRow[]): string =>
  rows.slice(0, LISTED).map(described).join('; ') + (rows.length > LISTED ? `; and ${rows.length - LISTED} more` : '');

const newest = (rows: readonly BundleRow[]): BundleRow => [...rows].sort(newestFirst)[0]!;

/**
 * A side of `diff --db`: a bundle id; a hostname (its most recently collected bundle); the bundle's path as analysed, or
 * its file name (`t1.tar.gz`: a bundle of saved outputs has no hostname); or the start of its manifest's sha256 (8 hex
 * digits or more). A name that fits several bundles, or none, is an error that lists them with their ids.
 */
export function pickBundle(db: Db, dbPath: string, which: string): number {
  const all = db.prepare(`SELECT id, path, hostname, collected_at, manifest_sha256 FROM bundles ORDER BY id`).all() as BundleRow[];
  if (/^\d+$/.test(which)) {
    const row = all.find((b) => b.id === Number(which));
    if (row) return row.id;
  }
  const byHost = all.filter((b) => b.hostname === which);
  if (byHost.length) return newest(byHost).id;
  const byPath = all.filter((b) => b.path === which || b.path === resolve(which));
  const byFile = byPath.length ? byPath : all.filter((b) => basename(b.path) === which);
  const bySha = /^[0-9a-f]{8,64}$/i.test(which) ? all.filter((b) => b.manifest_sha256?.startsWith(which.toLowerCase())) : [];
  const found = byFile.length ? byFile : bySha;
  if (found.length === 1) return found[0]!.id;
  if (found.length > 1) {
    throw new CliError(`${which}: names ${found.length} bundles in ${dbPath}: ${listOf(found)}; pass the id of the one you mean`);
  }
  throw new CliError(
    `${which}: no bundle with this id, hostname, file name or manifest sha256 in ${dbPath}; ${all.length ? `its bundles: ${listOf(all)}` : 'it holds no bundle'}`,
  );
}

/**
 * Both sides of `diff --db`. One hostname given twice is that host's change: its bundle before the newest, then the
 * newest. Two names of one bundle are refused: a bundle compared with itself has no differences to show.
 */
export function pickPair(db: Db, dbPath: string, a: string, b: string): { ids: [number, number]; said?: string } {
  if (a === b && !/^\d+$/.test(a)) {
    const rows = (db.prepare(`SELECT id, path, hostname, collected_at, manifest_sha256 FROM bundles WHERE hostname = ?`).all(a) as BundleRow[]).sort(newestFirst);
    if (rows.length === 1) throw new CliError(`${a}: the only bundle of this host in ${dbPath} is ${described(rows[0]!)}; a host given twice is compared with its previous bundle, and it has none`);
    if (rows.length > 1) return { ids: [rows[1]!.id, rows[0]!.id], said: `${a} given twice: its previous bundle ${described(rows[1]!)} against its newest ${described(rows[0]!)}` };
  }
  const ids: [number, number] = [pickBundle(db, dbPath, a), pickBundle(db, dbPath, b)];
  if (ids[0] === ids[1]) {
    const row = db.prepare(`SELECT id, path, hostname, collected_at, manifest_sha256 FROM bundles WHERE id = ?`).get(ids[0]) as BundleRow;
    throw new CliError(`${a} and ${b} name one bundle, ${described(row)}: a bundle compared with itself has no differences; give two bundles (a hostname given twice compares that host's previous bundle with its newest)`);
  }
  return { ids };
}
