import type { Db } from '../db/database.js';
import { compareVersions, familyRequired, globMatch, isVersionScheme, type VersionContext, type VersionScheme } from '../version/index.js';

const registered = new WeakSet<Db>();

/** Kernel releases ("6.1.0-18-amd64") order by their leading numeric part only. */
const kernelNumbers = (s: string): string => /^\d+(\.\d+)*/.exec(s.trim())?.[0] ?? s;

/** Compares a stored version with a rule's reference in the stored row's scheme and family. */
export function fwCompare(version: string, reference: string, scheme: string | null, family: string | null): number | null {
  if (scheme === 'kernel') return compareVersions(kernelNumbers(version), kernelNumbers(reference), 'dotted');
  const s: VersionScheme = scheme && isVersionScheme(scheme) ? scheme : 'dotted';
  const context: VersionContext = family && familyRequired(s) ? { cpuSignature: family } : {};
  return compareVersions(version, reference, s, context);
}

/** The rule engine's SQL functions, as `fwsnap query --help` lists them (keep in step with registerSqlFunctions). */
export const ENGINE_SQL_FUNCTIONS: readonly { name: string; call: string; gives: string }[] = [
  { name: 'fw_cmp', call: 'fw_cmp(version, reference, scheme, family)', gives: '-1, 0 or 1 comparing two versions in a version scheme, NULL when they cannot be ordered' },
  { name: 'kglob', call: 'kglob(pattern, text)', gives: '1 when text matches the kernel-style glob pattern, else 0' },
];

/**
 * SQL helpers rules (and users of `fwsnap query`) can call:
 *   fw_cmp(version, reference, scheme, family) → -1, 0, 1, or NULL when the two cannot be ordered
 *   kglob(pattern, text) → 1 when text matches the kernel-style glob (lib/glob.c)
 */
export function registerSqlFunctions(db: Db): void {
  if (registered.has(db)) return;
  registered.add(db);
  db.function('fw_cmp', { deterministic: true }, (version: unknown, ref: unknown, scheme: unknown, family: unknown) => {
    if (typeof version !== 'string' || typeof ref !== 'string') return null;
    try {
      return fwCompare(version, ref, typeof scheme === 'string' ? scheme : null, typeof family === 'string' ? family : null);
    } catch {
      return null;
    }
  });
  db.function('kglob', { deterministic: true }, (pattern: unknown, text: unknown) => {
    if (typeof pattern !== 'string' || typeof text !== 'string') return null;
    return globMatch(pattern, text) ? 1 : 0;
  });
}
