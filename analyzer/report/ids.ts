/** Columns and evidence fields holding PCI ids, shown in hex as lspci prints them (15b3, 101d). */
export const PCI_ID_NAME = /(^|_)(vendor_id|device_id)$/;

export const hexId = (n: number): string => n.toString(16).padStart(4, '0');

/** A copy of `value` with every integer under a PCI id name in hex (`vendor_id: 5555` → `"15b3"`). */
export function hexPciIds<T>(value: T): T {
  if (Array.isArray(value)) return value.map(hexPciIds) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, PCI_ID_NAME.test(k) && Number.isInteger(v) && (v as number) >= 0 ? hexId(v as number) : hexPciIds(v)]),
  ) as T;
}
