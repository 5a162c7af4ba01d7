import type { Db } from '../db/database.js';
import { compareVersions, globMatch, parseVersion, type VersionScheme } from '../version/index.js';

const registered = new WeakSet<Db>();

/**
 * SQL helpers rules (and users of `fwsnap query`) can call:
 *   fw_cmp(version, reference, scheme, family) → -1, 0, 1, or NULL when the two cannot be ordered
 *   kglob(pattern, text) → 1 when text matches the kernel-style glob
 */
export function registerSqlFunctions(db: Db): void {
  if (registered.has(db)) return;
  registered.add(db);
  db.function('fw_cmp', { deterministic: true }, (version: unknown, ref: unknown, scheme: unknown, family: unknown) => {
    if (typeof version !== 'string' || typeof ref !== 'string') return null;
    const s = (typeof scheme === 'string' ? scheme : 'plain') as VersionScheme;
    try {
      const ctx = typeof family === 'string' ? { family } : undefined;
      const a = parseVersion(version, s, ctx);
      const b = parseVersion(ref, s, a.family !== undefined && a.family !== null ? { family: String(a.family) } : ctx);
      return compareVersions(a, b, s);
    } catch {
      return null;
    }
  });
  db.function('kglob', { deterministic: true }, (pattern: unknown, text: unknown) => {
    if (typeof pattern !== 'string' || typeof text !== 'string') return null;
    return globMatch(pattern, text) ? 1 : 0;
  });
}
