import type { LoadContext } from '../../load/types.js';
import { familiesOfMajor, fwMajor } from './families.js';
import { familyOfMstName } from './device-names.js';

/** `/dev/mst/mt41686_pciconf0` → `mt41686_pciconf0`: the node as a person reads it. */
const nodeName = (s: string): string => s.replace(/^mst:/, '').replace(/^.*\//, '');

/**
 * A device whose mst node names one family (the device ID in `mt41686_pciconf0`: BlueField-2) while the firmware read
 * for it has another family's major (32.x: BlueField-3): a paste joining outputs of two cards or hosts, or a node typed
 * from a how-to. Neither is trusted silently: an issue names both (the device is called by its firmware, which the
 * card printed; see nameMlxDevices).
 */
export function nodeFamilyConflicts(ctx: LoadContext): void {
  const printedNames = new Map<string, string>();
  for (const r of ctx.query(`SELECT device_key, value FROM settings WHERE bundle_id = @bundle AND namespace = 'mlx.device' AND key = 'pci_device_name' ORDER BY rowid`)) {
    if (!printedNames.has(String(r.device_key))) printedNames.set(String(r.device_key), String(r.value));
  }
  for (const d of ctx.devices()) {
    const node = [d.key, printedNames.get(d.key)].find((n) => n !== undefined && familyOfMstName(n) !== undefined);
    if (node === undefined) continue;
    const family = familyOfMstName(node)!;
    const fw = ctx.firmware(d.key).find((f) => f.component === 'firmware' && f.scheme === 'mlx5' && fwMajor(f.version) !== undefined);
    const major = fw && fwMajor(fw.version);
    if (fw === undefined || major === undefined) continue;
    const families = familiesOfMajor(major);
    if (families.length === 0 || families.includes(family)) continue;
    ctx.sink.issue('FAMILY-CONFLICT', `${d.key}: the mst node ${nodeName(node)} is a ${family}'s, but the firmware read for it, ${fw.version}, is a ${families.join(' / ')}'s (major ${major}): the output joins two cards or hosts, or the node was typed from elsewhere; the device is named by its firmware`, fw.artifact ?? d.key);
  }
}
