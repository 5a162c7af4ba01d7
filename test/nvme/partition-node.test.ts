/**
 * nvme-cli and smartctl run on a partition's node (`/dev/nvme0n1p1`) or nvme-cli on the generic node (`/dev/ng0n1`) read
 * the namespace and its controller: the kernel's NVMe ioctls on a partition act on its namespace (nvme-cli's id-ns asks
 * the node's NSID, the namespace's), so the output is the controller's (`nvme:nvme0`) and the namespace's (`block:nvme0n1`),
 * never a device of the partition's own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');
/** A real nvme-cli 2.x id-ns of a VirtualBox namespace (prompt and fences as published), its node made a partition's. */
const ID_NS = real('id-ns/vbox-orcl-nvme-nvme0n1-cli2.txt');

async function load(tree: Record<string, string>): Promise<{ devices: { key: string; parent: string | null }[]; nsid?: string; issues: string[] }> {
  const out = join(tempDir(), 'b.tar.gz');
  await collect({ output: out, only: ['ata', 'nvme'], isolation: 'inline', root: treeOf(tree) });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  const devices = db.prepare(`SELECT device_key AS key, parent_key AS parent FROM devices ORDER BY device_key`).all() as { key: string; parent: string | null }[];
  const nsid = (db.prepare(`SELECT value FROM settings WHERE namespace = 'nvme.id-ns' AND key = 'nsid' AND device_key = 'block:nvme0n1'`).get() as { value: string } | undefined)?.value;
  const issues = (db.prepare(`SELECT code FROM collection_issues WHERE code IN ('NVME-NAMESPACE', 'UNKNOWN_NAME')`).all() as { code: string }[]).map((r) => r.code);
  return { devices, ...(nsid ? { nsid } : {}), issues };
}

describe('nvme id-ns run on a partition or the generic node', () => {
  it.each([
    ['saved id-ns_nvme0n1p1', { 'cmd/nvme/id-ns_nvme0n1p1.txt': ID_NS.replace(/\/dev\/nvme0n1\b/g, '/dev/nvme0n1p1') }],
    ['pasted sudo nvme id-ns /dev/nvme0n1p1', { 'notes.txt': ID_NS.replace(/\/dev\/nvme0n1\b/g, '/dev/nvme0n1p1') }],
    ['saved id-ns_ng0n1', { 'cmd/nvme/id-ns_ng0n1.txt': ID_NS.replace(/\/dev\/nvme0n1\b/g, '/dev/ng0n1') }],
  ])('%s: the namespace block:nvme0n1 of nvme0', async (_, tree) => {
    const r = await load(tree);
    expect(r.issues).toEqual([]);
    expect(r.nsid).toBe('1');
    expect(r.devices.filter((d) => d.key.startsWith('block:'))).toEqual([{ key: 'block:nvme0n1', parent: 'nvme:nvme0' }]);
  });
});

/** A real nvme-cli 1.x id-ctrl (tkperf's Micron 9200, its prompt kept), typed on a partition of controller 1's namespace. */
const ID_CTRL = real('id-ctrl/micron-9200-tkperf-prompt.txt').replace('/dev/nvme1\n', '/dev/nvme1n1p2\n');

describe('nvme-cli id-ctrl run on a partition', () => {
  it.each([
    ['saved id-ctrl_nvme1n1p2', { 'cmd/nvme/id-ctrl_nvme1n1p2.out': ID_CTRL }],
    ['pasted, its command line typed on /dev/nvme1n1p2', { 'micron.txt': ID_CTRL }],
  ])('%s: the controller nvme:nvme1', async (_, tree) => {
    const r = await load(tree);
    expect(r.issues).toEqual([]);
    expect(r.devices).toEqual([{ key: 'nvme:nvme1', parent: null }]);
  });
});
