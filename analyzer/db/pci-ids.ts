import { closeSync, openSync, readSync } from 'node:fs';

/** Where distributions install pci.ids (Debian `pci.ids`, Fedora/Arch `hwdata`). */
export const PCI_IDS_PATHS = ['/usr/share/misc/pci.ids', '/usr/share/hwdata/pci.ids', '/usr/share/pci.ids', '/usr/local/share/pci.ids'] as const;

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

const VENDOR = /^([0-9a-f]{4}) {2}(.+)$/;
const DEVICE = /^\t([0-9a-f]{4}) {2}(.+)$/;
const SUBSYSTEM = /^\t\t([0-9a-f]{4}) ([0-9a-f]{4}) {2}(.+)$/;
const CHUNK = 64 * 1024;
const NONE: PciIdNames = { vendor: null, device: null, subsystemVendor: null, subsystem: null };

/** Calls fn for each line of a file, reading it in chunks (the file is ~1.3 MB). Stops when fn returns false. */
function forEachLine(path: string, fn: (line: string) => boolean): void {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(CHUNK);
    let rest = Buffer.alloc(0);
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      let data = n > 0 ? Buffer.concat([rest, buf.subarray(0, n)]) : rest;
      let nl: number;
      while ((nl = data.indexOf(0x0a)) >= 0) {
        if (!fn(data.subarray(0, nl).toString('utf8').replace(/\r$/, ''))) return;
        data = data.subarray(nl + 1);
      }
      if (n <= 0) {
        if (data.length) fn(data.toString('utf8'));
        return;
      }
      rest = Buffer.from(data);
    }
  } finally {
    closeSync(fd);
  }
}

/** The vendor, device and subsystem sections of pci.ids; the class section after them is not read. */
function readIndex(path: string): Map<number, VendorEntry> {
  const vendors = new Map<number, VendorEntry>();
  let vendor: VendorEntry | undefined;
  let device: DeviceEntry | undefined;
  forEachLine(path, (line) => {
    if (line.startsWith('C ')) return false;
    if (line === '' || line.startsWith('#')) return true;
    let m: RegExpMatchArray | null;
    if ((m = line.match(VENDOR))) {
      vendor = { name: m[2]!, devices: new Map() };
      vendors.set(parseInt(m[1]!, 16), vendor);
      device = undefined;
    } else if (vendor && (m = line.match(DEVICE))) {
      device = { name: m[2]! };
      vendor.devices.set(parseInt(m[1]!, 16), device);
    } else if (device && (m = line.match(SUBSYSTEM))) {
      (device.subsystems ??= new Map()).set(((parseInt(m[1]!, 16) << 16) | parseInt(m[2]!, 16)) >>> 0, m[3]!);
    }
    return true;
  });
  return vendors;
}

/** Names for PCI ids from the system pci.ids, read on the first lookup and kept. A missing file gives null names. */
export class PciIds {
  private index: Map<number, VendorEntry> | null | undefined;
  private from: string | null = null;

  constructor(private readonly paths: readonly string[] = PCI_IDS_PATHS) {}

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

  private load(): Map<number, VendorEntry> | null {
    if (this.index !== undefined) return this.index;
    this.index = null;
    for (const p of this.paths) {
      try {
        this.index = readIndex(p);
        this.from = p;
        break;
      } catch {
        // Not installed here; try the next place.
      }
    }
    return this.index;
  }
}

let shared: PciIds | undefined;

/** One PciIds over the system paths, shared by every load in this process. */
export function systemPciIds(): PciIds {
  return (shared ??= new PciIds());
}
