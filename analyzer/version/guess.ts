import { guessFwupdFormat } from './fwupd-format.js';
import { normalizeText } from './text.js';
import type { VersionScheme } from './types.js';

export interface SchemeHints {
  /** PCI vendor ID, as a number or hex text (`0x15b3`, `15b3`). */
  vendorId?: number | string;
  /** Kernel driver name as ethtool or sysfs shows it; a `[...]` suffix such as `mlx5_core[ib_ipoib]` is ignored. */
  driver?: string;
  /** What the version belongs to: `microcode`, `bios`, `nvme`, `ata`, … */
  component?: string;
}

const BY_COMPONENT: Record<string, VersionScheme> = {
  microcode: 'microcode',
  'cpu-microcode': 'microcode',
  ucode: 'microcode',
  bios: 'dmi-bios',
  'dmi-bios': 'dmi-bios',
  smbios: 'dmi-bios',
  'system-firmware': 'dmi-bios',
  nvme: 'nvme',
  ata: 'ata',
  sata: 'ata',
};

const BY_DRIVER: Record<string, VersionScheme> = {
  mlx5_core: 'mlx5',
  mlx5_ib: 'mlx5',
  mlx4_core: 'mlx5',
  mlx4_en: 'mlx5',
  mlx4_ib: 'mlx5',
  i40e: 'intel-nvm',
  ice: 'intel-nvm',
  bnxt_en: 'bnxt',
  bnxt_re: 'bnxt',
  bnx2x: 'bnxt',
  bnx2: 'bnxt',
  nvme: 'nvme',
  ahci: 'ata',
  ata_piix: 'ata',
  libata: 'ata',
};

const VENDOR_MELLANOX = 0x15b3;

function vendorNumber(id: number | string | undefined): number | undefined {
  if (typeof id === 'number') return id;
  if (typeof id !== 'string' || !/^(?:0x)?[0-9a-f]{1,4}$/i.test(id.trim())) return undefined;
  return Number.parseInt(id.trim().replace(/^0x/i, ''), 16);
}

/**
 * The scheme an analyzer should compare a version with: from the component, then the driver (ata for any
 * sata_/pata_ driver), then the PCI vendor (Mellanox only), and otherwise fwupd's guess from the string's shape
 * (`number`, `hex`, `pair`, `triplet`, `quad`, `plain`, or `dotted` for fwupd's unknown).
 */
export function guessScheme(raw: string, hints: SchemeHints = {}): VersionScheme {
  const component = hints.component?.trim().toLowerCase();
  if (component && BY_COMPONENT[component]) return BY_COMPONENT[component];
  const driver = hints.driver?.trim().toLowerCase().replace(/\[.*\]$/, '');
  if (driver && BY_DRIVER[driver]) return BY_DRIVER[driver];
  if (driver && /^[sp]ata_/.test(driver)) return 'ata';
  if (vendorNumber(hints.vendorId) === VENDOR_MELLANOX) return 'mlx5';
  return guessFwupdFormat(normalizeText(typeof raw === 'string' ? raw : ''));
}
