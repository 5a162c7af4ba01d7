/**
 * Version keys: strings whose plain binary comparison (SQLite `<`, `BETWEEN`, `ORDER BY` with the default
 * BINARY collation, or JavaScript `<`) orders two versions of the same scheme and family exactly as
 * compareVersions does, equal keys meaning compareVersions answers 0.
 *
 * Format (pure ASCII):   <scheme>[:<family>]|<body>
 *   - scheme  the VersionScheme name, e.g. `triplet`, or one a class registers such as `mlx5`;
 *   - family  present when the scheme has families: the mlx5 major (`mlx5:22|`), the microcode CPU
 *             signature (`microcode:06-8f-08/87|`), `nvm`/`oem` for intel-nvm, `bc` for bnx2/bnx2x bootcode,
 *             `dotted`/`lenovo-<id>`/`hpe-<rom>` for dmi-bios. Bytes other than letters, digits and `._/-`
 *             are written %XX, so a family never contains `|`.
 *   - body    order-preserving encoding of the version:
 *       integer n ≥ 0    its digit count as a letter (`a` = 1 digit … `y` = 25; `z` + the count encoded the same
 *                        way for longer), then the digits without leading zeros: 7 → `a7`, 1010 → `d1010`;
 *       integer n < 0    (fwupd sections such as `-1`) a capital letter falling with the digit count (`Y` = 1
 *                        digit) and the 9's complement of the digits: -3 → `Y6`; all negatives sort first;
 *       fwupd formats    per `.`-section: the integer g_ascii_strtoll reads, the rest of the section and `.`
 *                        ending the section: `1.2.3~rc1` → `a1.a2.a3,rc1.`. In the rest, `~` is `,`, bytes
 *                        0x80-0xff are `-xx` (fwupd compares signed chars, so they sort before the end),
 *                        bytes `0`..`|` are themselves, other bytes `/xx` below and `}xx` above (xx = hex);
 *                        `plain` is the bytes escaped that way (strcmp order); `hex` keys the 0x%08x form;
 *       tuple schemes    the numbers of the order tuple joined with `.`: mlx5 `minor.subminor` (`mlx5:22|b36.d1010`),
 *                        bnxt `maj.min.build.rsv.<1 + pkg numbers | 0>`, intel-nvm `maj.min.<1 + combo | 0>.
 *                        <1 + eetrack | 0>` (hex fields as their values), dmi-bios the recognised numbers;
 *       microcode        the revision as 8 lowercase hex digits (`microcode:06-8f-08/87|2b000571`);
 *       semver           `maj.min.patch` then `~` for a release or `-` and the pre-release identifiers joined by
 *                        `,` (numbers encoded as integers, others as `~text`).
 *
 * versionKey is null for unknown versions, for schemes or strings with no order (nvme, ata, unrecognised BIOS
 * strings) and for a microcode revision without a CPU signature. Keys of different families are NOT comparable;
 * bound every comparison to one family with keyFamilyRange: `key > :low AND key < :threshold` means "older
 * than threshold within the family" and `key > :threshold AND key < :high` means "newer".
 */
import { encodeFamily } from './encode.js';
import { asParsed, type VersionInput } from './compare.js';
import { handlerFor } from './schemes.js';
import type { VersionContext, VersionScheme } from './types.js';

function prefix(scheme: VersionScheme, family: string | undefined): string {
  return family === undefined ? `${scheme}|` : `${scheme}:${encodeFamily(family)}|`;
}

export function versionKey(raw: VersionInput, scheme: VersionScheme, context?: VersionContext): string | null {
  const handler = handlerFor(scheme);
  const v = asParsed(raw, scheme, context);
  if (v.unknown) return null;
  if (v.family === undefined && handler.familyRequired) return null;
  const body = handler.key(v);
  return body === null || body === '' ? null : prefix(scheme, v.family) + body;
}

/** Bounds such that low < key < high for every key of that scheme and family. */
export function keyFamilyRange(scheme: VersionScheme, family?: string): { low: string; high: string } {
  handlerFor(scheme);
  const low = prefix(scheme, family);
  return { low, high: low.slice(0, -1) + '}' };
}
