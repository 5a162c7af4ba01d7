import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byName, records, roundTrip } from './round-trip.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';
import { fakehostCopy } from '../helpers/fake-host/fakehost.js';

const FAKEHOST = await fakehostRoot();
/** NVMe status Invalid Field in Command with Do Not Retry, as a controller answers an unsupported log page. */
const NVME_STATUS_INVALID_FIELD = 0x4002;

describe('a bundle is itself a captured tree', () => {
  it('extracts with plain tar and, collected again with --root, gives the same records: bytes, origins, exit statuses, issues', async () => {
    const { first, second } = await roundTrip({ root: FAKEHOST });
    expect(first.artifacts.length).toBeGreaterThan(500);
    expect(records(second)).toEqual(records(first));
    expect(second.issues).toEqual(first.issues);
    expect(second.sources.map((s) => [s.name, s.status, s.reason, s.devices, s.artifacts])).toEqual(first.sources.map((s) => [s.name, s.status, s.reason, s.devices, s.artifacts]));
  });

  it('keeps a command that exited 2 and an NVMe status from a tree through the bundle and back', async () => {
    const tree = await fakehostCopy();
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

  // An ioctl answered with a device status from the live host, and a hand-made tree without status entries: test/nvme/replay-status.test.ts.
});
