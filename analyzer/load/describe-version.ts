import type { DescribeVersion } from '../db/version-info.js';
import { guessScheme, isVersionScheme, parseVersion, versionKey, type VersionScheme } from '../version/index.js';

/** Scheme, sortable key and family for a firmware row (analyzer/version does the work). */
export const describeVersion: DescribeVersion = (version, hints) => {
  const scheme: VersionScheme =
    hints.scheme && isVersionScheme(hints.scheme)
      ? hints.scheme
      : guessScheme(version, { vendorId: hints.vendorId ?? undefined, driver: hints.driver ?? undefined, component: hints.component });
  const context = { cpuSignature: hints.cpuSignature, pciDeviceId: hints.deviceId ?? undefined };
  const parsed = parseVersion(version, scheme, context);
  return { scheme, versionKey: versionKey(parsed, scheme, context), family: parsed.family ?? null, unknown: parsed.unknown };
};
