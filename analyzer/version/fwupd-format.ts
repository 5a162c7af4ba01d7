// fwupd's version formats: rendering raw integers, guessing a format, and normalizing `hex` versions.
import { cBytes, cString, isAsciiSpace } from './text.js';
import { VersionError, type FwupdScheme } from './types.js';

const UINT32_MAX = 0xffffffff;
const UINT64_MAX = (1n << 64n) - 1n;

const bcd = (byte: number): number => ((byte >> 4) & 0x0f) * 10 + (byte & 0x0f);
const hex2 = (byte: number): string => byte.toString(16).padStart(2, '0');

/** How fwupd renders a raw 32-bit version in each format (fu_version_from_uint32; compal-bios per fwupd 2.1.4). */
export function versionFromUint32(value: number, scheme: FwupdScheme): string {
  if (!Number.isInteger(value) || value < 0 || value > UINT32_MAX) {
    throw new VersionError(`versionFromUint32: ${value} is not an unsigned 32-bit integer`);
  }
  const v = value >>> 0;
  const b3 = (v >>> 24) & 0xff;
  const b2 = (v >>> 16) & 0xff;
  const b1 = (v >>> 8) & 0xff;
  const b0 = v & 0xff;
  const lo16 = v & 0xffff;
  switch (scheme) {
    case 'plain':
    case 'number':
      return String(v);
    case 'pair':
      return `${(v >>> 16) & 0xffff}.${lo16}`;
    case 'triplet':
      return `${b3}.${b2}.${lo16}`;
    case 'quad':
      return `${b3}.${b2}.${b1}.${b0}`;
    case 'bcd':
      return `${bcd(b3)}.${bcd(b2)}.${bcd(b1)}.${bcd(b0)}`;
    case 'intel-me':
      return `${((v >>> 29) & 0x07) + 0x0b}.${(v >>> 24) & 0x1f}.${b2}.${lo16}`;
    case 'intel-csme19':
      return `${((v >>> 29) & 0x07) + 19}.${(v >>> 24) & 0x1f}.${b2}.${lo16}`;
    case 'intel-me2':
      return `${(v >>> 28) & 0x0f}.${(v >>> 24) & 0x0f}.${b2}.${lo16}`;
    case 'surface-legacy':
      return `${(v >>> 22) & 0x3ff}.${(v >>> 10) & 0xfff}.${v & 0x3ff}`;
    case 'surface':
      return `${b3}.${(v >>> 8) & 0xffff}.${b0}`;
    case 'dell-bios':
      return `${b2}.${b1}.${b0}`;
    case 'dell-bios-msb':
      return `${b3}.${b2}.${b1}`;
    case 'hex':
      return '0x' + v.toString(16).padStart(8, '0');
    case 'compal-bios':
      return `${hex2(b1)}.${hex2(b0)}`;
  }
}

/**
 * g_ascii_strtoull(s, …, base) as fu_strtoull uses it: the value, or undefined unless everything up to the
 * end (or a newline) was digits. Overflow gives UINT64_MAX whatever the sign; otherwise `-` negates modulo 2^64.
 */
function strtoull(bytes: Uint8Array, base: 10 | 16): bigint | undefined {
  let i = 0;
  while (i < bytes.length && isAsciiSpace(bytes[i]!)) i++;
  let negative = false;
  if (bytes[i] === 0x2d || bytes[i] === 0x2b) negative = bytes[i++] === 0x2d;
  if (base === 16 && bytes[i] === 0x30 && (bytes[i + 1] === 0x78 || bytes[i + 1] === 0x58)) i += 2;
  const first = i;
  let value = 0n;
  for (; i < bytes.length; i++) {
    const digit = digitValue(bytes[i]!);
    if (digit === undefined || digit >= base) break;
    value = value * BigInt(base) + BigInt(digit);
    if (value > UINT64_MAX) value = UINT64_MAX + 1n;
  }
  if (i === first) return bytes.length === 0 || bytes[0] === 0x0a ? 0n : undefined;
  if (i !== bytes.length && bytes[i] !== 0x0a) return undefined;
  if (value > UINT64_MAX) return UINT64_MAX;
  return negative && value !== 0n ? (1n << 64n) - value : value;
}

function digitValue(byte: number): number | undefined {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  return undefined;
}

/**
 * fu_version_parse_from_format: a decimal or 0x-prefixed integer of 1..2^32-1 is rendered in the format
 * (versionFromUint32); dotted strings, 8-character strings starting with `20` (dates), zero and anything
 * unparsable stay as they are. This is how fwupd reads raw integers such as ESRT `fw_version` values.
 */
export function parseFromFormat(version: string, scheme: FwupdScheme): string {
  const text = cString(version);
  if (text.includes('.')) return text;
  const bytes = cBytes(text);
  if (text.startsWith('20') && bytes.length === 8) return text;
  const prefixed = text.startsWith('0x');
  const value = strtoull(prefixed ? bytes.subarray(2) : bytes, prefixed ? 16 : 10);
  if (value === undefined || value === UINT64_MAX || value > BigInt(UINT32_MAX) || value === 0n) return text;
  return versionFromUint32(Number(value), scheme);
}

/** What fwupd compares for `hex`: the version as `0x%08x` where it is an integer. */
export function normalizeHex(version: string): string {
  return parseFromFormat(version, 'hex');
}

/** fu_version_guess_format; `dotted` stands for fwupd's `unknown` (empty, or five sections and more). */
export function guessFwupdFormat(text: string): FwupdScheme | 'dotted' {
  if (text === '') return 'dotted';
  const sections = text.split('.');
  if (sections.length === 1) {
    if (text.startsWith('0x') || /^\d*$/.test(text)) return 'number';
    if (/^[0-9a-fA-F]+$/.test(text)) return 'hex';
    return 'plain';
  }
  if (!sections.every((s) => /^\d*$/.test(s))) return 'plain';
  if (sections.length === 2) return 'pair';
  if (sections.length === 3) return 'triplet';
  if (sections.length === 4) return 'quad';
  return 'dotted';
}
