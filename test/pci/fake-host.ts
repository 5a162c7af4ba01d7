import type { RuleTestDevice } from '../../analyzer/rules/types.js';
import type { Allocator, FakeHostPart } from '../helpers/fake-host/part.js';
import type { FakeTree } from '../helpers/fake-host/tree.js';

const hex4 = (n: number): string => `0x${n.toString(16).padStart(4, '0')}\n`;

/** PCI functions: /sys/devices/pci0000:00/<bdf> with its id attributes and driver link, listed in /sys/bus/pci/devices. */
export const pciFakeHost: FakeHostPart = {
  classes: ['pci'],
  unsupported(d) {
    if (d.settings?.length) return `PCI settings (${[...new Set(d.settings.map((s) => `${s.namespace}/${s.key}`))].join(', ')}) have no renderer`;
    if (d.firmware && (Array.isArray(d.firmware) ? d.firmware.length : Object.keys(d.firmware).length)) return 'PCI firmware rows come from other classes (mlx5, nic)';
    if (d.links?.length) return 'PCIe link status has no renderer (config-space capability)';
    if (d.parent_key || d.model) return 'parent bridges and models have no renderer';
    return undefined;
  },
  render(tree: FakeTree, d: RuleTestDevice, names: Allocator): string {
    const bdf = names.bdf(d.key);
    const dir = `sys/devices/pci0000:00/${bdf}`;
    tree.file(`${dir}/vendor`, hex4(d.vendor_id ?? 0xffff));
    tree.file(`${dir}/device`, hex4(d.device_id ?? 0xffff));
    tree.file(`${dir}/subsystem_vendor`, hex4(d.subsystem_vendor_id ?? 0));
    tree.file(`${dir}/subsystem_device`, hex4(d.subsystem_device_id ?? 0));
    tree.file(`${dir}/class`, '0x010802\n');
    if (d.driver) {
      tree.link(`${dir}/driver`, `../../../bus/pci/drivers/${d.driver}`);
      tree.link(`sys/bus/pci/drivers/${d.driver}/${bdf}`, `../../../../devices/pci0000:00/${bdf}`);
    }
    tree.link(`sys/bus/pci/devices/${bdf}`, `../../../devices/pci0000:00/${bdf}`);
    return bdf;
  },
};
