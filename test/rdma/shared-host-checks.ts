import { posix } from 'node:path';
import { expect, it } from 'vitest';
import { FAKEHOST } from '../../collector/fake-host/fakehost-facts.js';
import type { SharedHostChecks } from '../helpers/fake-host/shared-host-checks.js';

/** What the rdma source collects from the shared fake host (collector/classes/rdma/fake-host.ts). */
export const rdmaSharedHost: SharedHostChecks = {
  name: 'rdma',
  source: { status: 'ok', devices: { rdma: FAKEHOST.rdmaDevices.length } },
  bare: { status: 'skipped', reason: 'no /sys/class/infiniband in the tree' },
  lost: { dirs: ['sys/class/infiniband'], source: { status: 'skipped' } },
  collected(host) {
    it('rdma: stores each RDMA device with its firmware, board id, parent PCI function and port state', () => {
      const { bundle: b } = host();
      for (const [i, name] of FAKEHOST.rdmaDevices.entries()) {
        const d = `sys/class/infiniband/${name}`;
        expect(b.text(`${d}/fw_ver`)).toBe('22.39.1002\n');
        expect(b.text(`${d}/board_id`)).toBe('MT_0000000359\n');
        expect(posix.basename(b.text(`${d}/device`))).toBe(`0000:3b:00.${i}`);
        expect(b.text(`${d}/ports/1/link_layer`)).toBe('Ethernet\n');
      }
      expect(b.text('sys/class/infiniband/mlx5_0/ports/1/state')).toBe('4: ACTIVE\n');
      expect([...b.entries.keys()].some((n) => n.includes('/gid_attrs/') || n.includes('/counters/'))).toBe(false);
    });
  },
};
