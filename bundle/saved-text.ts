/**
 * A tool's output saved on Windows is often UTF-16 with a byte-order mark: Windows PowerShell's `>` and `Out-File`
 * write UTF-16 LE, some editors UTF-16 BE. Such bytes are read as the UTF-8 text they hold; the bundle keeps the bytes
 * as saved. Bytes that only start like a mark (a register dump, a binary answer) are left alone: they must decode to
 * text without NULs, other control characters than tab, line ends, form feed and ESC, or lone surrogates.
 */

const NOT_TEXT = /[\0-\x08\x0e-\x1a\x1c-\x1f\x7f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The text of UTF-16 bytes with a BOM (LE `FF FE`, BE `FE FF`), or undefined when the bytes are not that. */
export function utf16Text(data: Uint8Array): string | undefined {
  if (data.length < 2) return undefined;
  const le = data[0] === 0xff && data[1] === 0xfe;
  const be = data[0] === 0xfe && data[1] === 0xff;
  if (!le && !be) return undefined;
  // An odd last byte is half a character cut off (a copy that stopped early): the whole characters before it are read.
  const body = Buffer.from(data.subarray(2, 2 + ((data.length - 2) & ~1)));
  if (be) body.swap16();
  const text = body.toString('utf16le');
  return NOT_TEXT.test(text) ? undefined : text;
}

/** The bytes as UTF-8: UTF-16 with a BOM transcoded, anything else the same buffer. */
export function asUtf8(data: Buffer): Buffer {
  const text = utf16Text(data);
  return text === undefined ? data : Buffer.from(text, 'utf8');
}
