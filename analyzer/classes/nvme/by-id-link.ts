import { namesDevice } from '../../parsers/masked-value.js';

/**
 * The serial a by-id link to an NVMe namespace names: udev's `nvme-<model>_<serial>`, its model's spaces made `_`,
 * `_<nsid>` after it from systemd 254 and `-part<n>` after a partition's; none of one by world wide name (`nvme-eui.…`).
 */
export function linkSerial(link: string): string | undefined {
  const words = (/\/nvme-([^/]+)$/.exec(link)?.[1] ?? '').replace(/-part\d+$/, '').split('_');
  if (words.length >= 3 && /^[1-9]\d{0,2}$/.test(words.at(-1)!)) words.pop();
  const serial = words.length >= 2 ? words.at(-1) : undefined;
  return namesDevice(serial) ? serial : undefined;
}

/** The namespace a by-id link names: systemd 254's `nvme-<model>_<serial>_<nsid>`; none in an older link. */
export function linkNamespace(link: string): number | undefined {
  const words = (/\/nvme-([^/]+)$/.exec(link)?.[1] ?? '').replace(/-part\d+$/, '').split('_');
  return words.length >= 3 && /^[1-9]\d{0,2}$/.test(words.at(-1)!) ? Number(words.at(-1)) : undefined;
}
