// Broadcom NICs. bnxt_en prints the firmware as `%d.%d.%d.%d` (major.minor.build.reserved) and appends
// `/pkg <package version>` when the firmware reports one. bnx2/bnx2x print a bootcode version instead,
// `[<ffv> ]bc %d.%d.%d[ phy <ver>]`; those form the family `bc` and never order against bnxt_en versions.
import { decimal, orderedScheme } from '../../version/index.js';

const BNXT = /^(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?(?:\s*\/\s*pkg\s+(\S+)|\s+pkg\s+(\S+))?$/i;
const BOOTCODE = /^(?:(\S+)\s+)?bc\s+(\d+)\.(\d+)\.(\d+)(?:\s+phy\s+(\S+))?$/i;

function numbers(groups: (string | undefined)[]): number[] | undefined {
  const values = groups.map(decimal);
  return values.every((v): v is number => v !== undefined) ? values : undefined;
}

export const bnxtScheme = orderedScheme((text) => {
  const bc = BOOTCODE.exec(text);
  if (bc) {
    const version = numbers([bc[2], bc[3], bc[4]]);
    if (version) {
      const fields: Record<string, string> = {};
      if (bc[1]) fields.ffv = bc[1];
      if (bc[5]) fields.phy = bc[5];
      return { parts: version, family: 'bc', fields, order: version };
    }
  }
  const m = BNXT.exec(text);
  const fw = m ? numbers([m[1], m[2], m[3], m[4] ?? '0']) : undefined;
  if (!m || !fw) {
    return { parts: [], malformed: `not a Broadcom firmware version (a.b.c.d[/pkg p]): ${JSON.stringify(text)}` };
  }
  const pkg = m[5] ?? m[6];
  const pkgParts = pkg !== undefined && /^\d+(?:\.\d+)*$/.test(pkg) ? numbers(pkg.split('.')) : undefined;
  // Ordered by the firmware version the driver itself checks, then by a numeric package version (absent first).
  const order = [...fw, ...(pkgParts ? [1, ...pkgParts] : [0])];
  return { parts: fw, fields: pkg !== undefined ? { pkg } : undefined, order };
});
