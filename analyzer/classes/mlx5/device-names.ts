import type { Db } from '../../db/database.js';
import { cachedStatement } from '../../db/statements.js';
import { namesNothing } from '../../version/sentinels.js';
import { IB_SWITCH_CLASS } from './in-band.js';
import { INSTALLER_FAMILY } from './names.js';
import { familiesOfMajor, familyOfDeviceId, fwMajor, MLX_FAMILIES, MLX_SWITCH_FAMILIES } from './families.js';

/** What a device known only from a Mellanox/NVIDIA tool's output is, when its own lines name no family. */
export const UNNAMED_ADAPTER = 'Mellanox/NVIDIA adapter';

const compact = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** `ConnectX6DX` (mlxconfig's and mlxfwmanager's Device type) as pci.ids spells the family: `ConnectX-6 Dx`; another type as printed. */
export function familyOfType(deviceType: string): string {
  const want = compact(deviceType);
  return [...MLX_FAMILIES.values(), ...MLX_SWITCH_FAMILIES.values()].find((f) => compact(f.name) === want)?.name ?? deviceType.trim();
}

/** The family a firmware version's major names (`16.26.4012` → `ConnectX-5`, which ConnectX-5 Ex shares), or undefined. */
export function familyOfFirmware(version: string): string | undefined {
  const major = fwMajor(version);
  const names = major === undefined ? [] : familiesOfMajor(major);
  const base = [...names].sort((a, b) => a.length - b.length)[0];
  return base !== undefined && names.every((n) => n.startsWith(base)) ? base : undefined;
}

/**
 * The family the device ID in an mst device name says, in decimal as mst spells it: `mt4103_pci_cr0` (0x1007,
 * ConnectX-3 Pro), `/dev/mst/mt4119_pciconf0`, a switch reached in band `SW_MT52000_SwitchIB_…_lid-0x0005`.
 */
export function familyOfMstName(name: string): string | undefined {
  const id = /(?:^|[/:_])(?:SW_)?mt(\d{4,5})_/i.exec(name)?.[1];
  return id === undefined ? undefined : familyOfDeviceId(Number(id))?.name;
}

interface Unnamed {
  device_key: string;
  device_type: string | null;
  pci_device_name: string | null;
  installer_family: string | null;
  firmware: string | null;
}

/**
 * A PCI function known only from mstflint/flint, mstconfig/mlxconfig or a firmware manager's output (no ids, no
 * pci.ids name, no model) is given a model a person would call it by: the output's Device type (`ConnectX-6`),
 * else the family the MLNX_OFED installer's lspci line names (`[ConnectX-4 Lx]`), else the family the device ID in its mst device name says (`mt4103_pci_cr0`: ConnectX-3 Pro, which shares the
 * ConnectX-3's firmware major) when its firmware's major is that family's, else the family its firmware's major names,
 * else the node's, else `Mellanox/NVIDIA adapter`.
 */
export function nameMlxDevices(db: Db, bundleId: number): void {
  const rows = cachedStatement(db, `SELECT d.device_key,
      (SELECT s.value FROM settings s WHERE s.bundle_id = d.bundle_id AND s.device_key = d.device_key AND s.namespace = 'mlx.device' AND s.key = 'device_type' AND s.value IS NOT NULL ORDER BY s.rowid LIMIT 1) AS device_type,
      (SELECT s.value FROM settings s WHERE s.bundle_id = d.bundle_id AND s.device_key = d.device_key AND s.namespace = 'mlx.device' AND s.key = 'pci_device_name' AND s.value IS NOT NULL ORDER BY s.rowid LIMIT 1) AS pci_device_name,
      (SELECT s.value FROM settings s WHERE s.bundle_id = d.bundle_id AND s.device_key = d.device_key AND s.namespace = 'mlx.device' AND s.key = '${INSTALLER_FAMILY}' AND s.value IS NOT NULL ORDER BY s.rowid LIMIT 1) AS installer_family,
      (SELECT f.version FROM firmware f WHERE f.bundle_id = d.bundle_id AND f.device_key = d.device_key AND f.component = 'firmware' AND f.scheme = 'mlx5' ORDER BY f.rowid LIMIT 1) AS firmware
    FROM devices d WHERE d.bundle_id = ? AND d.class IN ('pci', 'ib_switch', 'ib_hca') AND d.vendor_id IS NULL AND d.model IS NULL AND d.device_name IS NULL
      AND (EXISTS (SELECT 1 FROM settings s WHERE s.bundle_id = d.bundle_id AND s.device_key = d.device_key AND (s.namespace = 'mlx.device' OR s.namespace LIKE 'mlxconfig%'))
        OR EXISTS (SELECT 1 FROM firmware f WHERE f.bundle_id = d.bundle_id AND f.device_key = d.device_key AND (f.scheme = 'mlx5' OR f.component = 'psid')))`).all(bundleId) as Unnamed[];
  const set = cachedStatement(db, `UPDATE devices SET model = ? WHERE bundle_id = ? AND device_key = ?`);
  for (const r of rows) {
    const node = familyOfMstName(r.device_key) ?? (r.pci_device_name ? familyOfMstName(r.pci_device_name) : undefined);
    // A node of another family than the firmware's major (a paste joining two cards; nodeFamilyConflicts names it) is
    // not trusted over the firmware the card printed.
    const major = r.firmware ? fwMajor(r.firmware) : undefined;
    const mst = node !== undefined && (major === undefined || familiesOfMajor(major).length === 0 || familiesOfMajor(major).includes(node)) ? node : undefined;
    const model = (r.device_type && !namesNothing(r.device_type) && familyOfType(r.device_type)) || (r.installer_family && familyOfType(r.installer_family)) || mst || (r.firmware && familyOfFirmware(r.firmware)) || node ||
      (r.device_key.startsWith(`${IB_SWITCH_CLASS}:`) ? undefined : UNNAMED_ADAPTER);
    if (model) set.run(model, bundleId, r.device_key);
  }
}
