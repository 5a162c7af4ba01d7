import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';

const real = (name: string): string => readFileSync(new URL(`./fixtures/real/id-ns/${name}`, import.meta.url), 'utf8');

/** A captured tree holding these files, collected with --root and loaded. */
async function load(files: Record<string, string>): Promise<{ db: Db; bundleId: number }> {
  const tree = join(tempDir(), 'tree');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(tree, name)), { recursive: true });
    writeFileSync(join(tree, name), text);
  }
  const out = join(tree, '..', 'b.tar.gz');
  await collect({ output: out, root: tree, only: ['nvme', 'ata'], isolation: 'inline' });
  const db = openDatabase(':memory:');
  const { bundleId } = await loadBundle(db, out);
  return { db, bundleId };
}

const devices = (db: Db): unknown[] => db.prepare(`SELECT device_key, class, parent_key FROM devices WHERE class IN ('nvme', 'block') ORDER BY device_key`).all();
const idNs = (db: Db, key: string): Record<string, string | null> =>
  Object.fromEntries((db.prepare(`SELECT key, value FROM settings WHERE device_key = ? AND namespace = 'nvme.id-ns'`).all(key) as { key: string; value: string | null }[]).map((r) => [r.key, r.value]));

describe('nvme id-ns outputs are stored per namespace, joined to their controller', () => {
  it('two namespaces of two controllers, by their nodes: one block device each, under its own controller', async () => {
    const { db } = await load({
      'cmd/nvme/id-ns_nvme0n1.out': real('samsung-960pro-zynqmp-cli1.8.txt'),
      'cmd/nvme/id-ns_nvme1_-n_1_-H.out': real('udisks1194-cli2-H-cut.txt'),
    });
    expect(devices(db)).toEqual([
      { device_key: 'block:nvme0n1', class: 'block', parent_key: 'nvme:nvme0' },
      { device_key: 'block:nvme1n1', class: 'block', parent_key: 'nvme:nvme1' },
      { device_key: 'nvme:nvme0', class: 'nvme', parent_key: null },
      { device_key: 'nvme:nvme1', class: 'nvme', parent_key: null },
    ]);
    expect(idNs(db, 'block:nvme0n1')).toMatchObject({ size_bytes: '1024209543168', block_size: '512', eui64: '0025385181b14235', nguid: null });
    expect(idNs(db, 'block:nvme1n1')).toMatchObject({ size_blocks: '2000409264', lba_format: '0' });
    expect(idNs(db, 'block:nvme1n1').block_size).toBeUndefined();
    db.close();
  });

  it('a multipath path node nvmeXcYnZ is its own block device under controller Y, which the saved output reached', async () => {
    const { db } = await load({ 'cmd/nvme/id-ns_nvme0c1n1.out': real('samsung-7t68-issue2173-cli2.txt') });
    expect(devices(db)).toEqual([
      { device_key: 'block:nvme0c1n1', class: 'block', parent_key: 'nvme:nvme1' },
      { device_key: 'nvme:nvme1', class: 'nvme', parent_key: null },
    ]);
    db.close();
  });

  it('a controller node with neither -n nor a heading names no namespace: an issue, no row', async () => {
    const { db } = await load({ 'cmd/nvme/id-ns_nvme2_-o_json.out': '{"nsze":16,"ncap":16,"nuse":0,"flbas":0,"lbafs":[{"ms":0,"ds":9,"rp":0}]}\n' });
    expect(devices(db)).toEqual([{ device_key: 'nvme:nvme2', class: 'nvme', parent_key: null }]);
    const issues = db.prepare(`SELECT code, message FROM collection_issues WHERE code = 'NVME-NAMESPACE'`).all() as { message: string }[];
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/names no namespace/);
    db.close();
  });

  it('the namespace the sysfs tree describes too is one device: the block loader adds its attributes to the same row', async () => {
    const { db } = await load({
      'cmd/nvme/id-ns_nvme0n1_-H.out': real('intel-optane-m10-cm4-cli1.12-H.txt'),
      'sys/block/nvme0n1/size': '57149440\n',
    });
    expect(db.prepare(`SELECT class, parent_key FROM devices WHERE device_key = 'block:nvme0n1'`).all()).toEqual([{ class: 'block', parent_key: 'nvme:nvme0' }]);
    expect(db.prepare(`SELECT value FROM settings WHERE device_key = 'block:nvme0n1' AND namespace = 'sysfs' AND key = 'size'`).all()).toEqual([{ value: '57149440' }]);
    expect(idNs(db, 'block:nvme0n1')).toMatchObject({ size_bytes: '29260513280', relative_performance: '2' });
    db.close();
  });
});
