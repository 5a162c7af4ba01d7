// Which handler reads a scheme's versions: the generic schemes built in here, and the schemes device classes
// define for their firmware (analyzer/classes/<name>/, registered by analyzer/classes/index.ts).
import { fwupdHandler } from './fwupd.js';
import { semverScheme } from './semver.js';
import { FWUPD_SCHEMES, isFwupdScheme, VersionError, type SchemeHandler, type VersionScheme } from './types.js';

/** Schemes that belong to no device: fwupd's formats, `dotted` (fwupd's unknown format) and `semver`. */
export const GENERIC_SCHEMES: readonly VersionScheme[] = [...FWUPD_SCHEMES, 'dotted', 'semver'];

const registered = new Map<VersionScheme, { handler: SchemeHandler; owner: string }>();

/** A scheme name starts every version key (`<scheme>[:<family>]|…`), so it may hold neither `:` nor `|`. */
const NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Registers the schemes `owner` (a device class) defines. A name that is generic, not in NAME's shape, or
 * already defined by another owner is refused; registering the same handler again is harmless.
 */
export function registerSchemes(owner: string, schemes: Readonly<Record<string, SchemeHandler>>): void {
  for (const [name, handler] of Object.entries(schemes)) {
    if (!NAME.test(name)) throw new VersionError(`version scheme name ${JSON.stringify(name)} (class ${owner}) must be lower-case letters, digits and -`);
    if (GENERIC_SCHEMES.includes(name)) throw new VersionError(`version scheme ${name} (class ${owner}) is a generic scheme`);
    const had = registered.get(name);
    if (had && (had.owner !== owner || had.handler !== handler)) {
      throw new VersionError(`version scheme ${name} is defined twice (classes ${had.owner} and ${owner})`);
    }
    registered.set(name, { handler, owner });
  }
}

/** Every scheme a version may be read with now: the generic ones, then the registered ones by name. */
export function versionSchemes(): VersionScheme[] {
  return [...GENERIC_SCHEMES, ...[...registered.keys()].sort()];
}

export function isVersionScheme(name: unknown): name is VersionScheme {
  return typeof name === 'string' && (GENERIC_SCHEMES.includes(name) || registered.has(name));
}

/** Whether a version of the scheme needs its family from the context (a microcode revision, its CPU's signature). */
export function familyRequired(scheme: VersionScheme): boolean {
  return isVersionScheme(scheme) && handlerFor(scheme).familyRequired === true;
}

export function handlerFor(scheme: unknown): SchemeHandler {
  if (typeof scheme === 'string') {
    if (scheme === 'dotted' || isFwupdScheme(scheme)) return fwupdHandler(scheme);
    if (scheme === 'semver') return semverScheme;
    const own = registered.get(scheme);
    if (own) return own.handler;
  }
  throw new VersionError(`unknown version scheme ${JSON.stringify(scheme)}`);
}
