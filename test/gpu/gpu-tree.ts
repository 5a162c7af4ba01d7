import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../analyzer/db/database.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { writeTree } from '../faults/fault-helpers.js';
import { tempDir } from '../helpers/tmp.js';

/** The database of a tree of these files, collected by the gpu class alone and loaded. Call it inside a test. */
export async function loadGpuTree(files: Record<string, string>): Promise<Db> {
  const root = mkdtempSync(join(tempDir(), 'gpu-tree-'));
  writeTree(root, files);
  const out = `${root}.tar.gz`;
  await collect({ output: out, root, only: ['gpu'], isolation: 'inline' });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  return db;
}
