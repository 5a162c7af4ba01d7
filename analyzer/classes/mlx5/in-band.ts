import { familiesOfMajor, fwMajor, MLX_SWITCH_FAMILIES } from './families.js';

/** The device class of an InfiniBand switch a flint query reached in band, over the fabric, by its LID. */
export const IB_SWITCH_CLASS = 'ib_switch';
/** The device class of an adapter (HCA) a flint query reached in band by its LID: it may be another host's. */
export const IB_HCA_CLASS = 'ib_hca';

const SWITCH_NAMES = new Set([...MLX_SWITCH_FAMILIES.values()].map((f) => f.name));

/** The LID of an in-band device name (`lid-0x00047`, `lid-5`, `/dev/mst/SW_MT52000_SwitchIB_…_lid-0x0005`), as a number. */
export function lidOf(dev: string): number | undefined {
  const m = /(?:^|[_/])lid-(0x[0-9a-f]+|\d+)(?:,\d+)?$/i.exec(dev.trim());
  if (!m) return undefined;
  const lid = Number(m[1]);
  return Number.isSafeInteger(lid) && lid >= 0 && lid <= 0xffff ? lid : undefined;
}

/** A LID as the mst tools print it in a node name: `lid-0x0047`. */
export const lidText = (lid: number): string => `lid-0x${lid.toString(16).padStart(4, '0')}`;

/**
 * The device key of a flint query reached in band, over the fabric: a switch's `ib_switch:lid-0x0047`, or an adapter's
 * `ib_hca:lid-0x0005` when its mst node is a channel adapter's (`CA_MT4115_…_lid-0x0005`) or its firmware's major is an
 * adapter family's (ConnectX, Connect-IB, BlueField). Reached by LID, the adapter may sit in any host of the fabric: it has
 * no PCI function here. Undefined when the device is no in-band one, or nothing says what it is.
 */
export function inBandKey(dev: string | undefined, fwVersion: string | undefined): string | undefined {
  if (!dev) return undefined;
  const lid = lidOf(dev);
  if (lid === undefined) return undefined;
  const node = dev.slice(dev.lastIndexOf('/') + 1);
  const major = fwVersion === undefined ? undefined : fwMajor(fwVersion);
  const families = major === undefined ? [] : familiesOfMajor(major);
  if (/^SW_/i.test(node) || (!/^CA_/i.test(node) && families.some((n) => SWITCH_NAMES.has(n)))) return `${IB_SWITCH_CLASS}:${lidText(lid)}`;
  if (/^CA_/i.test(node) || (families.length > 0 && families.every((n) => !SWITCH_NAMES.has(n)))) return `${IB_HCA_CLASS}:${lidText(lid)}`;
  return undefined;
}

/** Whether a device key is one of a device reached in band (a switch's or an adapter's). */
export const isInBandKey = (key: string): boolean => key.startsWith(`${IB_SWITCH_CLASS}:`) || key.startsWith(`${IB_HCA_CLASS}:`);

/** Where a switch or adapter reached in band is, as a person says it: `LID 0x0047 (in band)`. */
export function inBandPlace(key: string): string {
  const lid = lidOf(key.slice(key.indexOf(':') + 1));
  return lid === undefined ? key : `LID 0x${lid.toString(16).padStart(4, '0')} (in band)`;
}
