import type { Dmidecode } from './dmidecode.js';

/**
 * One SMBIOS type 45 structure (Firmware Inventory Information, SMBIOS 3.5, DSP0134 7.46) as dmidecode 3.5+ prints it:
 * a firmware component of the machine (the BIOS, the BMC, a TPM's, an adapter's) with its version. Only what the
 * output says: a string dmidecode prints as `Not Specified` (or cannot read) is left out.
 */
export interface FirmwareInventoryEntry {
  /** The structure's handle as printed (`0x000A`), or '' where the copy has no Handle line (`-q`). */
  handle: string;
  /** 1-based line number of the structure's first line. */
  line: number;
  componentName?: string;
  version?: string;
  firmwareId?: string;
  releaseDate?: string;
  manufacturer?: string;
  lowestSupportedVersion?: string;
  /** As printed (`64 MB`); left out where dmidecode says `Unknown`. */
  imageSize?: string;
  updatable?: boolean;
  writeProtect?: boolean;
  /** As printed: Enabled, Disabled, Absent, Standby (Offline)… */
  state?: string;
  /** The handles of the structures the firmware belongs to (a processor, a TPM, a slot), as printed. */
  associated: string[];
}

export const FIRMWARE_INVENTORY_TYPE = 45;

/** What dmidecode prints for a string the table leaves empty (index 0), or cannot read. */
const NO_STRING = /^(?:|Not Specified|<BAD INDEX>|<OUT OF SPEC>|Not Present)$/;
const HANDLE = /^0x[0-9A-Fa-f]{4}$/;

const text = (v: string | undefined): string | undefined => (v === undefined || NO_STRING.test(v) ? undefined : v);
const yesNo = (v: string | undefined): boolean | undefined => (v === 'Yes' ? true : v === 'No' ? false : undefined);

/** A characteristic (`Updatable: Yes`) from the list under Characteristics, or a field where a page lost the list's indent. */
function characteristic(items: readonly string[], fields: ReadonlyMap<string, string>, name: string): string | undefined {
  for (const item of items) {
    const m = /^([^:]+):\s*(.*)$/.exec(item);
    if (m && m[1]!.trim() === name) return m[2]!.trim();
  }
  return fields.get(name);
}

/** Each type 45 structure of a dmidecode output (its name printed as dmidecode 3.5+ names it, or its type on the Handle line). */
export function firmwareInventoryOf(d: Dmidecode): FirmwareInventoryEntry[] {
  const out: FirmwareInventoryEntry[] = [];
  for (const s of d.structures) {
    // dmidecode before 3.5 prints a type 45 as `Unknown Type` and its bytes: nothing read here.
    if (s.name !== 'Firmware Inventory Information' || (s.type !== FIRMWARE_INVENTORY_TYPE && s.type !== -1)) continue;
    const f = (k: string): string | undefined => text(s.fields.get(k));
    const chars = s.items.get('Characteristics') ?? [];
    const size = f('Image Size');
    out.push({
      handle: s.handle,
      line: s.line,
      componentName: f('Firmware Component Name'),
      version: f('Firmware Version'),
      firmwareId: f('Firmware ID'),
      releaseDate: f('Release Date'),
      manufacturer: f('Manufacturer'),
      lowestSupportedVersion: f('Lowest Supported Firmware Version'),
      imageSize: size === 'Unknown' ? undefined : size,
      updatable: yesNo(characteristic(chars, s.fields, 'Updatable')),
      writeProtect: yesNo(characteristic(chars, s.fields, 'Write-Protect')),
      state: f('State'),
      associated: (s.items.get('Associated Components') ?? []).filter((h) => HANDLE.test(h)),
    });
  }
  return out;
}
