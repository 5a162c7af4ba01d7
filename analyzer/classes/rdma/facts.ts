import type { ClassFacts } from '../../facts/types.js';

export const rdmaFacts: ClassFacts = {
  name: 'rdma',
  doc: 'RDMA devices (sys/class/infiniband, or a saved ibv_devinfo / ibstat): running firmware, identity, GUIDs and port state.',
  devices: [{ class: 'rdma', key: 'rdma:<name>', doc: 'model = hca_type; parent = the PCI function its device link names (none from a saved ibv_devinfo or ibstat, which name no PCI function)' }],
  firmware: [
    { devices: ['rdma'], component: 'firmware', states: ['running'], scheme: 'guessed', doc: 'fw_ver as the driver prints it (mlx5 22.39.1002); ibv_devinfo fw_ver, ibstat Firmware version' },
  ],
  settings: [
    {
      namespace: 'rdma',
      devices: ['rdma'],
      doc: 'device attributes as read; a saved ibv_devinfo or ibstat gives the same in sysfs terms (hw_ver as hw_rev, GUIDs as 0c42:a103:00b4:b8b4)',
      keys: {
        board_id: { type: 'text', doc: 'the PSID on NVIDIA/Mellanox (MT_0000000359)' },
        hca_type: { type: 'text' }, hw_rev: { type: 'text' }, node_guid: { type: 'text' }, sys_image_guid: { type: 'text' },
        node_type: { type: 'text', doc: '1: CA' }, node_desc: { type: 'text' },
        vendor_id: { type: 'text', doc: 'ibv_devinfo only: the PCI vendor id (0x02c9)' }, vendor_part_id: { type: 'text', doc: 'ibv_devinfo only: the PCI device id in decimal (4125)' },
      },
    },
    {
      namespace: 'rdma.port',
      devices: ['rdma'],
      doc: 'ports/<N>/ attributes, keyed <N>.<attribute>',
      open: { type: 'text', source: 'port number and attribute names of ports/<N>/ (1.state "4: ACTIVE", 1.link_layer Ethernet, 1.rate…); ibv_devinfo\'s and ibstat\'s port lines in those names and forms (PORT_ACTIVE (4) and Active as 4: ACTIVE, port_lid as lid, port_lmc as lid_mask_count, ibstat Rate 100 as 100 Gb/sec)', pattern: /^\d+\.[a-z_]+$/ },
    },
  ],
};
