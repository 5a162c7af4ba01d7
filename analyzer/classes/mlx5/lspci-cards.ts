import { BDF } from '../../load/loader-util.js';
import type { LoadContext } from '../../load/types.js';
import { familyOfDeviceId } from './families.js';

/** A ConnectX or BlueField network function a pasted lspci shows, and the family lspci names it by. */
export interface LspciCard {
  key: string;
  family: string;
}

const MELLANOX = 0x15b3;
/** lspci's name of a ConnectX/BlueField network function (`MT2910 Family [ConnectX-7]`, `MT43244 BlueField-3 integrated ConnectX-7 network controller`). */
const FAMILY_NAME = /\b(ConnectX-\d(?: (?:Pro|Dx|Lx|Ex))?|BlueField(?:-\d)?|Connect-IB)\b/;
/** Functions that are no card of their own: VFs, a BlueField's PCIe bridges, its Arm SoC's, management and DMA functions (pci.ids names). */
const NO_CARD = /virtual function|\bVF\b|bridge|management|\bSoC\b|auxiliary|\bdma\b/i;

/**
 * The ConnectX/BlueField physical functions the PCI devices loaded so far show (lspci's text, sysfs), by device ID when
 * known, else by the name lspci printed. A VF or a BlueField's bridge is no card of its own.
 */
export function lspciCards(ctx: LoadContext): LspciCard[] {
  const out: LspciCard[] = [];
  // The name lspci printed is its setting until every loader has run (pci.ids names come after).
  const rows = ctx.query(`SELECT d.device_key, d.vendor_id, d.device_id, (SELECT s.value FROM settings s WHERE s.bundle_id = d.bundle_id AND s.device_key = d.device_key
      AND s.namespace = 'lspci' AND s.key = 'name' ORDER BY s.rowid LIMIT 1) AS device_name FROM devices d WHERE d.bundle_id = @bundle AND d.class = 'pci'`);
  for (const r of rows) {
    const key = String(r.device_key);
    if (!BDF.test(key)) continue;
    const vendor = typeof r.vendor_id === 'number' ? r.vendor_id : undefined;
    const device = typeof r.device_id === 'number' ? r.device_id : undefined;
    if (vendor !== undefined && device !== undefined) {
      const family = vendor === MELLANOX ? familyOfDeviceId(device) : undefined;
      if (family) out.push({ key, family: family.name });
      continue;
    }
    const name = typeof r.device_name === 'string' ? r.device_name : '';
    const family = FAMILY_NAME.exec(name)?.[1];
    if (family && /Mellanox|NVIDIA/i.test(name) && !NO_CARD.test(name)) out.push({ key, family });
  }
  return out;
}
