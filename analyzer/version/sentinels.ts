import type { UnknownReason } from './types.js';

/** Placeholders that tools, firmware and SMBIOS tables print instead of a version (compared case-insensitively). */
const PLACEHOLDERS = new Set([
  'n/a',
  'na',
  'unknown',
  'none',
  '(none)',
  'null',
  '-',
  '--',
  '?',
  'not specified',
  'not available',
  'not applicable',
  'not present',
  'to be filled by o.e.m.',
  'default string',
]);

/** Largest value of an all-ones field of 8, 16 or 32 bits, as printed in decimal. */
const ALL_ONES = new Set(['255', '65535', '4294967295']);

/**
 * Why a normalized version string names no version, or undefined when it may be a real one.
 * Covers blank strings, placeholders, what a person wrote where they cut the value out (`REDACTED`, `XXXXXXXX`), all-zero versions (`0`, `0.0.0`, `0x00000000`) and all-ones versions
 * (`255.255.65535`, `65535.65535.65535`, `0xffffffff`, `ffff.ffff`, erased-flash 0xff bytes), also when the tool
 * appended a parenthesised note (`255.255.65535 (MT_0000000436)`).
 */
export function sentinelReason(text: string): UnknownReason | undefined {
  if (text === '') return 'empty';
  const own = ownSentinel(text);
  if (own) return own;
  // A placeholder followed by what the tool appends to every version: `255.255.65535 (MT_0000000436)` from ethtool -i on mlx5.
  const core = text.replace(/\s*\([^()]*\)$/, '').trim();
  return core !== text && core !== '' ? ownSentinel(core) : undefined;
}

/** What people put where they cut a value out of a paste, or write where they do not know it: `REDACTED`, `[redacted]`, `<removed>`, `XXXXXXXX`, `x.x.x`, `****`. */
const REDACTION = /^(?:[[<(]?\s*(?:redacted|removed|hidden|masked)\s*[\]>)]?|x{4,}|x+(?:\.x+)+|\*{3,})$/i;

/** A printed name, description or identifier that names nothing: a tool's placeholder (`N/A`) or a person's mask (`REDACTED`, `XXXXXXXX`). */
export function namesNothing(text: string): boolean {
  const t = text.trim();
  return t === '' || PLACEHOLDERS.has(t.toLowerCase()) || REDACTION.test(t);
}

function ownSentinel(text: string): UnknownReason | undefined {
  if (PLACEHOLDERS.has(text.toLowerCase()) || REDACTION.test(text)) return 'sentinel';
  if (/^(?:0x)?0+$/i.test(text) || /^0+(?:\.0+)+$/.test(text)) return 'sentinel';
  if (/^(?:0x)?f{4,}$/i.test(text)) return 'sentinel';
  if (/^[\u00ff\ufffd]+$/.test(text)) return 'sentinel';
  const sections = text.split('.');
  if (sections.length >= 2 && sections.every((s) => ALL_ONES.has(s) || /^(?:0x)?f{2,}$/i.test(s))) return 'sentinel';
  return undefined;
}
