import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import { openBundle } from '../collector/bundle-entries.js';
import { byName, records, roundTrip, without } from '../collector/round-trip.js';
import { tempDir } from '../helpers/tmp.js';
import { NVME_STATUS_INVALID_FIELD, statusKernel } from './status-source.js';

const STATUS_SOURCE = [{ name: 'statuses', modulePath: fileURLToPath(new URL('./status-source.ts', import.meta.url)) }];

describe('an NVMe status through a bundle and back (the replay round trip, test/collector/replay-roundtrip.test.ts)', () => {
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
