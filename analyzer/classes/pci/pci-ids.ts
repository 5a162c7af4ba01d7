import { readFileSync } from 'node:fs';
import { PCI_IDS_PATHS } from '../../../collector/classes/pci/attributes.js';

export interface PciIdQuery {
  vendorId: number;
  deviceId?: number | null;
  subsystemVendorId?: number | null;
  subsystemDeviceId?: number | null;
}

/**
 * Names from pci.ids; null where the file has none (or there is no file). Like lspci, a subsystem that
 * repeats the function's own ids is named after the device.
 */
export interface PciIdNames {
  vendor: string | null;
  device: string | null;
  subsystemVendor: string | null;
  subsystem: string | null;
}

interface DeviceEntry {
  name: string;
  /** Keyed by subsystemVendor << 16 | subsystemDevice. */
  subsystems?: Map<number, string>;
}

interface VendorEntry {
  name: string;
  devices: Map<number, DeviceEntry>;
}

const DEVICE = /^\t([0-9a-f]{4}) {2}(.+)$/;
const SUBSYSTEM = /^\t\t([0-9a-f]{4}) ([0-9a-f]{4}) {2}(.+)$/;
const NONE: PciIdNames = { vendor: null, device: null, subsystemVendor: null, subsystem: null };

/**
 * The vendor, device and subsystem sections of pci.ids (~1.3 MB), kept as text; a vendor's block is parsed
 * the first time it is asked for, since a bundle names a handful of the file's thousands of vendors.
 */
class VendorIndex {
  private readonly vendors = new Map<number, VendorEntry | null>();
  private readonly text: string;

  constructor(text: string) {
    const classes = text.indexOf('\nC ');
    this.text = '\n' + (classes >= 0 ? text.slice(0, classes + 1) : text);
  }

  get(id: number): VendorEntry | undefined {
    let v = this.vendors.get(id);
    if (v === undefined) this.vendors.set(id, (v = this.parse(id)));
    return v ?? undefined;
  }

  private parse(id: number): VendorEntry | null {
    const hex = id.toString(16).padStart(4, '0');
    const at = this.text.indexOf(`\n${hex}  `);
    if (at < 0) return null;
    const lines = this.text.slice(at + 1).split('\n');
    const vendor: VendorEntry = { name: lines[0]!.slice(6).replace(/\r$/, ''), devices: new Map() };
    let device: DeviceEntry | undefined;
    for (const raw of lines.slice(1)) {
      const line = raw.replace(/\r$/, '');
      if (line === '' || line.startsWith('#')) continue;
      if (!line.startsWith('\t')) break;
      let m: RegExpMatchArray | null;
      if ((m = line.match(DEVICE))) {
        device = { name: m[2]! };
        vendor.devices.set(parseInt(m[1]!, 16), device);
      } else if (device && (m = line.match(SUBSYSTEM))) {
        (device.subsystems ??= new Map()).set(((parseInt(m[1]!, 16) << 16) | parseInt(m[2]!, 16)) >>> 0, m[3]!);
      }
    }
    return vendor;
  }
}

/** Names for PCI ids from the system pci.ids, read on the first lookup and kept. A missing file gives null names. */
export class PciIds {
  private index: VendorIndex | null | undefined;
  private from: string | null = null;

  constructor(private readonly paths: readonly string[] = PCI_IDS_PATHS) {}

  /** Names from a pci.ids already read (e.g. the host's copy in a bundle). */
  static fromText(text: string, source: string): PciIds {
    const ids = new PciIds([]);
    ids.index = new VendorIndex(text);
    ids.from = source;
    return ids;
  }

  /** The file the names come from, or null when none of the paths could be read. */
  get source(): string | null {
    this.load();
    return this.from;
  }

  lookup(q: PciIdQuery): PciIdNames {
    const index = this.load();
    if (!index) return NONE;
    const vendor = index.get(q.vendorId);
    const device = q.deviceId == null ? undefined : vendor?.devices.get(q.deviceId);
    const sv = q.subsystemVendorId;
    const sd = q.subsystemDeviceId;
    const hasSub = sv != null && sd != null && !(sv === 0 && sd === 0);
    return {
      vendor: vendor?.name ?? null,
      device: device?.name ?? null,
      subsystemVendor: hasSub ? (index.get(sv)?.name ?? null) : null,
      subsystem: hasSub ? (device?.subsystems?.get(((sv << 16) | sd) >>> 0) ?? (sv === q.vendorId && sd === q.deviceId ? device?.name : null) ?? null) : null,
    };
  }

  private load(): VendorIndex | null {
    if (this.index !== undefined) return this.index;
    this.index = null;
    for (const p of this.paths) {
      try {
        this.index = new VendorIndex(readFileSync(p, 'utf8'));
        this.from = p;
        break;
      } catch {
        // Not installed here; try the next place.
      }
    }
    return this.index;
  }
}

/** The `# Version: 2024.01.20` line pci.ids opens with. */
export function pciIdsVersion(data: Buffer): string | null {
  return /^#\s*Version:\s*(\S+)/m.exec(data.subarray(0, 4096).toString('latin1'))?.[1] ?? null;
}

let shared: PciIds | undefined;

/** One PciIds over the system paths, shared by every load in this process. */
export function systemPciIds(): PciIds {
  return (shared ??= new PciIds());
}
