// fwupd's version comparison (fu_version_compare in libfwupdplugin/fu-version-common.c), reimplemented from
// its documented behaviour, plus a sort key that orders exactly like it.
import { encodeByte, encodeInt } from './encode.js';
import { cBytes, isAsciiSpace } from './text.js';
import { sign, type Ordering } from './types.js';

const DOT = 0x2e;
const TILDE = 0x7e;
const MINUS = 0x2d;
const PLUS = 0x2b;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/** One `.`-separated section: the integer g_ascii_strtoll(…, 10) reads, and the bytes it leaves. */
export interface Section {
  value: bigint;
  rest: Uint8Array;
}

/** g_strsplit(s, ".", -1): an empty string has no sections at all. */
export function splitSections(bytes: Uint8Array): Uint8Array[] {
  if (bytes.length === 0) return [];
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === DOT) {
      out.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  return out;
}

/** g_ascii_strtoll in base 10: leading ASCII space, a sign, digits; saturates at the int64 limits. */
export function readSection(bytes: Uint8Array): Section {
  let i = 0;
  while (i < bytes.length && isAsciiSpace(bytes[i]!)) i++;
  let negative = false;
  if (bytes[i] === MINUS || bytes[i] === PLUS) negative = bytes[i++] === MINUS;
  const firstDigit = i;
  let magnitude = 0n;
  while (i < bytes.length && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) {
    magnitude = magnitude * 10n + BigInt(bytes[i]! - 0x30);
    i++;
  }
  if (i === firstDigit) return { value: 0n, rest: bytes };
  let value = negative ? -magnitude : magnitude;
  if (value > INT64_MAX) value = INT64_MAX;
  if (value < INT64_MIN) value = INT64_MIN;
  return { value, rest: bytes.subarray(i) };
}

/** fwupd compares `gchar`s, signed on x86: bytes 0x80-0xff sort before the end of a string. */
const signedChar = (byte: number): number => (byte >= 0x80 ? byte - 0x100 : byte);

/** `~` sorts before everything, end of string included; other bytes compare as signed chars. */
function compareByte(a: number, b: number): Ordering {
  if (a === b) return 0;
  if (a === TILDE) return -1;
  if (b === TILDE) return 1;
  return signedChar(a) < signedChar(b) ? -1 : 1;
}

function compareRest(a: Uint8Array, b: Uint8Array): Ordering {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const rc = compareByte(a[i]!, b[i]!);
    if (rc !== 0) return rc;
  }
  return compareByte(a[n] ?? 0, b[n] ?? 0);
}

/** fu_version_compare_safe: section by section; a version that runs out of sections first is older. */
export function compareSafe(a: string, b: string): Ordering {
  const sa = splitSections(cBytes(a));
  const sb = splitSections(cBytes(b));
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    if (i >= sa.length) return -1;
    if (i >= sb.length) return 1;
    const x = readSection(sa[i]!);
    const y = readSection(sb[i]!);
    const byValue = sign(x.value - y.value);
    if (byValue !== 0) return byValue;
    if (x.rest.length > 0 || y.rest.length > 0) {
      const byRest = compareRest(x.rest, y.rest);
      if (byRest !== 0) return byRest;
    }
  }
  return 0;
}

/** strcmp on the bytes (fwupd's `plain`). */
export function compareBytes(a: string, b: string): Ordering {
  const x = cBytes(a);
  const y = cBytes(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return sign(x.length - y.length);
}

/** One byte of a section's rest, in compareByte's order: `~` `,`; 0x80-0xff `-xx`; then `.` ends a section. */
function encodeRestByte(b: number): string {
  if (b === TILDE) return ',';
  if (b >= 0x80) return '-' + b.toString(16);
  return encodeByte(b);
}

/** Sort key of compareSafe: per section the integer, the rest, and `.` as the section's end. */
export function safeKey(s: string): string {
  let out = '';
  for (const raw of splitSections(cBytes(s))) {
    const { value, rest } = readSection(raw);
    out += encodeInt(value);
    for (const b of rest) out += encodeRestByte(b);
    out += '.';
  }
  return out;
}

/** Integer values of the sections, for display (imprecise beyond 2^53). */
export function sectionValues(s: string): number[] {
  return splitSections(cBytes(s)).map((raw) => Number(readSection(raw).value));
}
