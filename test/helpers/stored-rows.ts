/**
 * One saved output written at `name` in a tree, collected (inline) and loaded: its firmware and settings rows as one
 * line each, and where the bundle's artifacts were replayed from. The setup of the tests that compare what a text
 * gives under a person's name with what it gives under its saved name.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { tempDir } from './tmp.js';

export async function storedRows(name: string, data: Buffer): Promise<{ rows: string[]; replayedFrom: (string | undefined)[] }> {
  const dir = tempDir();
  const file = join(dir, 'tree', name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
  const out = join(dir, 'b.tar.gz');
  const { manifest } = await collect({ output: out, root: join(dir, 'tree'), isolation: 'inline' });
  const db = openDatabase(':memory:');
  try {
    await loadBundle(db, out);
    const rows = db.prepare(`SELECT 'firmware ' || device_key || ' ' || component || ' ' || version || ' ' || state AS f FROM firmware UNION ALL SELECT 'setting ' || device_key || ' ' || namespace || ' ' || key || ' ' || value FROM settings ORDER BY 1`).all() as { f: string }[];
    return { rows: rows.map((r) => r.f), replayedFrom: manifest.artifacts.map((a) => a.replayedFrom) };
  } finally {
    db.close();
  }
}
