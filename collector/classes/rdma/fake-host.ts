import type { RuleTestDevice } from '../../../analyzer/rules/types.js';
import type { Allocator, FakeHostPart } from '../../fake-host/part.js';
import { firmwareRows } from '../../fake-host/part.js';
import type { FakeTree } from '../../fake-host/tree.js';
import { FAKEHOST } from '../../fake-host/fakehost-facts.js';

/** Device attributes an `rdma` description may set (namespace rdma), as /sys/class/infiniband/<dev>/<attribute>. */
const ATTRIBUTES = new Set(['board_id', 'hca_type', 'hw_rev', 'node_guid', 'sys_image_guid', 'node_type', 'node_desc']);

/**
 * RDMA devices: /sys/class/infiniband/<dev> (a link into the PCI function's infiniband/ directory) with fw_ver,
 * the identity attributes and port attributes (`rdma.port` settings `<port>.<attribute>`) in the kernel's text.
 */
export const rdmaFakeHost: FakeHostPart = {
  classes: ['rdma'],
  unsupported(d) {
    for (const s of d.settings ?? []) {
      if (!(s.namespace === 'rdma' && ATTRIBUTES.has(s.key)) && !(s.namespace === 'rdma.port' && /^\d+\.[a-z_]+$/.test(s.key))) return `setting ${s.namespace}/${s.key} has no renderer`;
    }
    if (firmwareRows(d).some((f) => f.component !== 'firmware' || (f.state ?? 'running') !== 'running')) return 'an RDMA device shows one running firmware version (fw_ver)';
    if (d.vendor_id !== undefined || d.device_id !== undefined || d.driver) return 'ids and driver of an RDMA device belong to its PCI function';
    return undefined;
  },
  render(tree: FakeTree, d: RuleTestDevice, names: Allocator): string {
    const name = `mlx5_${names.next('rdma')}`;
    const bdf = names.bdf(d.pci_address ?? `rdma-${name}`);
    const dir = `${names.pciDir(bdf)}/infiniband/${name}`;
    const fw = firmwareRows(d)[0]?.version;
    if (fw) tree.file(`${dir}/fw_ver`, `${fw}\n`);
    if (d.model) tree.file(`${dir}/hca_type`, `${d.model}\n`);
    for (const s of d.settings ?? []) {
      if (s.namespace === 'rdma') tree.file(`${dir}/${s.key}`, `${String(s.value)}\n`);
      else {
        const [port, attribute] = s.key.split('.');
        tree.file(`${dir}/ports/${port}/${attribute}`, `${String(s.value)}\n`);
      }
    }
    tree.link(`${dir}/device`, `../../../${bdf}`);
    tree.link(`sys/class/infiniband/${name}`, `../../${dir.slice('sys/'.length)}`);
    return `rdma:${name}`;
  },
};

/** The shared fake host's RDMA devices: mlx5_0 (RoCE port up) and mlx5_1 (down) on the two ConnectX-6 Dx functions. */
export function fakehostRdma(tree: FakeTree): void {
  for (const fn of [0, 1]) {
    const name = `mlx5_${fn}`;
    const d = `sys/devices/pci0000:3a/0000:3a:00.0/0000:3b:00.${fn}/infiniband/${name}`;
    tree.attrs(d, {
      fw_ver: '22.39.1002', board_id: 'MT_0000000359', hca_type: 'MT4125', hw_rev: '0x0', node_guid: `b83f:d203:00a1:b2c${fn}`,
      sys_image_guid: 'b83f:d203:00a1:b2c0', node_type: '1: CA', node_desc: `${FAKEHOST.hostname} ${name}`,
    });
    tree.linkTo(`${d}/device`, `sys/devices/pci0000:3a/0000:3a:00.0/0000:3b:00.${fn}`);
    tree.attrs(`${d}/ports/1`, {
      state: fn === 0 ? '4: ACTIVE' : '1: DOWN', phys_state: fn === 0 ? '5: LinkUp' : '3: Disabled', rate: fn === 0 ? '100 Gb/sec (2X HDR)' : '40 Gb/sec (4X QDR)',
      link_layer: 'Ethernet', lid: '0x0', sm_lid: '0x0', lid_mask_count: '0', sm_sl: '0', cap_mask: '0x00010000',
    });
    tree.attrs(`${d}/ports/1/gid_attrs/types`, { 0: 'IB/RoCE v1' });
    tree.attrs(`${d}/ports/1/counters`, { port_rcv_data: '123456789' });
    tree.linkTo(`sys/class/infiniband/${name}`, d);
  }
}
