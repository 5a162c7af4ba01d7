// Order-preserving building blocks of version keys; key.ts documents the format.

const LOWER_A = 0x61;
const UPPER_Z = 0x5a;

/** A non-negative integer, given as decimal digits: its digit count as a letter, then the digits. */
export function encodeUint(decimal: string | number | bigint): string {
  const digits = stripZeros(String(decimal));
  if (!/^\d+$/.test(digits)) throw new RangeError(`not a non-negative integer: ${String(decimal)}`);
  if (digits.length <= 25) return String.fromCharCode(LOWER_A + digits.length - 1) + digits;
  return 'z' + encodeUint(digits.length) + digits;
}

/** A signed integer of at most 25 digits; negatives come first, as a shrinking letter and 9's-complement digits. */
export function encodeInt(value: bigint): string {
  if (value >= 0n) return encodeUint(value);
  const digits = (-value).toString();
  if (digits.length > 25) throw new RangeError(`integer too large to encode: ${value}`);
  const complement = [...digits].map((d) => String(9 - Number(d))).join('');
  return String.fromCharCode(UPPER_Z - digits.length) + complement;
}

/** A tuple of non-negative integers; a tuple that is a prefix of another sorts first, as in compareTuples. */
export function encodeTuple(values: readonly number[]): string {
  return values.map((v) => encodeUint(v)).join('.');
}

/** One byte of a string compared bytewise: `0`..`|` as themselves, below as `/xx`, above as `}xx`. */
export function encodeByte(byte: number): string {
  if (byte >= 0x30 && byte <= 0x7c) return String.fromCharCode(byte);
  const hex = byte.toString(16).padStart(2, '0');
  return (byte < 0x30 ? '/' : '}') + hex;
}

export function encodeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += encodeByte(b);
  return out;
}

/** A family name, kept readable and free of `|`: letters, digits and `._/-` stay, anything else is %XX (UTF-8). */
export function encodeFamily(family: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(family)) {
    const ch = String.fromCharCode(b);
    out += /[A-Za-z0-9._/-]/.test(ch) ? ch : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function stripZeros(digits: string): string {
  const stripped = digits.replace(/^0+/, '');
  return stripped === '' && digits !== '' ? '0' : stripped;
}
