/** fwupd's FwupdVersionFormat names (kebab-case, as in quirk files and LVFS metainfo), minus `unknown`. */
export const FWUPD_SCHEMES = [
  'plain',
  'number',
  'pair',
  'triplet',
  'quad',
  'bcd',
  'intel-me',
  'intel-me2',
  'surface-legacy',
  'surface',
  'dell-bios',
  'hex',
  'dell-bios-msb',
  'intel-csme19',
  'compal-bios',
] as const;

export type FwupdScheme = (typeof FWUPD_SCHEMES)[number];

/**
 * A scheme's name: one of fwupd's formats, `semver`, `dotted` (fwupd's comparison with an unknown format), or a
 * scheme a device class defines and registers (schemes.ts). Lower-case letters, digits and `-`: it starts
 * every version key.
 */
export type VersionScheme = string;

export function isFwupdScheme(name: string): name is FwupdScheme {
  return (FWUPD_SCHEMES as readonly string[]).includes(name);
}

/** Thrown only for programmer errors (an unknown scheme name, a non-string version); never for odd data. */
export class VersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VersionError';
  }
}

export interface VersionContext {
  /** CPU signature the microcode revision belongs to, e.g. `06-8f-08/87` (see cpuSignature()). */
  cpuSignature?: string;
  /** PCI device ID of the device reporting the version; recorded in `fields.pciDeviceId`. */
  pciDeviceId?: number;
}

export type Ordering = -1 | 0 | 1;

/** Why a version is unusable: blank, a placeholder such as `N/A` or all-ones, or not in the scheme's shape. */
export type UnknownReason = 'empty' | 'sentinel' | 'malformed';

export interface ParsedVersion {
  /** The string as given. */
  raw: string;
  scheme: VersionScheme;
  /** True when the string names no real version; such versions compare as null and have no key. */
  unknown: boolean;
  unknownReason?: UnknownReason;
  /** For `malformed`: what the scheme expected. */
  problem?: string;
  /** Numeric components in comparison order (empty for opaque schemes and unknown versions). */
  parts: readonly number[];
  /** Versions of different families never compare: the mlx5 major, the microcode CPU signature, … */
  family?: string;
  /** Named components specific to the scheme (PSID, EETrack, package version, …). */
  fields: Readonly<Record<string, string | number>>;
}

/** What a scheme module reports about a string that is not a sentinel. */
export interface SchemeParse {
  parts: readonly number[];
  family?: string;
  fields?: Record<string, string | number>;
  /** Set when the string does not have the scheme's shape; the version is then unknown. */
  malformed?: string;
}

export interface SchemeHandler {
  /** Versions without a family have no place in a sort key (a microcode revision needs its CPU). */
  familyRequired?: boolean;
  /** Every value of the scheme's shape is a real version: all zeros or all ones are not placeholders. */
  keepsSentinels?: boolean;
  parse(text: string, context: VersionContext): SchemeParse;
  /** Only called for two known versions of the same family. Null: the scheme cannot order them. */
  compare(a: ParsedVersion, b: ParsedVersion): Ordering | null;
  /** The part of the sort key after the family prefix; null when the scheme has no order. */
  key(v: ParsedVersion): string | null;
}

export function sign(n: number | bigint): Ordering {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Lexicographic comparison of numeric tuples; a tuple that is a prefix of the other is smaller. */
export function compareTuples(a: readonly number[], b: readonly number[]): Ordering {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return sign(a.length - b.length);
}
