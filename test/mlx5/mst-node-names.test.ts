/**
 * An mst node named with and without the directory the mst driver puts it in (`/dev/mst/mt41692_pciconf0`,
 * `mt41692_pciconf0`: a saved file's name, a Windows host, a shell's completion) is one device. The outputs are real
 * public ones of the corpus, of one BlueField-3's PF0.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');

describe('mst node names', () => {
  it('a BlueField-3 PF named mt41692_pciconf0 by one saved name and /dev/mst/mt41692_pciconf0 by another has one device key', async () => {
    const { db } = await replayTree({
      'cmd/mlxlink/-d_mt41692_pciconf0_-p_1_-m_-c.txt': real('mlxlink/bf3-pf0-m-c-counters-sigcomm-tutorial.txt'),
      'cmd/mlxfwreset/-d_dev_mst_mt41692_pciconf0_q.txt': real('fwreset/bf3-mlxfwreset-q-quoted-fence-dpu-notes.txt'),
    });
    try {
      expect(db.prepare(`SELECT DISTINCT device_key FROM settings WHERE namespace IN ('mlx.link', 'mlx.reset') ORDER BY device_key`).all()).toEqual([{ device_key: 'mst:mt41692_pciconf0' }]);
      expect(db.prepare(`SELECT device_key FROM devices WHERE device_key LIKE 'mst:%'`).all()).toEqual([{ device_key: 'mst:mt41692_pciconf0' }]);
    } finally {
      db.close();
    }
  });
});
