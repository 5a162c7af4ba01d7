// For a class whose firmware revisions are vendor strings with no order (a drive's 8-character revision, say):
// two are equal or not, and rules match them exactly or with globMatch.
import type { SchemeHandler } from './types.js';
import { normalizeText } from './text.js';

export const opaqueScheme: SchemeHandler = {
  parse: () => ({ parts: [] }),
  compare: (a, b) => (normalizeText(a.raw) === normalizeText(b.raw) ? 0 : null),
  key: () => null,
};
