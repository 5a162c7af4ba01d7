import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ArtifactRecord, Manifest } from '../../bundle/format.js';
import { collect, type CollectOptions } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';
import { openBundle } from './bundle-entries.js';
import { NVME_STATUS_INVALID_FIELD, statusKernel } from './status-source.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';

const FAKEHOST = await fakehostRoot();
const STATUS_SOURCE = [{ name: 'statuses', modulePath: fileURLToPath(new URL('./status-source.ts', import.meta.url)) }];

/** Collects, extracts the bundle with plain tar, and collects the extracted tree again. */
async function roundTrip(o: Omit<CollectOptions, 'output'>): Promise<{ first: Manifest; second: Manifest; dir: string }> {
  const dir = tempDir();
  const first = await collect({ ...o, output: join(dir, 'first.tar.gz'), isolation: 'inline' });
  const tree = join(dir, 'tree');
  mkdirSync(tree);
  execFileSync('tar', ['xzf', join(dir, 'first.tar.gz'), '-C', tree]);
  const second = await collect({ sources: o.sources, output: join(dir, 'second.tar.gz'), root: tree, isolation: 'inline' });
  return { first: first.manifest, second: second.manifest, dir };
}

const byName = (m: Manifest): Map<string, ArtifactRecord> => new Map(m.artifacts.map((a) => [a.name, a]));
/** The records in name order: sources run side by side, so the order of entries is not part of the contract. */
const records = (m: Manifest): ArtifactRecord[] => [...m.artifacts].sort((a, b) => (a.name < b.name ? -1 : 1));
const without = (a: ArtifactRecord, key: keyof ArtifactRecord): Partial<ArtifactRecord> => Object.fromEntries(Object.entries(a).filter(([k]) => k !== key));

