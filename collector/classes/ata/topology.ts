/**
 * Maps a block disk to the libata device behind it from sysfs link targets alone, so the collector and the
 * analyzer resolve it the same way.
 *
 * A disk's path holds `.../ataP/hostH/targetH:C:I/H:C:I:L/block/<disk>`; libata names its devices
 * `devP.D` (D = SCSI id) on a host link, or `devP.C.0` behind a port multiplier (C = SCSI channel = PMP port).
 */
export interface AtaDiskPath {
  port: string;
  printId: number;
  hctl: string;
  channel: number;
  id: number;
}

const DISK_RE = /(?:^|\/)ata(\d+)\/host\d+\/target\d+:\d+:\d+\/((\d+):(\d+):(\d+):(\d+))(?:\/|$)/;

export function ataDiskPath(linkTarget: string): AtaDiskPath | undefined {
  const m = DISK_RE.exec(linkTarget);
  if (!m) return undefined;
  return { port: `ata${m[1]}`, printId: Number(m[1]), hctl: m[2]!, channel: Number(m[4]), id: Number(m[5]) };
}

/** The ata_device name of a disk, chosen among the names that exist. */
export function ataDeviceOf(disk: AtaDiskPath, ataDevices: readonly string[]): string | undefined {
  const candidates = [`dev${disk.printId}.${disk.channel}.0`, ...(disk.channel === 0 ? [`dev${disk.printId}.${disk.id}`] : [])];
  return candidates.find((c) => ataDevices.includes(c));
}

/** `linkP` or `linkP.L` from an ata_device link target (`.../ataP/linkP[.L]/devP.D/ata_device/devP.D`). */
export function ataLinkOf(ataDeviceTarget: string): string | undefined {
  return /\/(link\d+(?:\.\d+)?)\/dev\d+\.\d+(?:\.\d+)?\//.exec(ataDeviceTarget)?.[1];
}
