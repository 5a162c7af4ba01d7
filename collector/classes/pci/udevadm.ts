import type { SavedReplay } from '../../replay-saved.js';

/** A device path or node as udevadm takes it (`/sys/class/net/ens33`, `/devices/…`, `/dev/sda`). */
const DEVICE = /^\/[\w.:+@\/-]*$/;
const WALK = new Set(['-a', '--attribute-walk']);
const DEVICE_OPTION = new Set(['-p', '--path', '-n', '--name']);

/**
 * `udevadm info -a [-p|-n] <device>` (`--attribute-walk`): udev's walk up a device's parents, which only reads sysfs.
 * Replayed from a captured tree, never run: the pci source reads sysfs itself on a live host.
 */
export function udevadmWalkArgs(a: readonly string[]): boolean {
  if (a[0] !== 'info' || !a.slice(1).some((w) => WALK.has(w))) return false;
  const rest = a.slice(1).filter((w) => !WALK.has(w));
  if (rest.length === 0) return true;
  if (rest.length === 2) return DEVICE_OPTION.has(rest[0]!) && DEVICE.test(rest[1]!);
  return rest.length === 1 && DEVICE.test(rest[0]!);
}

/** The device a walk starts from, as its own first line names it (`looking at device '/devices/…/net/ens33':`). */
function walkedDevice(text: string): string | undefined {
  const devpath = /^[\s>|]*looking at device '(\/[^']+)'/m.exec(text)?.[1];
  return devpath !== undefined && DEVICE.test(devpath) ? `/sys${devpath}` : undefined;
}

/**
 * A saved `udevadm info -a` whatever its name (`udevadm-info-a.txt`, `cmd/udevadm/ens33.out`, a ticket's typed
 * `udevadm info -a -p /sys/class/net/ens33`): replayed as the walk of the device its text starts from, so two pastes of
 * one device's walk are read once. A udevadm output that is no attribute walk (`udevadm info -q property`) is not read.
 */
export const SAVED_UDEVADM: SavedReplay = {
  tool: 'udevadm',
  readsText: true,
  argvOf: (_name, text) => {
    const device = text === undefined ? undefined : walkedDevice(text);
    return device === undefined ? undefined : ['udevadm', 'info', '-a', device];
  },
  unknownWhy: 'saved udevadm output: only `udevadm info -a` (the attribute walk, with its `looking at device` lines) is read',
};
