import type { LoadContext } from '../../load/types.js';
import { cleanText, type LineIssue } from '../../parsers/text-input.js';

/**
 * `udevadm info -a` (`--attribute-walk`, and the older `udevinfo -a -p`): udev's walk from one device up the chain of
 * its parents, each device's match keys and sysfs attributes as udev rules write them (src/udev/udevadm-info.c
 * print_all_attributes): `looking at device '/devices/…':` then `KERNEL==`, `SUBSYSTEM==`, `DRIVER==` and `ATTR{name}==`
 * lines; each parent the same under `looking at parent device '…':` with the plural keys (`KERNELS==`, `ATTRS{…}==`).
 */
export interface WalkDevice {
  line: number;
  /** The devpath as printed (`/devices/pci0000:00/0000:00:11.0/0000:02:01.0`). */
  devpath: string;
  /** The walk's own device (the first), or a parent of it. */
  parent: boolean;
  kernel: string | null;
  subsystem: string | null;
  /** The bound driver's name; null when udev printed `""` (none bound) or no such line. */
  driver: string | null;
  attrs: Record<string, string>;
}

export interface UdevadmWalk {
  /** Devices in the order printed: each walk's own device, then its parents upwards. */
  devices: WalkDevice[];
  issues: LineIssue[];
}

const HEAD = /^looking at (parent )?device '([^']+)':?$/;
const KEY = /^(KERNEL|SUBSYSTEM|DRIVER)S?=="(.*)"$/;
const ATTR = /^ATTRS?\{([^}]+)\}=="(.*)"$/;
/** udevadm's explanation printed above the walk. */
const BANNER = [
  /^Udevadm info starts with the device specified by the devpath and then$/,
  /^walks up the chain of parent devices\. It prints for every device$/,
  /^found, all possible attributes in the udev rules key format\.$/,
  /^A rule to match, can be composed by the attributes of the device$/,
  /^and the attributes from one single parent device\.$/,
];

export function parseUdevadmWalk(text: string): UdevadmWalk {
  const out: UdevadmWalk = { devices: [], issues: [] };
  let at: WalkDevice | undefined;
  for (const { no, text: raw } of cleanText(text).lines) {
    const line = raw.trim();
    if (line === '' || BANNER.some((b) => b.test(line))) continue;
    const head = HEAD.exec(line);
    if (head) {
      at = { line: no, devpath: head[2]!, parent: head[1] !== undefined, kernel: null, subsystem: null, driver: null, attrs: {} };
      out.devices.push(at);
      continue;
    }
    const key = KEY.exec(line);
    const attr = key ? null : ATTR.exec(line);
    if (!at || (!key && !attr)) {
      out.issues.push({ line: no, text: line, message: at ? 'not a udevadm info -a KEY=="value" or ATTR{name}=="value" line' : 'not under a "looking at device" line of udevadm info -a' });
      continue;
    }
    if (key) {
      const value = key[2]!;
      if (key[1] === 'KERNEL') at.kernel = value;
      else if (key[1] === 'SUBSYSTEM') at.subsystem = value === '' ? null : value;
      else at.driver = value === '' ? null : value;
    } else at.attrs[attr![1]!] = attr![2]!;
  }
  return out;
}

const BDF = /^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;

/** A PCI function of a walk: its address is the device's kernel name. */
export const isPciFunction = (d: WalkDevice): boolean => d.subsystem === 'pci' && d.kernel !== null && BDF.test(d.kernel);

/** The walk each device belongs to: from a device that is no parent up to the next such device. */
export function walksOf(devices: readonly WalkDevice[]): WalkDevice[][] {
  const walks: WalkDevice[][] = [];
  for (const d of devices) {
    if (!d.parent || walks.length === 0) walks.push([d]);
    else walks[walks.length - 1]!.push(d);
  }
  return walks;
}

/**
 * `cmd/udevadm/<args>.out`: a pasted or saved `udevadm info -a`, replayed by the pci source; the pci and nic classes
 * take their facts from it. udev's walk from a SCSI host (sos's scsi plugin, `info_-a_…scsi_host…`) is the ata class's own.
 */
export const UDEVADM_WALK = /^cmd\/udevadm\/(?![^/]*scsi_host)[^/]*\.out$/;

/** The stored walks, each with its artifact's name, read from their text (the pci loader parses them for the record). */
export function udevadmWalks(ctx: LoadContext): { name: string; walk: UdevadmWalk }[] {
  return ctx.names(UDEVADM_WALK).flatMap((name) => {
    const text = ctx.text(name);
    return text === undefined ? [] : [{ name, walk: parseUdevadmWalk(text) }];
  });
}