describe('a bundle is itself a captured tree', () => {
  it('extracts with plain tar and, collected again with --root, gives the same records: bytes, origins, exit statuses, issues', async () => {
    const { first, second } = await roundTrip({ root: FAKEHOST });
    expect(first.artifacts.length).toBeGreaterThan(500);
    expect(records(second)).toEqual(records(first));
    expect(second.issues).toEqual(first.issues);
    expect(second.sources.map((s) => [s.name, s.status, s.reason, s.devices, s.artifacts])).toEqual(first.sources.map((s) => [s.name, s.status, s.reason, s.devices, s.artifacts]));
  });

  it('keeps a command that exited 2 and an NVMe status from a tree through the bundle and back', async () => {
    const dir = tempDir();
    const tree = join(dir, 'fakehost');
    cpSync(FAKEHOST, tree, { recursive: true, verbatimSymlinks: true });
    writeFileSync(join(tree, 'cmd/devlink/-j_dev_param_show.err'), 'kernel answers: Operation not supported\n');
    writeFileSync(join(tree, 'cmd/devlink/-j_dev_param_show.status'), '2\n');
    writeFileSync(join(tree, 'ioctl/nvme/nvme0/smart-log.status'), `${NVME_STATUS_INVALID_FIELD}\n`);
    const { first, second } = await roundTrip({ root: tree });
    const a = byName(first);
    expect(a.get('cmd/devlink/-j_dev_param_show.out')!.exitStatus).toBe(2);
    expect(a.get('cmd/devlink/-j_dev_param_show.err')!.exitStatus).toBe(2);
    expect(a.get('cmd/devlink/-j_dev_param_show.status')).toMatchObject({ origin: { kind: 'status', of: 'cmd/devlink/-j_dev_param_show.out' }, size: 2 });
    expect(a.get('cmd/devlink/-j_dev_info.out')!.exitStatus).toBe(0);
    expect(a.has('cmd/devlink/-j_dev_info.status')).toBe(false);
    expect(a.get('ioctl/nvme/nvme0/smart-log.bin')!.exitStatus).toBe(NVME_STATUS_INVALID_FIELD);
    expect(a.get('ioctl/nvme/nvme0/fw-log.bin')!.exitStatus).toBe(0);
    expect(first.issues.map((i) => `${i.source} ${i.target} ${i.code}`)).toEqual(expect.arrayContaining(['nic devlink -j dev param show EXIT', 'nvme nvme0:smart-log NVME_STATUS']));
    expect(records(second)).toEqual(records(first));
    expect(second.issues).toEqual(first.issues);
  });

  it('from the live host: a command that exits 1, an ioctl answered with a device status and outputs cut at their cap come back the same from the extracted bundle', async () => {
    const { first, second, dir } = await roundTrip({ sources: STATUS_SOURCE, transport: statusKernel });
    const a = byName(first);
    expect(a.get('cmd/uname/--no-such-option.out')).toMatchObject({ exitStatus: 1, size: 0 });
    expect(a.get('cmd/uname/--no-such-option.err')!.exitStatus).toBe(1);
    expect(a.get('cmd/uname/--no-such-option.err')!.size).toBeGreaterThan(0);
    expect(a.get('cmd/uname/-s.out')).toMatchObject({ exitStatus: 0 });
    expect(a.has('cmd/uname/-s.status')).toBe(false);
    expect(a.get('ioctl/nvme/nvme9/id-ctrl.bin')).toMatchObject({ exitStatus: NVME_STATUS_INVALID_FIELD, size: 4096 });
    expect(a.get('ioctl/nvme/nvme9/id-ns.bin')).toMatchObject({ exitStatus: 0, size: 4096 });
    expect(a.get('cmd/uname/-a.out')).toMatchObject({ truncated: true, size: 4 });
    expect(a.get('proc/version')).toMatchObject({ truncated: true, size: 16 });
    const bundle = await openBundle(join(dir, 'first.tar.gz'));
    expect(bundle.text('cmd/uname/--no-such-option.status')).toBe('1\n');
    expect(bundle.text('ioctl/nvme/nvme9/id-ctrl.status')).toBe(`${NVME_STATUS_INVALID_FIELD}\n`);
    // uname -a is killed at its cap (status -1) unless it had already exited (0): either way it replays as it was.
    const statuses = [...bundle.entries.keys()].filter((n) => n.endsWith('.status') && n !== 'cmd/uname/-a.status').sort();
    expect(statuses).toEqual(['cmd/uname/--no-such-option.status', 'ioctl/nvme/nvme9/id-ctrl.status']);
    // Live artifacts have no replayedFrom; replayed ones name their entry (a command's stderr, its stdout). All else is equal.
    for (const r of first.artifacts) expect(r.replayedFrom).toBeUndefined();
    for (const r of second.artifacts) expect(r.replayedFrom).toBe(r.name.replace(/\.err$/, '.out'));
    expect(records(second).map((r) => without(r, 'replayedFrom'))).toEqual(records(first));
    expect(second.issues).toEqual(first.issues);
  });

  it('replays a hand-made tree without any status entry with status 0', async () => {
    const dir = tempDir();
    const tree = join(dir, 'tree');
    mkdirSync(join(tree, 'cmd/uname'), { recursive: true });
    mkdirSync(join(tree, 'ioctl/nvme/nvme9'), { recursive: true });
    writeFileSync(join(tree, 'cmd/uname/-s.out'), 'Linux\n');
    writeFileSync(join(tree, 'ioctl/nvme/nvme9/id-ctrl.bin'), Buffer.alloc(4096, 1));
    const r = await collect({ output: join(dir, 'b.tar.gz'), root: tree, sources: STATUS_SOURCE, isolation: 'inline' });
    const a = byName(r.manifest);
    expect([...a.keys()].sort()).toEqual(['cmd/uname/-s.err', 'cmd/uname/-s.out', 'ioctl/nvme/nvme9/id-ctrl.bin']);
    expect(a.get('cmd/uname/-s.out')!.truncated).toBe(false);
    expect(a.get('cmd/uname/-s.out')).toMatchObject({ exitStatus: 0, size: 6, replayedFrom: 'cmd/uname/-s.out' });
    expect(a.get('cmd/uname/-s.err')).toMatchObject({ exitStatus: 0, size: 0 });
    expect(a.get('ioctl/nvme/nvme9/id-ctrl.bin')).toMatchObject({ exitStatus: 0 });
    expect(r.manifest.issues).toEqual([]);
  });
});
