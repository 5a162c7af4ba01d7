/** Scheme, sortable key and family of a firmware version, as stored in the firmware table. */
export interface VersionInfo {
  scheme: string | null;
  versionKey: string | null;
  family: string | null;
  unknown: boolean;
}

export interface VersionHints {
  scheme?: string;
  vendorId?: number | null;
  deviceId?: number | null;
  driver?: string | null;
  component: string;
  /** See FirmwareRow.family. */
  family?: string;
}

export type DescribeVersion = (version: string, hints: VersionHints) => VersionInfo;
