import type { FleetHostPart } from '../../bench/fleet/host-part.js';

const CONNECTX = { vendor: 0x15b3, device: 0x101d, psid: 'MT_0000000359', fw: '22.39.1002', old: '22.36.1010' };

/**
 * A ConnectX-6 Dx on most hosts: firmware and PSID (mstflint), NV configuration (mstconfig), its PCIe link, its
 * netdev; an older firmware, another NUM_OF_VFS or a narrower link on a few.
 */
export const mlx5FleetPart: FleetHostPart = {
  sources: ['pci', 'nic', 'mlx5'],
  devices: ({ r, odd }) => {
    if (!(r() < 0.7)) return [];
    const fw = odd(0.04, 'connectx firmware') ? CONNECTX.old : CONNECTX.fw;
    const vfs = odd(0.04, 'nv NUM_OF_VFS') ? 16 : 8;
    const width = odd(0.04, 'pcie link') ? 8 : 16;
    return [
      {
        key: '0000:3b:00.0',
        class: 'pci',
        vendor_id: CONNECTX.vendor,
        device_id: CONNECTX.device,
        firmware: [{ component: 'firmware', version: fw, state: 'running' }, { component: 'psid', version: CONNECTX.psid, state: 'fixed' }],
        settings: [
          { namespace: 'mlxconfig', key: 'SRIOV_EN', value: 1, mode: 'current' },
          { namespace: 'mlxconfig', key: 'NUM_OF_VFS', value: vfs, mode: 'current' },
        ],
        links: [{ source: 'config', speed_gts: 16, width, max_speed_gts: 16, max_width: 16 }],
      },
      { key: 'net:ens1f0np0', class: 'net', pci_address: '0000:3b:00.0', driver: 'mlx5_core', firmware: { firmware: `${fw} (${CONNECTX.psid})` } },
    ];
  },
};
