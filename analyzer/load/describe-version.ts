import type { DescribeVersion } from '../db/version-info.js';
import { SCHEME_GUIDES } from '../classes/index.js';
import { guessScheme, isVersionScheme, parseVersion, versionKey, type ParsedVersion, type VersionScheme } from '../version/index.js';

const malformed = (p: ParsedVersion): boolean => p.unknown && p.unknownReason === 'malformed';

/**
 * Scheme, sortable key and family for a firmware row (analyzer/version does the work). The scheme is taken
 * from the row, else guessed from the device (driver, vendor) and component. A device reports versions of
 * other shapes too (devlink's build numbers, bundle ids, board ids): a string the guessed scheme cannot read
 * is read with fwupd's own guess, and failing that kept as plain text — it is not an unknown version.
 */
export const describeVersion: DescribeVersion = (version, hints) => {
  const context = { cpuSignature: hints.family, pciDeviceId: hints.deviceId ?? undefined };
  const given = hints.scheme && isVersionScheme(hints.scheme) ? hints.scheme : undefined;
  let scheme: VersionScheme =
    given ?? guessScheme(version, { vendorId: hints.vendorId ?? undefined, driver: hints.driver ?? undefined, component: hints.component }, SCHEME_GUIDES);
  let parsed = parseVersion(version, scheme, context);
  if (!given && malformed(parsed)) {
    scheme = guessScheme(version);
    parsed = parseVersion(version, scheme, context);
    if (malformed(parsed)) parsed = parseVersion(version, (scheme = 'plain'), context);
  }
  return { scheme, versionKey: versionKey(parsed, scheme, context), family: parsed.family ?? null, unknown: parsed.unknown };
};
