import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { buildFakeHost, FAKE_HOST_SOURCES } from '../../collector/fake-host/builder.js';
import { tempDir } from '../helpers/tmp.js';

describe('the rdma fake-host part', () => {
  it('renders a description the collector and the rdma loader read back', async () => {
    const dir = tempDir();
    const root = join(dir, 'root');
    const [keys] = buildFakeHost(root, [], [[
      { key: '0000:3b:00.0', class: 'pci', vendor_id: 0x15b3, device_id: 0x101d, driver: 'mlx5_core' },
      {
        key: 'rdma:mlx5_0', class: 'rdma', pci_address: '0000:3b:00.0', model: 'MT4125', firmware: { firmware: '22.39.1002' },
        settings: [{ namespace: 'rdma', key: 'board_id', value: 'MT_0000000359' }, { namespace: 'rdma.port', key: '1.state', value: '4: ACTIVE' }],
      },
    ]]);
    await collect({ root, output: join(dir, 'b.tar.gz'), isolation: 'inline', only: FAKE_HOST_SOURCES });
    const db = openDatabase(':memory:');
    const { bundleId } = await loadBundle(db, join(dir, 'b.tar.gz'));
    const key = keys!.get('rdma:mlx5_0')!;
    const bdf = keys!.get('0000:3b:00.0')!;
    expect(db.prepare('SELECT class, pci_address, model FROM devices WHERE bundle_id = ? AND device_key = ?').get(bundleId, key)).toEqual({ class: 'rdma', pci_address: bdf, model: 'MT4125' });
    expect(db.prepare('SELECT version FROM firmware WHERE bundle_id = ? AND device_key = ?').all(bundleId, key)).toEqual([{ version: '22.39.1002' }]);
    const settings = db.prepare('SELECT namespace, key, value FROM settings WHERE bundle_id = ? AND device_key = ? ORDER BY namespace, key').all(bundleId, key);
    expect(settings).toEqual([
      { namespace: 'rdma', key: 'board_id', value: 'MT_0000000359' },
      { namespace: 'rdma', key: 'hca_type', value: 'MT4125' },
      { namespace: 'rdma.port', key: '1.state', value: '4: ACTIVE' },
    ]);
    db.close();
  });
});
