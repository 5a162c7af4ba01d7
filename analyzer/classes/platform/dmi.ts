/** DMI attributes under /sys/class/dmi/id that describe firmware and the platform (serials are left to redaction policy). */
export const DMI_ATTRIBUTES = [
  'bios_vendor', 'bios_version', 'bios_date', 'bios_release', 'ec_firmware_release', 'sys_vendor', 'product_name',
  'product_version', 'product_family', 'product_sku', 'board_vendor', 'board_name', 'board_version', 'chassis_vendor',
  'chassis_type', 'chassis_version',
] as const;

/** A DMI attribute value: trailing whitespace and the padding some vendors put in SMBIOS strings removed. */
export function dmiValue(text: string): string {
  return text.replace(/\0+$/, '').trim();
}

/** bios_date "MM/DD/YYYY" as ISO 'YYYY-MM-DD'; undefined when it has another shape. */
export function dmiDateIso(text: string): string | undefined {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(dmiValue(text));
  return m ? `${m[3]}-${m[1]}-${m[2]}` : undefined;
}
