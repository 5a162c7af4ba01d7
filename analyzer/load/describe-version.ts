import type { DescribeVersion } from '../db/version-info.js';

/** Version scheme, key and family for the firmware table (analyzer/version does the work). */
export const describeVersion: DescribeVersion = (version, hints) => ({
  scheme: hints.scheme ?? null,
  versionKey: null,
  family: null,
  unknown: version.trim() === '',
});
