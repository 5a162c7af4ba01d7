/**
 * `udevadm info -a /sys/class/scsi_host/hostN` (sos's scsi plugin runs it for every SCSI host): udev walks from the
 * host up its parents, and the first path names where the host sits. A libata port's host sits under the port
 * (`/devices/pci0000:00/0000:00:1f.2/ata3/host2/scsi_host/host2`), so the walk tells the port's print id (3) that
 * libata names its devices by (`dev3.0`), which a listing of the SCSI layer (lsscsi's `[2:0:0:0]`) does not.
 */
const DEVICE = /^\s*looking at device '([^']*)'/m;
const PORT_HOST = /\/ata(\d+)\/host(\d+)\/scsi_host\/host(\d+)$/;

/** The host number and the libata port it sits under, or undefined when the walk is of no libata port's host. */
export function scsiHostPort(text: string): { host: number; port: number } | undefined {
  const path = DEVICE.exec(text)?.[1];
  const m = path === undefined ? null : PORT_HOST.exec(path);
  if (!m || m[2] !== m[3]) return undefined;
  return { host: Number(m[2]), port: Number(m[1]) };
}
