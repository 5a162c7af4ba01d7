/** One entry of usb-storage's `quirks` parameter (Documentation/admin-guide/kernel-parameters.txt, usb-storage.quirks). */
export interface StorageQuirk {
  vendorId: number;
  productId: number;
  /** The flag letters as given (a = SANE_SENSE, u = IGNORE_UAS, …). */
  flags: string;
}

/** `VID:PID:Flags[,VID:PID:Flags…]`; entries that are not in that form are returned as issues, never fatal. */
export function parseStorageQuirks(text: string): { quirks: StorageQuirk[]; issues: string[] } {
  const quirks: StorageQuirk[] = [];
  const issues: string[] = [];
  for (const raw of text.trim().split(',')) {
    const e = raw.trim();
    if (e === '' || e === '(null)') continue;
    const m = /^([0-9a-f]{1,4}):([0-9a-f]{1,4}):([a-z]*)$/i.exec(e);
    if (!m) issues.push(e);
    else quirks.push({ vendorId: parseInt(m[1]!, 16), productId: parseInt(m[2]!, 16), flags: m[3]!.toLowerCase() });
  }
  return { quirks, issues };
}
