/**
 * An mlxfwreset query's level line whose digits a paste ran together (found by the mutated-samples fuzz, seed 4:
 * `777777777777777800000: …`) is no option line: it was stored as setting `level.7.777777777777778e+23`, an undeclared
 * fact the load refused. Real output: test/mlx5/fixtures/real/fwreset/bf3-mlxfwreset-q-quoted-fence-dpu-notes (its
 * provenance file says where it was published).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const SAMPLE = readFileSync(new URL('./fixtures/real/fwreset/bf3-mlxfwreset-q-quoted-fence-dpu-notes.txt', import.meta.url), 'utf8');

describe('an mlxfwreset level line with a run of digits', () => {
  it('is an unread line, and the other levels are stored', async () => {
    const damaged = SAMPLE.replace('> 3: Driver restart', '> 777777777777777800000: Driver restart');
    expect(damaged).not.toBe(SAMPLE);
    const { db } = await replayTree({ 'cmd/mlxfwreset/-d_dev_mst_mt41692_pciconf0_q.txt': damaged });
    try {
      const keys = (db.prepare(`SELECT key FROM settings WHERE namespace = 'mlx.reset' AND key LIKE 'level.%' ORDER BY key`).all() as { key: string }[]).map((r) => r.key);
      expect(keys).toEqual(['level.0', 'level.1', 'level.4']);
      const unread = db.prepare(`SELECT COUNT(*) AS n FROM collection_issues WHERE code = 'UNKNOWN-LINE' AND message LIKE '%not a reset option line%777777777777777800000%'`).get() as { n: number };
      expect(unread.n).toBe(1);
    } finally {
      db.close();
    }
  });
});
