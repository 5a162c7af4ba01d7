import { basename, resolve } from 'node:path';
import type { Db } from '../analyzer/db/database.js';
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

const newest = (rows: readonly BundleRow[]): BundleRow =>
  [...rows].sort((x, y) => (y.collected_at ?? '').localeCompare(x.collected_at ?? '') || y.id - x.id)[0]!;

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
