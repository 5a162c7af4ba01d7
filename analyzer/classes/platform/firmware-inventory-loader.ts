import type { LoadContext } from '../../load/types.js';
import { DMIDECODE, DMIDECODE_TYPES, parseDmidecode } from './dmidecode.js';
import { firmwareInventoryOf, type FirmwareInventoryEntry } from './firmware-inventory.js';

/** A type 45 structure's device key: its handle, else (a copy without Handle lines) its place among the output's. */
const keyOf = (e: FirmwareInventoryEntry, n: number): string => `smbios-fw:${e.handle !== '' ? e.handle : String(n + 1)}`;

/**
 * The firmware components a saved dmidecode's type 45 structures (Firmware Inventory Information) list: a device
 * each under the platform, its Firmware Version a firmware row, what else the structure says its settings. The whole
 * table first, then the `-t` outputs in name order; a structure two outputs show is recorded from the first. The
 * outputs' unread lines are recorded where the DMI identity is read from them (loader.ts), not again here.
 */
export function loadFirmwareInventory(ctx: LoadContext): void {
  const platform = ctx.devices().some((d) => d.key === 'platform') ? 'platform' : null;
  const seen = new Set<string>();
  for (const name of [...(ctx.get(DMIDECODE) ? [DMIDECODE] : []), ...ctx.names(DMIDECODE_TYPES).sort()]) {
    const parsed = ctx.parse(name, 'dmidecode', (d) => parseDmidecode(d.toString('utf8')));
    if (!parsed) continue;
    for (const [n, e] of firmwareInventoryOf(parsed).entries()) {
      const key = keyOf(e, n);
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.sink.device({ key, class: 'smbios-fw', parentKey: platform, model: e.componentName ?? null });
      if (e.version !== undefined) ctx.sink.firmware({ deviceKey: key, component: 'inventory', version: e.version, state: 'running', artifact: name });
      const set = (k: string, value: string | boolean | undefined): void => {
        if (value !== undefined && value !== '') ctx.sink.setting({ deviceKey: key, namespace: 'smbios-fw', key: k, value, mode: 'current', artifact: name });
      };
      set('component_name', e.componentName);
      set('firmware_id', e.firmwareId);
      set('release_date', e.releaseDate);
      set('manufacturer', e.manufacturer);
      set('lowest_supported_version', e.lowestSupportedVersion);
      set('image_size', e.imageSize);
      set('updatable', e.updatable);
      set('write_protect', e.writeProtect);
      set('state', e.state);
      set('associated_components', e.associated.join(','));
    }
  }
}
