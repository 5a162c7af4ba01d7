import type { RuleTestDevice } from '../../analyzer/rules/types.js';
import type { Allocator, FakeHostPart } from '../helpers/fake-host/part.js';
import { firmwareRows } from '../helpers/fake-host/part.js';
import type { FakeTree } from '../helpers/fake-host/tree.js';

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
