import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { commandArtifactName } from '../../bundle/format.js';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle, type LoadOptions } from '../../analyzer/load/load-bundle.js';
import { writeBundle, type FakeArtifact } from './bundle.js';

/** A saved command's stdout as a bundle stores it. */
export const cmdArtifact = (argv: string[], data: string): FakeArtifact => ({ name: commandArtifactName(argv, 'stdout'), data, origin: { kind: 'cmd', argv, stream: 'stdout' } });
/** A symbolic link as a bundle stores it (its target as the data). */
export const linkArtifact = (name: string, target: string): FakeArtifact => ({ name, data: target, origin: { kind: 'link', path: `/${name}` } });
export const rowsOf = (db: Db, sql: string, ...args: unknown[]): Record<string, unknown>[] => db.prepare(sql).all(...args) as Record<string, unknown>[];

/**
 * Loads hand-made artifacts: each call writes them as a bundle into a temporary directory of the test file (removed
 * after its tests) and loads it into a fresh in-memory database with the given loaders (default: every class's).
 */
export function artifactLoader(o: Pick<LoadOptions, 'loaders' | 'streaming'> = {}): (artifacts: FakeArtifact[]) => Promise<Db> {
  const dir = mkdtempSync(join(tmpdir(), 'fwsnap-artifacts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  return async (artifacts) => {
    const path = join(dir, `b${n++}.tar.gz`);
    await writeBundle(path, artifacts);
    const db = openDatabase(':memory:');
    await loadBundle(db, path, o);
    return db;
  };
}
