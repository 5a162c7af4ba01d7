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
