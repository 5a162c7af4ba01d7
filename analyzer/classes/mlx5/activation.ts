import type { Db } from '../../db/database.js';
import { fwMajor, MLX_FAMILIES } from './families.js';
import { FWMANAGER_UPDATE_IMAGE_NAMESPACE, NOT_IN_IMAGE } from './names.js';
import { IB_HCA_CLASS, IB_SWITCH_CLASS } from './in-band.js';

/** The ConnectX-3 family's firmware major: mlx4_core drives these cards. */
const MLX4_MAJOR = 2;
const MLX4_DEVICE_IDS = new Set([...MLX_FAMILIES].filter(([, f]) => f.fwMajor === MLX4_MAJOR).map(([id]) => id));

/**
 * Whether a device is a ConnectX-3 / ConnectX-3 Pro: its PCI ID or mlx4 driver, else the family its firmware major
 * names (a saved flint query gives no PCI ID).
 */
export function isMlx4Device(db: Db, bundleId: number, key: string): boolean {
  const rows = db.prepare(`SELECT vendor_id, device_id, driver FROM devices WHERE bundle_id = ? AND (device_key = ? OR pci_address = ?)`)
    .all(bundleId, key, key) as { vendor_id: number | null; device_id: number | null; driver: string | null }[];
  if (rows.some((d) => (d.vendor_id === 0x15b3 && d.device_id !== null && MLX4_DEVICE_IDS.has(d.device_id)) || /^mlx4_/.test(d.driver ?? ''))) return true;
  const versions = db.prepare(`SELECT version FROM firmware WHERE bundle_id = ? AND device_key = ? AND component = 'firmware' AND scheme = 'mlx5'`)
    .all(bundleId, key) as { version: string }[];
  return versions.length > 0 && versions.every((v) => fwMajor(v.version) === MLX4_MAJOR);
}

/**
 * How a ConnectX-3 loads a flashed image. mlx4's devlink reload only re-initialises the driver (no fw_activate), and
 * mstfwreset/mlxfwreset reset Connect-IB, ConnectX-4 and later adapters only (mstflint documentation, mstfwreset's
 * supported devices): the card loads its flash when the host resets it.
 */
const MLX4_ACTIVATION =
  'A ConnectX-3 / ConnectX-3 Pro (mlx4 driver) has no live firmware activation: mlx4 offers no `devlink dev reload ... action fw_activate`, ' +
  'and mlxfwreset/mstfwreset support Connect-IB, ConnectX-4 and later only. Reboot the host to load the flashed image, and power-cycle it ' +
  'if the running version is still the old one after the reboot; then query again (`mstflint -d <BDF> q`). Until then the running version is what matters for compatibility.';

/**
 * How a later adapter (Connect-IB, ConnectX-4 and on) known from an mst tool's output loads a flashed image: the tools'
 * own advice after a burn (mlxfwmanager's `-I- To load new FW run mlxfwreset or reboot machine`), and devlink's fw_activate.
 */
const MLX5_ACTIVATION =
  'Load the flashed image with a firmware reset: `mlxfwreset -d <BDF> reset` (`mstfwreset` with mstflint), or `devlink dev reload ... action fw_activate` ' +
  'where the driver supports it, or reboot the host (power-cycle it if the running version is still the old one after a warm reboot); then query again ' +
  '(`mstflint -d <BDF> q`). Until then the running version is what matters for compatibility.';

/**
 * How an InfiniBand switch reached in band loads a flashed image: it restarts. flint's `swreset` resets an unmanaged switch,
 * in band only (mstflint's help); a managed switch is restarted from its own management. No devlink on this host drives it.
 */
const SWITCH_ACTIVATION =
  'This InfiniBand switch loads the flashed image when it restarts: reset an unmanaged switch in band with `flint -d <LID> swreset` ' +
  '(`mstflint` likewise), or restart a managed switch from its own management (its CLI or web UI); this host\'s devlink does not reach it. ' +
  'Then query again (`flint -d <LID> q`). Until then the running version is what matters for compatibility.';

