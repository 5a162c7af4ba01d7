/**
 * The drive a device node names: a partition's (`sda1`, `ada0p2`, `disk0s1`, OpenBSD's raw `rwd0c`) is its drive's,
 * since smartctl and hdparm run on a partition read the drive's IDENTIFY; any other node is itself.
 */
export function driveNode(node: string): string {
  return node.replace(/^((?:sd|hd|x?vd)[a-z]+)\d+$/, '$1').replace(/^((?:a?da|disk)\d+)[ps]\d+$/, '$1').replace(/^r?([ws]d\d+)[a-p]?$/, '$1');
}

/**
 * A link udev makes to a drive or a partition (`/dev/disk/by-id/…`, `by-path/…`, `by-partlabel/…`, `by-uuid/…`): a
 * tool run on one names no /dev node of the drive.
 */
export function udevLink(path: string): boolean {
  return /^\/dev\/disk\/by-[a-z]+\/./.test(path);
}

/**
 * The name of a drive an output run on a udev link names by what it prints of itself (`hdparm-<serial>`,
 * `sg_vpd-naa.5000…`): the tool's, then the serial or name, its characters other than a key's `_`.
 */
export function ownDriveName(tool: string, id: string): string {
  return `${tool}-${id.replace(/[^A-Za-z0-9_.:+,-]/g, '_')}`;
}
