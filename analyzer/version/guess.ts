import { guessFwupdFormat } from './fwupd-format.js';
import { normalizeText } from './text.js';
import type { VersionScheme } from './types.js';

export interface SchemeHints {
  /** PCI vendor ID, as a number or hex text (`0x15b3`, `15b3`). */
  vendorId?: number | string;
  /** Kernel driver name as ethtool or sysfs shows it; a `[...]` suffix such as `mlx5_core[ib_ipoib]` is ignored. */
  driver?: string;
  /** What the version belongs to: `microcode`, `bios`, … */
  component?: string;
}

/**
 * Which scheme a version of a known component, driver or PCI vendor is read with: declared by the classes
 * that know those devices (`versionSchemes` in analyzer/classes/<name>/index.ts), merged by SCHEME_GUIDES.
 */
export interface SchemeGuides {
  /** By component name, lower case (`microcode`, `bios`). */
  components?: Readonly<Record<string, VersionScheme>>;
  /** By kernel driver name. */
  drivers?: Readonly<Record<string, VersionScheme>>;
  /** By a pattern of driver names (`^[sp]ata_`), after the exact names. */
  driverPatterns?: readonly (readonly [RegExp, VersionScheme])[];
  /** By PCI vendor id, last. */
  vendors?: Readonly<Record<number, VersionScheme>>;
}

const own = <T>(rec: Readonly<Record<string | number, T>> | undefined, key: string | number): T | undefined =>
  rec && Object.hasOwn(rec, key) ? rec[key] : undefined;

function vendorNumber(id: number | string | undefined): number | undefined {
  if (typeof id === 'number') return id;
  if (typeof id !== 'string' || !/^(?:0x)?[0-9a-f]{1,4}$/i.test(id.trim())) return undefined;
  return Number.parseInt(id.trim().replace(/^0x/i, ''), 16);
}

/**
 * The scheme an analyzer should compare a version with: from the component, then the driver (exact, then by
 * pattern), then the PCI vendor, as `guides` say; otherwise fwupd's guess from the string's shape (`number`,
 * `hex`, `pair`, `triplet`, `quad`, `plain`, or `dotted` for fwupd's unknown).
 */
export function guessScheme(raw: string, hints: SchemeHints = {}, guides: SchemeGuides = {}): VersionScheme {
  const component = hints.component?.trim().toLowerCase();
  const byComponent = component ? own(guides.components, component) : undefined;
  if (byComponent) return byComponent;
  const driver = hints.driver?.trim().toLowerCase().replace(/\[.*\]$/, '');
  if (driver) {
    const byDriver = own(guides.drivers, driver) ?? guides.driverPatterns?.find(([re]) => re.test(driver))?.[1];
    if (byDriver) return byDriver;
  }
  const vendor = vendorNumber(hints.vendorId);
  const byVendor = vendor !== undefined ? own(guides.vendors, vendor) : undefined;
  if (byVendor) return byVendor;
  return guessFwupdFormat(normalizeText(typeof raw === 'string' ? raw : ''));
}