/**
 * How an adapter reached in band by its LID loads a flashed image: as any ConnectX does, but on the host it sits in,
 * which a LID does not name; mlxfwreset resets a device of its own host.
 */
const IN_BAND_ADAPTER_ACTIVATION =
  'This adapter was reached in band (by its LID), so it may sit in another host of the fabric: on the host it is in, load the flashed image ' +
  'with a firmware reset (`mlxfwreset -d <its PCI address> reset`, `mstfwreset` with mstflint) or reboot that host (power-cycle it if the old version ' +
  'still runs after a warm reboot); then query again (`flint -d <LID> q`). Until then the running version is what matters for compatibility.';

/** A device the mst tools' outputs gave firmware rows (the mlx5 class keys it by PCI function or mst name). */
function mstToolsDevice(db: Db, bundleId: number, key: string): boolean {
  return db.prepare(`SELECT 1 FROM firmware f JOIN devices d ON d.bundle_id = f.bundle_id AND d.device_key = f.device_key
    WHERE f.bundle_id = ? AND f.device_key = ? AND d.class = 'pci' AND f.component = 'firmware' AND f.scheme = 'mlx5' LIMIT 1`).get(bundleId, key) !== undefined;
}

/**
 * The advice for the device, its `<BDF>` given the name the tools were given when no PCI address is known: mlxfwreset,
 * flint and mstflint take the mst node (`/dev/mst/mt4119_pciconf0`, `mt4119_pciconf0`) as they take an address.
 */
function forDevice(db: Db, bundleId: number, key: string, text: string): string {
  const d = db.prepare(`SELECT pci_address FROM devices WHERE bundle_id = ? AND device_key = ?`).get(bundleId, key) as { pci_address: string | null } | undefined;
  if (d?.pci_address || !key.startsWith('mst:')) return text;
  const name = key.slice('mst:'.length);
  return text.replaceAll('<BDF>', name);
}

/**
 * What an update that was done did to the expansion ROMs its image held none of (`mlx.update_image` = `none`): on a
 * ConnectX-3 they stay (the card's own is burned with the image), on a later card the flash no longer holds them.
 */
function romsNotInImage(db: Db, bundleId: number, key: string, mlx4: boolean): string {
  const roms = (db.prepare(`SELECT key FROM settings WHERE bundle_id = ? AND device_key = ? AND namespace = ? AND value = ? ORDER BY rowid`)
    .all(bundleId, key, FWMANAGER_UPDATE_IMAGE_NAMESPACE, NOT_IN_IMAGE) as { key: string }[]).map((r) => r.key);
  if (roms.length === 0) return '';
  const names = [...new Set(roms)].join(', ');
  return mlx4
    ? ` The update image held no ${names}: the card's own was burned with it and stays.`
    : ` The update image held no ${names}: an image for a ConnectX-4 or later card is written with its own ROMs only, so the flash no longer holds the ${names} it had; burn an image with FlexBoot/UEFI if the host boots from this card.`;
}

export function mlxFirmwareActivation(db: Db, bundleId: number, key: string): string | undefined {
  const lid = key.startsWith(`${IB_SWITCH_CLASS}:`) || key.startsWith(`${IB_HCA_CLASS}:`) ? key.slice(key.indexOf(':') + 1) : undefined;
  if (lid !== undefined) return (key.startsWith(`${IB_SWITCH_CLASS}:`) ? SWITCH_ACTIVATION : IN_BAND_ADAPTER_ACTIVATION).replaceAll('<LID>', lid);
  const mlx4 = isMlx4Device(db, bundleId, key);
  const text = mlx4 ? MLX4_ACTIVATION : mstToolsDevice(db, bundleId, key) ? MLX5_ACTIVATION : undefined;
  return text === undefined ? undefined : forDevice(db, bundleId, key, text + romsNotInImage(db, bundleId, key, mlx4));
}
