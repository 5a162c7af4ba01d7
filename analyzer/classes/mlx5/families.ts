/**
 * PCI device IDs of NVIDIA/Mellanox physical functions and the firmware major number of their family
 * (analyzer-facts §2.3.1: "the major names the family"; names as in pci.ids).
 */
export interface MlxFamily {
  name: string;
  fwMajor: number;
}

export const MLX_FAMILIES: ReadonlyMap<number, MlxFamily> = new Map([
  [0x1003, { name: 'ConnectX-3', fwMajor: 2 }],
  [0x1007, { name: 'ConnectX-3 Pro', fwMajor: 2 }],
  [0x1011, { name: 'Connect-IB', fwMajor: 10 }],
  [0x1013, { name: 'ConnectX-4', fwMajor: 12 }],
  [0x1015, { name: 'ConnectX-4 Lx', fwMajor: 14 }],
  [0x1017, { name: 'ConnectX-5', fwMajor: 16 }],
  [0x1019, { name: 'ConnectX-5 Ex', fwMajor: 16 }],
  [0xa2d2, { name: 'BlueField', fwMajor: 18 }],
  [0x101b, { name: 'ConnectX-6', fwMajor: 20 }],
  [0x101d, { name: 'ConnectX-6 Dx', fwMajor: 22 }],
  [0xa2d6, { name: 'BlueField-2', fwMajor: 24 }],
  [0x101f, { name: 'ConnectX-6 Lx', fwMajor: 26 }],
  [0x1021, { name: 'ConnectX-7', fwMajor: 28 }],
  [0xa2dc, { name: 'BlueField-3', fwMajor: 32 }],
  // pci.ids "CX8 Family [ConnectX-8]"; its firmware is 40.x (NVIDIA's fw-ConnectX8-rel-40_* images, listed against
  // device 1023 in Mellanox/nic-configuration-operator's supported-nic-firmware table).
  [0x1023, { name: 'ConnectX-8', fwMajor: 40 }],
]);

/**
 * NVIDIA/Mellanox switch ASICs, by the device ID mstflint knows them by (dev_mgt/tools_dev_types.c `sw_dev_id`, which
 * the mst node of a switch reached in band spells in decimal: `SW_MT52000_SwitchIB…`), with their firmware major
 * (mlxfwops/lib/fw_version.cpp: 13 Spectrum, 15 SwitchIB2, 27 Quantum, 29 Spectrum2, 30 Spectrum3, 31 Quantum2,
 * 34 Spectrum4, 35 Quantum3, 37 Spectrum5, 39 Spectrum6; 11 SwitchIB). A switch has no PCI function on a host: these
 * only name a device a saved flint query shows.
 */
export const MLX_SWITCH_FAMILIES: ReadonlyMap<number, MlxFamily> = new Map([
  [52000, { name: 'Switch-IB', fwMajor: 11 }],
  [52100, { name: 'Spectrum', fwMajor: 13 }],
  [53000, { name: 'Switch-IB 2', fwMajor: 15 }],
  [53100, { name: 'Spectrum-2', fwMajor: 29 }],
  [53104, { name: 'Spectrum-3', fwMajor: 30 }],
  [53120, { name: 'Spectrum-4', fwMajor: 34 }],
  [53122, { name: 'Spectrum-5', fwMajor: 37 }],
  [53124, { name: 'Spectrum-6', fwMajor: 39 }],
  [54000, { name: 'Quantum', fwMajor: 27 }],
  [54002, { name: 'Quantum-2', fwMajor: 31 }],
  [54004, { name: 'Quantum-3', fwMajor: 35 }],
]);

/** The adapter or switch family of a device ID (`0x1007` ConnectX-3 Pro; 52000 Switch-IB). */
export const familyOfDeviceId = (id: number): MlxFamily | undefined => MLX_FAMILIES.get(id) ?? MLX_SWITCH_FAMILIES.get(id);

/** The family a firmware major belongs to (several device IDs may share one). */
export function familiesOfMajor(major: number): string[] {
  return [...MLX_FAMILIES.values(), ...MLX_SWITCH_FAMILIES.values()].filter((f) => f.fwMajor === major).map((f) => f.name);
}

/** `22.39.1002`, `22.39.1002 (MT_0000000359)` → 22. */
export function fwMajor(version: string): number | undefined {
  const m = /^\s*(\d+)\.\d+\.\d+/.exec(version);
  return m ? Number(m[1]) : undefined;
}
