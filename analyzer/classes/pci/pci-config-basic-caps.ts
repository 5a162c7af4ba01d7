import { bit, field, type ConfigBytes } from './pci-config-bytes.js';

/** Power Management (id 0x01). */
export interface PowerManagementFields {
  kind: 'pm';
  version: number;
  pmeClock: boolean;
  dsi: boolean;
  auxCurrentMa: number;
  d1: boolean;
  d2: boolean;
  /** States from which PME# can be signalled. */
  pmeFrom: string[];
  powerState: 'D0' | 'D1' | 'D2' | 'D3hot';
  noSoftReset: boolean;
  pmeEnable: boolean;
  pmeStatus: boolean;
}

/** MSI (id 0x05). Vector counts are numbers of vectors, not the log2 codes. */
export interface MsiFields {
  kind: 'msi';
  enable: boolean;
  vectorsCapable: number;
  vectorsEnabled: number;
  address64: boolean;
  perVectorMasking: boolean;
}

/** MSI-X (id 0x11). */
export interface MsixFields {
  kind: 'msix';
  enable: boolean;
  functionMask: boolean;
  tableSize: number;
  tableBar: number;
  tableOffset: number;
  pbaBar: number;
  pbaOffset: number;
}

/** Vital Product Data (id 0x03): only its presence; the contents are read through sysfs vpd. */
export interface VpdFields {
  kind: 'vpd';
}

const AUX_CURRENT_MA = [0, 55, 100, 160, 220, 270, 320, 375] as const;
const PME_STATES = ['D0', 'D1', 'D2', 'D3hot', 'D3cold'] as const;
const POWER_STATES = ['D0', 'D1', 'D2', 'D3hot'] as const;

export function decodePowerManagement(c: ConfigBytes, at: number): PowerManagementFields {
  const pmc = c.u16(at + 2);
  const csr = c.u16(at + 4);
  return {
    kind: 'pm',
    version: field(pmc, 2, 0),
    pmeClock: bit(pmc, 3),
    dsi: bit(pmc, 5),
    auxCurrentMa: AUX_CURRENT_MA[field(pmc, 8, 6)]!,
    d1: bit(pmc, 9),
    d2: bit(pmc, 10),
    pmeFrom: PME_STATES.filter((_, i) => bit(pmc, 11 + i)),
    powerState: POWER_STATES[field(csr, 1, 0)]!,
    noSoftReset: bit(csr, 3),
    pmeEnable: bit(csr, 8),
    pmeStatus: bit(csr, 15),
  };
}

export function decodeMsi(c: ConfigBytes, at: number): MsiFields {
  const ctl = c.u16(at + 2);
  return {
    kind: 'msi',
    enable: bit(ctl, 0),
    vectorsCapable: 1 << field(ctl, 3, 1),
    vectorsEnabled: 1 << field(ctl, 6, 4),
    address64: bit(ctl, 7),
    perVectorMasking: bit(ctl, 8),
  };
}

export function decodeMsix(c: ConfigBytes, at: number): MsixFields {
  const ctl = c.u16(at + 2);
  const table = c.u32(at + 4);
  const pba = c.u32(at + 8);
  return {
    kind: 'msix',
    enable: bit(ctl, 15),
    functionMask: bit(ctl, 14),
    tableSize: field(ctl, 10, 0) + 1,
    tableBar: field(table, 2, 0),
    tableOffset: (table & ~7) >>> 0,
    pbaBar: field(pba, 2, 0),
    pbaOffset: (pba & ~7) >>> 0,
  };
}

export function decodeVpd(c: ConfigBytes, at: number): VpdFields {
  c.u32(at);
  return { kind: 'vpd' };
}
