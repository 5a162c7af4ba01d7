import { HEX_KIND_BYTES, type HexKind, type SecretKind, type TokenMap } from './tokens.js';

const PLACEHOLDERS = new RegExp(
  '^(?:n/?a|none|null|nil|unknown|empty|invalid|oem|default|default string|not specified|not available|not applicable|not present|' +
    'to be filled by o\\.?e\\.?m\\.?|system serial number|chassis serial number|base board serial number|serial number|' +
    'sn|serial|0123456789|1234567890|123456789|none specified|not set)$',
  'i',
);

/** Values that identify nothing (vendor placeholders, all one character). */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return v === '' || PLACEHOLDERS.test(v) || /^(.)\1*$/.test(v.replace(/[\s.:-]/g, '')) || /^[\s.:-]*$/.test(v);
}

/** Hex digits of a hex identifier written in any common way (separators `:-. `, optional 0x), or undefined. */
export function hexIdDigits(value: string): string | undefined {
  const v = value.trim().replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]+(?:[:. -]?[0-9a-fA-F]+)*$/.test(v)) return undefined;
  return v.replace(/[:. -]/g, '').toLowerCase();
}

/** A MAC as written: six groups of two hex digits with one separator throughout, or 12 hex digits standing alone. */
const MAC_FORM = /^(?:0x)?[0-9a-f]{12}$|^[0-9a-f]{2}([:. -])(?:[0-9a-f]{2}\1){4}[0-9a-f]{2}$/i;

/**
 * The hex id a whole value is written as, or undefined: a MAC only in a MAC's form, so a serial that merely holds
 * 12 hex digits (a cable's `C2604279049-2`) is no MAC.
 */
function hexIdOf(value: string): { digits: string; kind: HexKind } | undefined {
  const digits = hexIdDigits(value);
  const kind = digits ? hexKindOf(digits) : undefined;
  if (!digits || !kind || (kind === 'mac' && !MAC_FORM.test(value))) return undefined;
  return { digits, kind };
}

export function hexKindOf(digits: string): HexKind | undefined {
  for (const [k, n] of Object.entries(HEX_KIND_BYTES) as [HexKind, number][]) if (digits.length === n * 2) return k;
  return undefined;
}

/** The token rendered in the original's notation: its hex digits replaced one by one, separators and case kept. */
export function renderHexLike(original: string, tokenHex: string): string {
  const prefix = /^\s*0x/i.exec(original)?.[0] ?? '';
  const upper = /[A-F]/.test(original.slice(prefix.length)) && !/[a-f]/.test(original.slice(prefix.length));
  let i = 0;
  const body = original.slice(prefix.length).replace(/[0-9a-fA-F]/g, () => {
    const c = tokenHex[i++] ?? '0';
    return upper ? c.toUpperCase() : c;
  });
  return prefix + body;
}

export function applyCase(original: string, token: string): string {
  const letters = original.replace(/[^A-Za-z]/g, '');
  if (letters && letters === letters.toUpperCase()) return token.toUpperCase();
  if (letters && letters === letters.toLowerCase()) return token.toLowerCase();
  return token;
}

/**
 * Registers a value that identifies a device (a serial number field, a devlink serial, a VPD field) and
 * returns its replacement in the same notation and length. Hex identifiers of MAC, EUI-64 or UUID size
 * become tokens of that kind, so the same id written as a serial and as an address maps to one token.
 * Placeholders are returned unchanged.
 */
export function redactIdentifier(t: TokenMap, value: string, fallback: SecretKind = 'serial', hexIds = true): string {
  const core = value.trim();
  if (isPlaceholder(core)) return value;
  const id = hexIds ? hexIdOf(core) : undefined;
  const digits = id?.digits;
  const kind = id?.kind;
  let replaced: string;
  if (digits && kind && t.isToken(kind, digits)) return value;
  if (!(digits && kind) && t.isToken(fallback, fallback === 'hostname' ? core.toLowerCase() : core)) return value;
  if (digits && kind && !/^0+$/.test(digits)) replaced = renderHexLike(core, t.token(kind, digits));
  else if (fallback === 'hostname') replaced = applyCase(core, t.token('hostname', core.toLowerCase()));
  else {
    replaced = t.token('serial', core);
    for (const part of compositeParts(core)) if (!t.isToken('serial', part)) t.token('serial', part);
  }
  const at = value.indexOf(core);
  return value.slice(0, at) + replaced + value.slice(at + core.length);
}

export function redactHexId(t: TokenMap, kind: HexKind, original: string): string {
  const digits = hexIdDigits(original);
  if (!digits || digits.length !== HEX_KIND_BYTES[kind] * 2 || /^0+$/.test(digits) || /^f+$/.test(digits)) return original;
  if (t.isToken(kind, digits)) return original;
  return renderHexLike(original, t.token(kind, digits));
}

/**
 * The parts of a serial made of several (a Dell board serial `.7XXXXX2.CNFCP0012345678A.` holds the
 * service tag and the board's part serial): each is learned too, since each also appears on its own.
 * Parts need a digit and five characters, so that words and small numbers are never taken for secrets.
 */
export function compositeParts(serial: string): string[] {
  const parts = serial.split(/[.\/|\s]+/).filter((p) => p.length >= 5 && /\d/.test(p) && !isPlaceholder(p));
  return parts.length > 1 || (parts.length === 1 && parts[0] !== serial) ? parts : [];
}
