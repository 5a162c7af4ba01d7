import type { LineIssue } from '../../parsers/text-input.js';

/** One device line of `lsscsi` (any of its listing options: -i adds the udev id, -g the sg node, -s the size, -w/-t transport). */
export interface LsscsiDevice {
  hctl: string;
  /** The peripheral type as lsscsi names it (disk, tape, cd/dvd, enclosu, storage…). */
  type: string;
  /** The peripheral device type number of that name (SPC), null for a name lsscsi does not give a number. */
  typeNumber: number | null;
  vendor: string;
  model: string;
  rev: string;
  /** The primary device node, `-` when there is none. */
  node: string;
  /** The columns lsscsi printed after the node (`-i`: the udev ID_SERIAL, `-g`: /dev/sgN, `-s`: size). */
  extra: string[];
}

export interface Lsscsi {
  devices: LsscsiDevice[];
  /** `lsscsi -H`: host number and driver (proc_name). */
  hosts: { host: number; driver: string }[];
  issues: LineIssue[];
}

/** lsscsi's short names of the SCSI peripheral device types, by number (lsscsi.c scsi_short_device_types). */
const TYPES = ['disk', 'tape', 'printer', 'process', 'worm', 'cd/dvd', 'scanner', 'optical', 'mediumx', 'comms', '(0xa)', '(0xb)', 'storage', 'enclosu', 'sim dsk', 'opti rd', 'bridge', 'osd', 'adi', 'sec man', 'zbc'];

/**
 * `[H:C:T:L]` padded to 13 columns, the type padded to 7, then INQUIRY vendor (8), product (16) and revision (4),
 * each followed by one space, as sysfs gives them (lsscsi prints them padded): read by position, since vendor and
 * product may hold spaces. Host lines (`lsscsi -H`: `[0]    ahci`) give the host's driver; NVMe lines (`[N:…]`) are
 * not SCSI devices and are skipped; any other line is an issue.
 */
export function parseLsscsi(text: string): Lsscsi {
  const out: Lsscsi = { devices: [], hosts: [], issues: [] };
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '').replace(/\s+$/, '');
    if (line === '' || /^\[N:\d+:\d+:\d+\]/.test(line)) return;
    const host = /^\[(\d+)\]\s+(\S+)/.exec(line);
    if (host) {
      out.hosts.push({ host: Number(host[1]), driver: host[2]! });
      return;
    }
    const m = /^\[(\d+:\d+:\d+:\d+)\] */.exec(line);
    const t0 = m ? m[0].length : 0;
    const at = (from: number, length: number): string => line.slice(t0 + from, t0 + from + length);
    if (!m || line.length < t0 + 38 || at(7, 1) !== ' ' || at(16, 1) !== ' ' || at(33, 1) !== ' ') {
      out.issues.push({ line: i + 1, text: line, message: 'not an lsscsi device line ([H:C:T:L] type vendor model rev node)' });
      return;
    }
    const type = at(0, 7).trim();
    const n = TYPES.indexOf(type);
    const hex = /^\(0x([0-9a-f]+)\)$/.exec(type);
    const tail = line.slice(t0 + 38).trim().split(/\s+/).filter(Boolean);
    out.devices.push({
      hctl: m[1]!,
      type,
      typeNumber: n >= 0 ? n : hex ? parseInt(hex[1]!, 16) : null,
      vendor: at(8, 8).trim(),
      model: at(17, 16).trim(),
      rev: at(34, 4).trim(),
      node: tail[0] ?? '-',
      extra: tail.slice(1),
    });
  });
  return out;
}
