/**
 * A saved `nvme fw-log` whose file name gives one controller and whose own heading another (`fw-log_nvme0.txt`
 * holding `Firmware Log for device:nvme1`): the output names the controller it ran on, so it is read as nvme1's,
 * and the disagreement is said, naming both, so that a person can check which file went where.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

/** The slots of a real Kioxia fw-log (fixtures/real/fw-log/kioxia-1tcrs105-rabbit-three-slots), its device line nvme1's. */
const FW_LOG = 'Firmware Log for device:nvme1\nafi  : 0x1\nfrs1 : 0x3530315352435431 (1TCRS105)\nfrs2 : 0x3430315352435431 (1TCRS104)\n';

describe('an nvme fw-log whose name and text name different controllers', () => {
  it('is read as the text says, and the conflict is an issue naming both nodes', async () => {
    const bundle = join(tempDir(), 'b.tar.gz');
    const r = await collect({ output: bundle, root: treeOf({ 'cmd/nvme/fw-log_nvme0.txt': FW_LOG }), only: ['nvme'], isolation: 'inline' });
    const conflict = r.manifest.issues.filter((i) => i.code === 'NAME-TEXT-CONFLICT');
    expect(conflict).toHaveLength(1);
    expect(conflict[0]!.target).toBe('cmd/nvme/fw-log_nvme0.txt');
    expect(conflict[0]!.message).toContain('/dev/nvme0');
    expect(conflict[0]!.message).toContain('/dev/nvme1');
    const db = openDatabase(':memory:');
    await loadBundle(db, bundle);
    expect(db.prepare(`SELECT DISTINCT device_key FROM firmware`).all()).toEqual([{ device_key: 'nvme:nvme1' }]);
    expect((db.prepare(`SELECT message FROM collection_issues WHERE code = 'NAME-TEXT-CONFLICT'`).all() as { message: string }[]).length).toBe(1);
  });

  it('says nothing when they agree (a namespace node of the named controller) or the name gives no node', async () => {
    for (const name of ['cmd/nvme/fw-log_nvme1n1.txt', 'cmd/nvme/fw-log.txt']) {
      const r = await collect({ output: join(tempDir(), 'b.tar.gz'), root: treeOf({ [name]: FW_LOG }), only: ['nvme'], isolation: 'inline' });
      expect(r.manifest.issues.filter((i) => i.code === 'NAME-TEXT-CONFLICT'), name).toEqual([]);
    }
  });
});
