import { ParseError } from '../../parsers/errors.js';

/** Parsers for the text attributes of /sys/bus/pci/devices/<BDF>/. */

const HEX_ID = /^0x([0-9a-fA-F]{1,8})$/;

/** vendor, device, subsystem_*, class, revision: "0x15b3\n". */
export function parseHexAttribute(text: string, attr = 'attribute'): number {
  const m = text.trim().match(HEX_ID);
  if (!m) throw new ParseError('pci-sysfs', `${attr}: expected a 0x-prefixed hex number, got ${JSON.stringify(text.trim().slice(0, 40))}`);
  return parseInt(m[1]!, 16);
}

const SPEED = /^(\d+(?:\.\d+)?) GT\/s(?: PCIe)?$/;
const UNKNOWN_SPEED = /^Unknown(?: speed)?$/;

/**
 * current_link_speed / max_link_speed in GT/s: "16.0 GT/s PCIe" (kernel ≥ 5.9), "8 GT/s" (older);
 * "Unknown" or "Unknown speed" when the link is down or the code is reserved → null.
 */
export function parseLinkSpeed(text: string): number | null {
  const t = text.trim();
  if (UNKNOWN_SPEED.test(t)) return null;
  const m = t.match(SPEED);
  if (!m) throw new ParseError('pci-sysfs', `link speed: expected "<n> GT/s [PCIe]" or "Unknown", got ${JSON.stringify(t.slice(0, 40))}`);
  return Number(m[1]);
}

/** current_link_width / max_link_width: a decimal lane count (0 when the link is down). */
export function parseLinkWidth(text: string): number {
  const t = text.trim();
  if (!/^\d{1,3}$/.test(t)) throw new ParseError('pci-sysfs', `link width: expected a lane count, got ${JSON.stringify(t.slice(0, 40))}`);
  return Number(t);
}

export interface AerCounter {
  name: string;
  count: number;
}

/** aer_dev_correctable / _fatal / _nonfatal: one "<Name> <count>" per line, ending with TOTAL_ERR_*. */
export function parseAerCounters(text: string): AerCounter[] {
  const out: AerCounter[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const m = line.trim().match(/^(\S+) (\d+)$/);
    if (!m) throw new ParseError('pci-sysfs', `AER counters: expected "<name> <count>", got ${JSON.stringify(line.slice(0, 60))}`, i + 1);
    out.push({ name: m[1]!, count: Number(m[2]) });
  });
  return out;
}

/** A decimal counter such as aer_rootport_total_err_cor. */
export function parseCount(text: string, attr = 'attribute'): number {
  const t = text.trim();
  if (!/^\d+$/.test(t)) throw new ParseError('pci-sysfs', `${attr}: expected a decimal count, got ${JSON.stringify(t.slice(0, 40))}`);
  return Number(t);
}
