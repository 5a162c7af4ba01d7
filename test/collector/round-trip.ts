import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ArtifactRecord, Manifest } from '../../bundle/format.js';
import { collect, type CollectOptions } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';

/** Collects, extracts the bundle with plain tar, and collects the extracted tree again. */
export async function roundTrip(o: Omit<CollectOptions, 'output'>): Promise<{ first: Manifest; second: Manifest; dir: string }> {
  const dir = tempDir();
  const first = await collect({ ...o, output: join(dir, 'first.tar.gz'), isolation: 'inline' });
  const tree = join(dir, 'tree');
  mkdirSync(tree);
  execFileSync('tar', ['xzf', join(dir, 'first.tar.gz'), '-C', tree]);
  const second = await collect({ sources: o.sources, output: join(dir, 'second.tar.gz'), root: tree, isolation: 'inline' });
  return { first: first.manifest, second: second.manifest, dir };
}

export const byName = (m: Manifest): Map<string, ArtifactRecord> => new Map(m.artifacts.map((a) => [a.name, a]));
/** The records in name order: sources run side by side, so the order of entries is not part of the contract. */
export const records = (m: Manifest): ArtifactRecord[] => [...m.artifacts].sort((a, b) => (a.name < b.name ? -1 : 1));
export const without = (a: ArtifactRecord, key: keyof ArtifactRecord): Partial<ArtifactRecord> => Object.fromEntries(Object.entries(a).filter(([k]) => k !== key));

