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

/** The family a firmware major belongs to (several device IDs may share one). */
export function familiesOfMajor(major: number): string[] {
  return [...MLX_FAMILIES.values()].filter((f) => f.fwMajor === major).map((f) => f.name);
}

/** `22.39.1002`, `22.39.1002 (MT_0000000359)` → 22. */
export function fwMajor(version: string): number | undefined {
  const m = /^\s*(\d+)\.\d+\.\d+/.exec(version);
  return m ? Number(m[1]) : undefined;
}
