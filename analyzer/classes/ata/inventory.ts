import type { DeviceInventoryRole } from '../../load/types.js';

/** How the smartctl loader names a drive whose output named no /dev node (`smartctl-<serial>`): no node of the host. */
export const NO_NODE = 'smartctl-';

/**
 * A drive is an inventory entry of its own (its parent is the controller; its block device's parent is the
 * drive); `<port>` is the PORT.DEVICE id libata.force= takes, as libata prints it (ata1.00 → 1.00).
 */
export const ataInventory: Record<string, DeviceInventoryRole> = {
  ata: {
    role: 'device',
    placeholders: (key): Record<string, string> => {
      const m = /^ata:dev(\d+)\.(\d+)$/.exec(key);
      return m ? { port: `${m[1]}.${m[2].padStart(2, '0')}` } : {};
    },
  },
  block: { location: 'dev', isNode: (name) => !name.startsWith(NO_NODE) },
};
