import { join } from 'node:path';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

type Row = Record<string, unknown>;

/** Collects a tree of saved scsi outputs (the scsi source alone) and loads it: what was not read, and what was stored. */
export async function replayScsi(files: Record<string, string | Buffer>) {
  const out = join(tempDir(), 'b.tar.gz');
  const r = await collect({ output: out, root: treeOf(files), only: ['scsi'], isolation: 'inline' });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  const q = (sql: string): Row[] => db.prepare(sql).all() as Row[];
  return {
    q,
    notRead: r.manifest.issues.filter((i) => i.code === 'UNKNOWN_NAME' || i.code === 'NOT_READ').map((i) => i.target),
    devices: q(`SELECT device_key, model, serial FROM devices WHERE class = 'scsi' ORDER BY device_key`),
    firmware: q(`SELECT device_key, version FROM firmware WHERE state = 'running'`),
  };
}
