// NVMe `fr` (8 bytes, space padded) and ATA IDENTIFY firmware revisions (8 chars) are vendor strings with no
// order: they are equal or not, and rules match them exactly or with globMatch.
import type { SchemeHandler } from './types.js';
import { normalizeText } from './text.js';

export const opaqueScheme: SchemeHandler = {
  parse: () => ({ parts: [] }),
  compare: (a, b) => (normalizeText(a.raw) === normalizeText(b.raw) ? 0 : null),
  key: () => null,
};
