import { parseVersion } from './parse.js';
import { handlerFor } from './schemes.js';
import { VersionError, type Ordering, type ParsedVersion, type VersionContext, type VersionScheme } from './types.js';

/** A raw string (read with the scheme and context given) or a version parseVersion already read. */
export type VersionInput = string | ParsedVersion;

export function asParsed(v: VersionInput, scheme: VersionScheme, context?: VersionContext): ParsedVersion {
  if (typeof v === 'string') return parseVersion(v, scheme, context);
  if (v === null || typeof v !== 'object' || typeof v.raw !== 'string') {
    throw new VersionError(`expected a version string or a parsed version, got ${String(v)}`);
  }
  if (v.scheme !== scheme) throw new VersionError(`version ${JSON.stringify(v.raw)} was read as ${v.scheme}, not ${scheme}`);
  return v;
}

/**
 * -1, 0 or 1 as a is older, the same as, or newer than b; null when they cannot be ordered: either is unknown,
 * their families differ (mlx5 majors, microcode CPU signatures, Intel NVM vs OEM, …), or the scheme has no
 * order and they differ (nvme, ata, unrecognised BIOS strings). fwupd formats follow fu_version_compare.
 */
export function compareVersions(
  a: VersionInput,
  b: VersionInput,
  scheme: VersionScheme,
  context?: VersionContext,
): Ordering | null {
  const handler = handlerFor(scheme);
  const x = asParsed(a, scheme, context);
  const y = asParsed(b, scheme, context);
  if (x.unknown || y.unknown || x.family !== y.family) return null;
  return handler.compare(x, y);
}
