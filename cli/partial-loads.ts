import type { LoadOutcome } from '../analyzer/load/load-bundle.js';
import { warn } from './exit.js';

/** Problems of one bundle named on stderr; more than this are counted. */
const SHOWN = 5;

/**
 * Says on stderr which bundles were only partly verified (what was compared holds only what verified) and
 * returns whether any was: commands that compare bundles then exit 3, as analyze does, never a plain 0.
 */
export function warnPartialLoads(loads: readonly LoadOutcome[], names: (path: string) => string = (p) => p): boolean {
  const partial = loads.filter((l) => !l.complete);
  for (const l of partial) {
    const shown = l.problems.slice(0, SHOWN).map((p) => p.message);
    const more = l.problems.length > SHOWN ? `; ${l.problems.length - SHOWN} more (fwsnap verify lists them)` : '';
    warn(`fwsnap: ${names(l.path)}: partly unverifiable, only the ${l.verified} verified artifacts are compared: ${shown.join('; ') || 'the archive was not read to its end'}${more}`);
  }
  return partial.length > 0;
}
