import type { DeviceInventoryRole } from '../load/types.js';

/**
 * A remediation text with the placeholders the device's address fills (`<BDF>` → 0000:3b:00.0, a class's own
 * such as `<port>`); placeholders nothing fills (`<value>`) stay for the reader.
 */
export function fillPlaceholders(
  text: string,
  key: string | null,
  device: { class: string; pci_address: string | null } | undefined,
  roles: ReadonlyMap<string, DeviceInventoryRole>,
): string {
  if (!key || !device) return text;
  const values: Record<string, string> = { ...(roles.get(device.class)?.placeholders?.(key) ?? {}) };
  if (device.pci_address) values.BDF = device.pci_address;
  return text.replace(/<([A-Za-z_]+)>/g, (all, name: string) => values[name] ?? all);
}
