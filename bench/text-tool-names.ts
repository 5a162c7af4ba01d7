/** Saved names of text outputs across the classes (docs/bundle-format.md), each routed to its own parser. */
export const TEXT_TOOL_NAMES = [
  'ethtool/-i_eth0.out', 'devlink/dev_info.out', 'lspci/-D_-vvv.out', 'lscpu/_.out', 'ibv_devinfo/_.out', 'ibstat/_.out',
  'flint/-d_03:00.0_q.out', 'mstflint/-d_3b:00.0_q.out', 'mlxconfig/-e_-d_0000:3b:00.0_q.out', 'mlxfwmanager/--query.out',
  'mlxlink/-d_%2fdev%2fmst%2fmt52100_pci_cr0_-p_2_-m.out', 'hdparm/-I_%2fdev%2fsdb.out', 'smartctl/-x_%2fdev%2fsda.out',
  'lsblk/-o_NAME,MODEL,REV,SERIAL.out', 'lsscsi/-g.out', 'sdparm/--long_%2fdev%2fsdc.out', 'sg_inq/%2fdev%2fsg2.out',
  'nvme/list_-v.out', 'nvme/id-ctrl_%2fdev%2fnvme0n1_-H.out', 'nvme/fw-log_%2fdev%2fnvme2n1.out', 'efibootmgr/-v.out',
  'dmidecode/_.out', 'fwupdmgr/get-devices.out', 'nvidia-smi/-q.out', 'rocm-smi/-a.out', 'amd-smi/static.out',
];
