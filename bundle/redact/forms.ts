import { HEX_KIND_BYTES, type HexKind, type SecretKind } from './tokens.js';

/**
 * One spelling of a secret as bytes, with its replacement of the same length, both as latin1 strings (one
 * character per byte: a fraction of the memory of two Buffers, with tens of thousands of secrets in thirty
 * spellings each). `ci` patterns are stored lowercased and searched in a lowercased copy (ASCII letters
 * only), so upper, lower and mixed case all match.
 */
export interface Form {
  pattern: string;
  replacement: string;
  ci: boolean;
  /** Only where not preceded or followed by an ASCII letter or digit (hostnames). */
  boundary: boolean;
}

/** Shortest secrets searched for everywhere; shorter ones are only replaced in the fields they come from. */
export const MIN_LITERAL = { serial: 4, hostname: 3 } as const;

const bytes = (b: Buffer): string => b.toString('latin1');
const ascii = (s: string): string => bytes(Buffer.from(s, 'latin1'));
const utf16le = (s: string): string => bytes(Buffer.from(s, 'utf16le'));
const utf16be = (s: string): string => bytes(Buffer.from(s, 'utf16le').swap16());
const hexOf = (s: string): string => Buffer.from(s, 'latin1').toString('hex');

/** ATA IDENTIFY strings: each 16-bit word holds two characters, the first in the high byte. */
export function swapPairs(s: string): string {
  const even = s.length % 2 ? s + ' ' : s;
  let out = '';
  for (let i = 0; i < even.length; i += 2) out += even[i + 1]! + even[i]!;
  return out;
}

/** Each `width`-byte word reversed (a trailing part shorter than a word is left as it is). */
function wordSwapped(b: Buffer, width: number): Buffer {
  const out = Buffer.from(b);
  for (let i = 0; i + width <= out.length; i += width) out.subarray(i, i + width).reverse();
  return out;
}

/** A string's characters four by four in reverse, as a little-endian 32-bit word holds them (padded with spaces). */
function swapQuads(s: string): string {
  const padded = s.length % 4 ? s + ' '.repeat(4 - (s.length % 4)) : s;
  let out = '';
  for (let i = 0; i < padded.length; i += 4) out += padded.slice(i, i + 4).split('').reverse().join('');
  return out;
}

function group(hex: string, size: number, sep: string): string {
  const parts: string[] = [];
  for (let i = 0; i < hex.length; i += size) parts.push(hex.slice(i, i + size));
  return parts.join(sep);
}

function textRenderings(hex: string, bytes: number): string[] {
  const out = [hex];
  for (const sep of [':', '-', ' ', '.']) out.push(group(hex, 2, sep), group(hex, 4, sep));
  if (bytes === 16) out.push([hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-'));
  return out;
}

/** Microsoft/SMBIOS GUID byte order: the first three fields little-endian. */
function mixedEndian(b: Buffer): Buffer {
  const m = Buffer.from(b);
  m.subarray(0, 4).reverse();
  m.subarray(4, 6).reverse();
  m.subarray(6, 8).reverse();
  return m;
}

function textForms(orig: string, repl: string, boundary = false): Form[] {
  const forms: Form[] = [];
  for (const enc of [ascii, utf16le, utf16be]) {
    forms.push({ pattern: enc(orig.toLowerCase()), replacement: enc(repl), ci: true, boundary: boundary && enc === ascii });
  }
  return forms;
}

function hexIdForms(kind: HexKind, key: string, token: string): Form[] {
  const n = HEX_KIND_BYTES[kind];
  const forms: Form[] = [];
  const a = textRenderings(key, n);
  const b = textRenderings(token, n);
  a.forEach((r, i) => forms.push(...textForms(r, b[i]!)));
  const rk = Buffer.from(key, 'hex');
  const rt = Buffer.from(token, 'hex');
  forms.push({ pattern: bytes(rk), replacement: bytes(rt), ci: false, boundary: false });
  forms.push({ pattern: bytes(Buffer.from(rk).reverse()), replacement: bytes(Buffer.from(rt).reverse()), ci: false, boundary: false });
  if (n === 16) forms.push({ pattern: bytes(mixedEndian(rk)), replacement: bytes(mixedEndian(rt)), ci: false, boundary: false });
  // Stored in little-endian 16- or 32-bit words (register dumps, firmware structures), as raw bytes and as the hex
  // a dump prints of those words.
  for (const width of [2, 4]) {
    if (n % width) continue;
    const wk = wordSwapped(rk, width);
    const wt = wordSwapped(rt, width);
    forms.push({ pattern: bytes(wk), replacement: bytes(wt), ci: false, boundary: false });
    const hk = wk.toString('hex');
    const ht = wt.toString('hex');
    for (const sep of ['', ' ']) forms.push(...textForms(group(hk, width * 2, sep), group(ht, width * 2, sep)).slice(0, 1));
  }
  return forms;
}

function stringForms(kind: 'serial' | 'hostname', key: string, token: string): Form[] {
  if (key.length < MIN_LITERAL[kind] || key.length !== token.length) return [];
  const forms = textForms(key, token, kind === 'hostname');
  if (kind === 'hostname') return forms;
  // Hex of the bytes, as dumps print them: run together, or bytes apart (`50 42 4b`, `50:42:4b`), or in 16-bit groups.
  const hexForms = (k: string, t: string): Form[] =>
    [(h: string) => h, (h: string) => group(h, 2, ' '), (h: string) => group(h, 2, ':'), (h: string) => group(h, 2, '-'), (h: string) => group(h, 4, ' ')].map((g) => ({
      pattern: g(hexOf(k)).toLowerCase(),
      replacement: g(hexOf(t)),
      ci: true,
      boundary: false,
    }));
  forms.push(...hexForms(key, token));
  for (const lead of ['', ' ']) {
    const sk = swapPairs(lead + key);
    const st = swapPairs(lead + token);
    forms.push({ pattern: ascii(sk.toLowerCase()), replacement: ascii(st), ci: true, boundary: false });
    forms.push(...hexForms(sk, st));
  }
  // Characters in little-endian 32-bit words.
  const k4 = swapQuads(key);
  const t4 = swapQuads(token);
  if (k4 !== key) forms.push({ pattern: ascii(k4.toLowerCase()), replacement: ascii(t4), ci: true, boundary: false });
  return forms;
}

/** Every spelling fwsnap searches for, for one secret. IP addresses have none (they are found by pattern in text). */
export function formsOf(kind: SecretKind, key: string, token: string): Form[] {
  switch (kind) {
    case 'mac':
    case 'eui64':
    case 'uuid':
      return hexIdForms(kind, key, token);
    case 'serial':
    case 'hostname':
      return stringForms(kind, key, token);
    default:
      return [];
  }
}
