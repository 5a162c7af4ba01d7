import { familiesOfMajor, fwMajor, MLX_SWITCH_FAMILIES } from './families.js';

/** The device class of an InfiniBand switch a flint query reached in band, over the fabric, by its LID. */
export const IB_SWITCH_CLASS = 'ib_switch';

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
 * The device key of a flint query of an InfiniBand switch reached in band: `ib_switch:lid-0x0047` (the LID, however it
 * was typed: `lid-0x00047`, `lid-71`, the mst node `…_lid-0x0047`), when the device given is an in-band one and
 * something says it is a switch: its mst node (`SW_MT52000_…`), else its firmware's major (15: Switch-IB 2). An adapter
 * reached in band (`CA_MT4115_…`, a ConnectX major) is no switch.
 */
export function inBandSwitchKey(dev: string | undefined, fwVersion: string | undefined): string | undefined {
  if (!dev) return undefined;
  const lid = lidOf(dev);
  if (lid === undefined) return undefined;
  const node = dev.slice(dev.lastIndexOf('/') + 1);
  if (/^CA_/i.test(node)) return undefined;
  const major = fwVersion === undefined ? undefined : fwMajor(fwVersion);
  const bySwitchMajor = major !== undefined && familiesOfMajor(major).some((n) => SWITCH_NAMES.has(n));
  return /^SW_/i.test(node) || bySwitchMajor ? `${IB_SWITCH_CLASS}:${lidText(lid)}` : undefined;
}

/** Where a switch reached in band is, as a person says it: `LID 0x0047`. */
export function inBandPlace(key: string): string {
  const lid = lidOf(key.slice(key.indexOf(':') + 1));
  return lid === undefined ? key : `LID 0x${lid.toString(16).padStart(4, '0')} (in band)`;
}
