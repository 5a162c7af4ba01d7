import { encodeBytes } from './encode.js';
import { compareBytes, compareSafe, safeKey, sectionValues } from './fwupd-compare.js';
import { normalizeHex } from './fwupd-format.js';
import { cBytes, normalizeText } from './text.js';
import type { FwupdScheme, SchemeHandler } from './types.js';

const text = (raw: string): string => normalizeText(raw);

/** `plain`: strcmp, as fwupd does (its NVMe plugin uses this format). */
export const plainScheme: SchemeHandler = {
  parse: () => ({ parts: [] }),
  compare: (a, b) => compareBytes(text(a.raw), text(b.raw)),
  key: (v) => encodeBytes(cBytes(text(v.raw))),
};

/** `hex`: both sides are normalized to 0x%08x first, then compared section-wise. */
export const hexScheme: SchemeHandler = {
  parse: (t) => {
    const normalized = normalizeHex(t);
    return { parts: sectionValues(normalized), fields: { normalized } };
  },
  compare: (a, b) => compareSafe(normalizeHex(text(a.raw)), normalizeHex(text(b.raw))),
  key: (v) => safeKey(normalizeHex(text(v.raw))),
};

/** Every other fwupd format, and `dotted` (fwupd's unknown format): fu_version_compare_safe. */
export const sectionScheme: SchemeHandler = {
  parse: (t) => ({ parts: sectionValues(t) }),
  compare: (a, b) => compareSafe(text(a.raw), text(b.raw)),
  key: (v) => safeKey(text(v.raw)),
};

export function fwupdHandler(scheme: FwupdScheme | 'dotted'): SchemeHandler {
  if (scheme === 'plain') return plainScheme;
  if (scheme === 'hex') return hexScheme;
  return sectionScheme;
}
