import type { ManyDevices } from '../../fake-host/part.js';
import type { FakeTree } from '../../fake-host/tree.js';

/** The usual sysfs attributes of a netdev, under its PCI function, with its sys/class/net link. */
function writeInterface(tree: FakeTree, ifname: string, pciPath: string, i: number): void {
  const dir = `${pciPath}/net/${ifname}`;
  const mac = `b8:3f:d2:${((i >> 16) & 0xff).toString(16).padStart(2, '0')}:${((i >> 8) & 0xff).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`;
  tree.attrs(dir, {
    addr_assign_type: '0', addr_len: '6', address: mac, broadcast: 'ff:ff:ff:ff:ff:ff', carrier: '1', carrier_changes: '2', dev_id: '0x0',
    dev_port: '0', duplex: 'full', flags: '0x1003', ifalias: '', ifindex: String(i + 2), iflink: String(i + 2), link_mode: '0', mtu: '1500',
    name_assign_type: '4', netdev_group: '0', operstate: 'up', phys_port_id: '', phys_port_name: 'p0', phys_switch_id: '', proto_down: '0',
    speed: '100000', tx_queue_len: '1000', type: '1', gro_flush_timeout: '0', napi_defer_hard_irqs: '0', testing: '0', dormant: '0',
  });
  tree.attrs(`${dir}/statistics`, { rx_bytes: '0', tx_bytes: '0', rx_packets: '0', tx_packets: '0', rx_errors: '0', tx_errors: '0' });
  tree.linkTo(`${dir}/device`, pciPath);
  tree.linkTo(`sys/class/net/${ifname}`, dir);
}

/** Many network interfaces, ensNnp0, one on each PCI function in turn (no ioctl answers: their sources record none). */
export const netMany: ManyDevices = {
  class: 'nic',
  noun: 'network interfaces',
  counted: ['net'],
  onPciFunctions: true,
  write(tree, count, at) {
    for (let i = 0; i < count; i++) writeInterface(tree, `ens${i}np0`, at.pciFunctions[i]!, i);
    return [];
  },
};
