export { compareVersions, type VersionInput } from './compare.js';
export { encodeUint } from './encode.js';
export { parseFromFormat, versionFromUint32 } from './fwupd-format.js';
export { globMatch } from './glob.js';
export { guessScheme, type SchemeGuides, type SchemeHints } from './guess.js';
export { keyFamilyRange, versionKey } from './key.js';
export { opaqueScheme } from './opaque.js';
export { decimal, hexadecimal, orderedScheme, type Analysis } from './ordered.js';
export { parseVersion } from './parse.js';
export { familyRequired, GENERIC_SCHEMES, isVersionScheme, registerSchemes, versionSchemes } from './schemes.js';
export {
  compareTuples,
  sign,
  VersionError,
  type FwupdScheme,
  type Ordering,
  type ParsedVersion,
  type SchemeHandler,
  type SchemeParse,
  type UnknownReason,
  type VersionContext,
  type VersionScheme,
} from './types.js';
