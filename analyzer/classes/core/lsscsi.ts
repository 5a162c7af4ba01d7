import { cleanText, type LineIssue } from '../../parsers/text-input.js';

// In core: the scsi class reads its devices from it and the ata class the SATA drives it names.

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
  /** `lsscsi -t`: the transport and its address in place of the INQUIRY strings (`sas:0x5000c500a1b2c3d5`, `sata:`, `usb: 1-1:1.0`). */
  transport?: string;
}

export interface Lsscsi {
  devices: LsscsiDevice[];
  /** `lsscsi -H`: host number and driver (proc_name). */
  hosts: { host: number; driver: string }[];
  issues: LineIssue[];
}

/** lsscsi's short names of the SCSI peripheral device types, by number (lsscsi.c scsi_short_device_types). */
const TYPES = ['disk', 'tape', 'printer', 'process', 'worm', 'cd/dvd', 'scanner', 'optical', 'mediumx', 'comms', '(0xa)', '(0xb)', 'storage', 'enclosu', 'sim dsk', 'opti rd', 'bridge', 'osd', 'adi', 'sec man', 'zbc'];

/** lsscsi's transport names (`-t`): what its first word before the colon may be. */
const TRANSPORT = /^(?:sas|sata|ata|usb|fc|iqn|sbp|spi|srp|fcoe|pcie|nvme|virtio|xen|vhost|iscsi|ibm_vscsi|ipr|[a-z][a-z0-9_]*):/i;
/** A node column: `/dev/sda`, `/dev/sg0`, `-`. */
const NODE = /^(?:\/dev\/\S+|-)$/;

/** `lsscsi -t`'s line after the type: the transport (which may hold a space, `usb: 1-1:1.0`) up to the node columns. */
function transportLine(rest: string): { transport: string; nodes: string[] } | undefined {
  const words = rest.trim().split(/\s+/);
  const at = words.findIndex((w, i) => i > 0 && NODE.test(w));
  if (!TRANSPORT.test(words[0] ?? '') || at < 0) return undefined;
  return { transport: words.slice(0, at).join(' '), nodes: words.slice(at) };
}

/** A line whose spaces a page collapsed: vendor the first word, revision the word before the node, product between. */
function collapsed(rest: string): { vendor: string; model: string; rev: string; nodes: string[] } | undefined {
  const words = rest.trim().split(/\s+/);
  const at = words.findIndex((w, i) => i >= 2 && NODE.test(w));
  if (at < 2) return undefined;
  return { vendor: words[0]!, model: words.slice(1, at - 1).join(' '), rev: words[at - 1]!, nodes: words.slice(at) };
}

/**
 * `[H:C:T:L]` padded to 13 columns, the type padded to 7, then INQUIRY vendor (8), product (16) and revision (4),
 * each followed by one space, as sysfs gives them (lsscsi prints them padded): read by position, since vendor and
 * product may hold spaces; where a page collapsed the spaces, or tabs moved the columns (a paste's tabs for runs of
 * spaces: the node is then not where the columns put it), by words (vendor first, revision before the node).
 * `lsscsi -t` prints the transport in their place. Host lines (`lsscsi -H`: `[0]    ahci`) give the host's driver; NVMe
 * lines (`[N:…]`) are not SCSI devices and are skipped; prompts and fences are not the tool's (cleanText); any other
 * line is an issue.
 */
export function parseLsscsi(text: string): Lsscsi {
  const out: Lsscsi = { devices: [], hosts: [], issues: [] };
  for (const { no, text: raw } of cleanText(text).lines) {
    const line = raw.replace(/\r$/, '').replace(/\s+$/, '');
    if (line === '' || /^\[N:\d+:\d+:\d+\]/.test(line)) continue;
    const host = /^\[(\d+)\]\s+(\S+)/.exec(line);
    if (host) {
      out.hosts.push({ host: Number(host[1]), driver: host[2]! });
      continue;
    }
    const m = /^\[(\d+:\d+:\d+:\d+)\] */.exec(line);
    const t0 = m ? m[0].length : 0;
    const at = (from: number, length: number): string => line.slice(t0 + from, t0 + from + length);
    const typed = m ? TYPES.find((t) => line.slice(t0).startsWith(`${t} `)) ?? /^\(0x[0-9a-f]+\)(?= )/.exec(line.slice(t0))?.[0] : undefined;
    const rest = m && typed ? line.slice(t0 + typed.length) : '';
    const tr = m && typed ? transportLine(rest) : undefined;
    // By position only where the columns hold: the word after the revision's column, if any, is a node.
    const after = line.slice(t0 + 38).trim();
    const positional = !tr && m && line.length >= t0 + 38 && at(7, 1) === ' ' && at(16, 1) === ' ' && at(33, 1) === ' ' && (after === '' || NODE.test(after.split(/\s+/)[0]!));
    const loose = m && typed && !positional && !tr ? collapsed(rest) : undefined;
    if (!m || (!positional && !tr && !loose)) {
      out.issues.push({ line: no, text: raw, message: 'not an lsscsi device line ([H:C:T:L] type vendor model rev node, or -t\'s transport and node)' });
      continue;
    }
    const type = typed ?? at(0, 7).trim();
    const n = TYPES.indexOf(type);
    const hex = /^\(0x([0-9a-f]+)\)$/.exec(type);
    const number = n >= 0 ? n : hex ? parseInt(hex[1]!, 16) : null;
    if (tr) {
      out.devices.push({ hctl: m[1]!, type, typeNumber: number, vendor: '', model: '', rev: '', node: tr.nodes[0]!, extra: tr.nodes.slice(1), transport: tr.transport });
      continue;
    }
    const tail = loose ? loose.nodes : line.slice(t0 + 38).trim().split(/\s+/).filter(Boolean);
    out.devices.push({
      hctl: m[1]!,
      type,
      typeNumber: number,
      vendor: loose ? loose.vendor : at(8, 8).trim(),
      model: loose ? loose.model : at(17, 16).trim(),
      rev: loose ? loose.rev : at(34, 4).trim(),
      node: tail[0] ?? '-',
      extra: tail.slice(1),
    });
  }
  return out;
}
