/**
 * A `flint q` pasted alone, saved under a name with no device (`flint.txt`), names its card by what it prints: its base
 * GUID and MAC, its PSID. Its firmware is kept, on the PCI function the bundle shows with that GUID or PSID, else on
 * the card itself (`mst:guid-<base GUID>`); only a query that prints none of them has no device.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const QUERY = readFileSync(new URL('./fixtures/real/mstflint/cx5-fs4-indented-doc.txt', import.meta.url), 'utf8');

async function firmwareOf(files: Record<string, string>): Promise<{ rows: unknown[]; noDevice: number }> {
  const { db } = await replayTree(files);
  try {
    return {
      rows: db.prepare(`SELECT device_key, state, version FROM firmware WHERE component = 'firmware' AND device_key NOT LIKE 'devlink:%' ORDER BY state`).all(),
      noDevice: (db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = 'NO-DEVICE'`).get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('an mstflint query that names no device', () => {
  it('is kept on its card, keyed by the base GUID it prints (a real ConnectX-5 query saved as flint.txt)', async () => {
    expect(await firmwareOf({ 'flint.txt': QUERY })).toEqual({
      rows: [{ device_key: 'mst:guid-ec0d9a0300c152e4', state: 'running', version: '16.31.2006' }, { device_key: 'mst:guid-ec0d9a0300c152e4', state: 'stored', version: '16.31.2006' }],
      noDevice: 0,
    });
  });

  it('is the PCI function of the bundle with its PSID (devlink dev info of the same host)', async () => {
    const devlink = 'pci/0000:3b:00.0:\n  driver mlx5_core\n  versions:\n      fixed:\n        fw.psid MT_0000000012\n      running:\n        fw.version 16.31.2006\n        fw 16.31.2006\n';
    const { rows } = await firmwareOf({ 'flint.txt': QUERY, 'cmd/devlink/dev_info.out': devlink });
    expect(rows).toEqual([{ device_key: '0000:3b:00.0', state: 'running', version: '16.31.2006' }, { device_key: '0000:3b:00.0', state: 'stored', version: '16.31.2006' }]);
  });

  it('pasted twice for one card (before and after an update), is one query of that card, the later lines last', async () => {
    const after = QUERY.replace(/16\.31\.2006/g, '16.35.2000');
    const { rows } = await firmwareOf({ 'flint.txt': `${QUERY}\n${after}` });
    expect(rows).toEqual([{ device_key: 'mst:guid-ec0d9a0300c152e4', state: 'running', version: '16.35.2000' }, { device_key: 'mst:guid-ec0d9a0300c152e4', state: 'stored', version: '16.35.2000' }]);
  });

  it('has no device when it prints no GUID, MAC or PSID of a card', async () => {
    const bare = QUERY.split('\n').filter((l) => !/Base GUID|Base MAC|PSID/.test(l)).join('\n');
    expect(await firmwareOf({ 'flint.txt': bare })).toEqual({ rows: [], noDevice: 1 });
  });
});
