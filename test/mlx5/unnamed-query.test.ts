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

  it('of a ConnectX-3 (FS2: GUIDs and MACs listed, node GUID first) is its card by the node GUID, else by port 1\'s MAC when the GUIDs are blank', async () => {
    const real = (name: string): string => readFileSync(new URL(`./fixtures/real/mstflint/${name}.txt`, import.meta.url), 'utf8').split('\n').filter((l) => !/mstflint|apt install/.test(l)).join('\n');
    expect(await firmwareOf({ 'flint.txt': real('cx3-fs2-isl-oem-apt-line') })).toEqual({ rows: [{ device_key: 'mst:guid-ec0d9a0300f00620', state: 'running', version: '2.40.5030' }, { device_key: 'mst:guid-ec0d9a0300f00620', state: 'stored', version: '2.40.5030' }], noDevice: 0 });
    expect(await firmwareOf({ 'flint.txt': real('cx3-fs2-kube05-blank-guids') })).toEqual({ rows: [{ device_key: 'mst:mac-e41d2ddd88a0', state: 'running', version: '2.35.5100' }, { device_key: 'mst:mac-e41d2ddd88a0', state: 'stored', version: '2.35.5100' }], noDevice: 0 });
  });

  it('of a ConnectX-3 is the RDMA device of the bundle whose node GUID is the first GUID listed (two cards of its PSID)', async () => {
    const real = readFileSync(new URL('./fixtures/real/mstflint/cx3-fs2-isl-oem-apt-line.txt', import.meta.url), 'utf8').split('\n').filter((l) => !/mstflint|apt install/.test(l)).join('\n');
    const ib = (n: number, bdf: string, guid: string): Record<string, string> => ({
      [`sys/class/infiniband/mlx4_${n}/board_id`]: 'ISL1090110018\n', [`sys/class/infiniband/mlx4_${n}/node_guid`]: `${guid}\n`, [`sys/class/infiniband/mlx4_${n}/device`]: `../../../${bdf}`,
    });
    const { rows } = await firmwareOf({ 'flint.txt': real, ...ib(0, '0000:1f:00.0', 'ec0d:9a03:00f0:0b10'), ...ib(1, '0000:20:00.0', 'ec0d:9a03:00f0:0620') });
    expect(rows).toEqual([{ device_key: '0000:20:00.0', state: 'running', version: '2.40.5030' }, { device_key: '0000:20:00.0', state: 'stored', version: '2.40.5030' }]);
  });
});
