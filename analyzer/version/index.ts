export { compareVersions, type VersionInput } from './compare.js';
export { parseFromFormat, versionFromUint32 } from './fwupd-format.js';
export { globMatch } from './glob.js';
export { guessScheme, type SchemeGuides, type SchemeHints } from './guess.js';
export { keyFamilyRange, versionKey } from './key.js';
export { cpuSignature } from './microcode.js';
export { parseVersion } from './parse.js';
export {
  isVersionScheme,
  VERSION_SCHEMES,
  VersionError,
  type FwupdScheme,
  type Ordering,
  type ParsedVersion,
  type UnknownReason,
  type VersionContext,
  type VersionScheme,
} from './types.js';
