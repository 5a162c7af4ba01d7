import type { ClassFacts } from '../../facts/types.js';

export const rdmaFacts: ClassFacts = {
  name: 'rdma',
  doc: 'RDMA devices (sys/class/infiniband): running firmware, identity, GUIDs and port state.',
  devices: [{ class: 'rdma', key: 'rdma:<name>', doc: 'model = hca_type; parent = the PCI function its device link names' }],
  firmware: [
    { devices: ['rdma'], component: 'firmware', states: ['running'], scheme: 'guessed', doc: 'fw_ver as the driver prints it (mlx5 22.39.1002)' },
  ],
  settings: [
    {
      namespace: 'rdma',
      devices: ['rdma'],
      doc: 'device attributes as read',
      keys: {
        board_id: { type: 'text', doc: 'the PSID on NVIDIA/Mellanox (MT_0000000359)' },
        hca_type: { type: 'text' }, hw_rev: { type: 'text' }, node_guid: { type: 'text' }, sys_image_guid: { type: 'text' },
        node_type: { type: 'text', doc: '1: CA' }, node_desc: { type: 'text' },
      },
    },
    {
      namespace: 'rdma.port',
      devices: ['rdma'],
      doc: 'ports/<N>/ attributes, keyed <N>.<attribute>',
      open: { type: 'text', source: 'port number and attribute names of ports/<N>/ (1.state "4: ACTIVE", 1.link_layer Ethernet, 1.rate…)', pattern: /^\d+\.[a-z_]+$/ },
    },
  ],
};
