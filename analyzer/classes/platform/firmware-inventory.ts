import type { Dmidecode } from './dmidecode.js';
import { decodeFirmwareInventory } from './firmware-inventory-bytes.js';

/**
 * One SMBIOS type 45 structure (Firmware Inventory Information, SMBIOS 3.5, DSP0134 7.46) as dmidecode prints it:
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

/**
 * Each type 45 structure of a dmidecode output: as dmidecode 3.5+ prints it (its name, or its type on the Handle
 * line), or as earlier versions (and -u) print it, its bytes and strings, decoded by the specification's layout.
 */
export function firmwareInventoryOf(d: Dmidecode): FirmwareInventoryEntry[] {
  const out: FirmwareInventoryEntry[] = [];
  for (const s of d.structures) {
    const named = s.name === 'Firmware Inventory Information' && (s.type === FIRMWARE_INVENTORY_TYPE || s.type === -1);
    const decoded = named ? undefined : decodeFirmwareInventory(s);
    if (!named && !decoded) continue;
    const { handle, fields, items } = decoded ?? s;
    const f = (k: string): string | undefined => text(fields.get(k));
    const chars = items.get('Characteristics') ?? [];
    const size = f('Image Size');
    out.push({
      handle,
      line: s.line,
      componentName: f('Firmware Component Name'),
      version: f('Firmware Version'),
      firmwareId: f('Firmware ID'),
      releaseDate: f('Release Date'),
      manufacturer: f('Manufacturer'),
      lowestSupportedVersion: f('Lowest Supported Firmware Version'),
      imageSize: size === 'Unknown' ? undefined : size,
      updatable: yesNo(characteristic(chars, fields, 'Updatable')),
      writeProtect: yesNo(characteristic(chars, fields, 'Write-Protect')),
      state: f('State'),
      associated: (items.get('Associated Components') ?? []).filter((h) => HANDLE.test(h)),
    });
  }
  return out;
}
