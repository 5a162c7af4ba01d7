const encoder = new TextEncoder();

const ASCII_SPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]);

/** The string as C code would see it: cut at the first NUL. */
export function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

/** UTF-8 bytes of the C string (fwupd and the kernel compare bytes, not UTF-16 units). */
export function cBytes(s: string): Uint8Array {
  return encoder.encode(cString(s));
}

export function isAsciiSpace(byte: number): boolean {
  return ASCII_SPACE.has(byte);
}

/** What every scheme compares: the C string without surrounding ASCII whitespace (fwupd itself does not trim). */
export function normalizeText(raw: string): string {
  return cString(raw).replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, '');
}
