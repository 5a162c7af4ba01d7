import { intersects, sampleOfAll } from '../../../rules/upstream/glob-lang.js';
import type { LibataEntry } from './libata-table.js';

/** The SCSI INQUIRY product's length: libata puts an ATA model's first 16 characters there (lsscsi, sysfs `model`). */
export const CUT_LEN = 16;
/** A model of exactly CUT_LEN characters, none of them trailing spaces (the SCSI layer's padding hides those). */
const SIXTEEN = '?'.repeat(CUT_LEN);
const TRAILING_SPACE = '* ';

/** A glob pattern split into its tokens' source text (`*`, `?`, `[...]`, `\x`, one character), as lib/glob.c reads it. */
export function patternTokens(pattern: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      out.push(pattern.slice(i, i + 2));
      i++;
    } else if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '!') j++;
      j++;
      while (j < pattern.length && pattern[j] !== ']') j++;
      if (j < pattern.length) {
        out.push(pattern.slice(i, j + 1));
        i = j;
      } else out.push(c);
    } else out.push(c);
  }
  return out;
}

/**
 * Patterns a model's start M matches exactly when some model that starts with M matches `pattern`: the pattern's
 * token prefixes (a prefix of a matching model ends after a token, or inside a `*`'s run).
 */
export function prefixPatterns(pattern: string): string[] {
  const t = patternTokens(pattern);
  return t.map((_, k) => t.slice(0, k + 1).join(''));
}

/** Whether a pattern ends in an unescaped `*`: a cut model it matches, every model starting with it matches too. */
export function endsInStar(pattern: string): boolean {
  const t = patternTokens(pattern);
  return t[t.length - 1] === '*';
}

/** A model start of 16 characters whose last is a space: the SCSI layer gave 15 (`Samsung SSD 840` of an 840 EVO). */
const SPACE_SIXTEENTH = `${'?'.repeat(CUT_LEN - 1)} `;

/** Whether earlier entry p gives a drive the rule's flag too (MAX_SEC's sector count differs by entry: never). */
const givesFlag = (p: LibataEntry, flag: string): boolean => flag !== 'MAX_SEC' && p.flags.includes(flag);

/**
 * Whether the rule of entry i and `flag` can decide a drive the SCSI layer names by its model's first 16 characters
 * (M: a 15-character product stands for itself and the space after it), and what such a start must not match for it
 * to: undefined when it cannot (an entry keyed on firmware, whose 4 characters the SCSI layer keeps are not the
 * revision; a pattern not ending in `*`, which a longer model may fail; one whose part before that `*` may need M's
 * 16th character to be a space, which the whole 15-character model lacks). Else the patterns of M where an earlier
 * entry without the flag could take some model starting with M: the kernel's first match may then give no such flag.
 * Earlier entries with the flag need no exclusion (the drive gets it whichever matches), except one that matches
 * every such model itself (its own rule reports it: firstMatch's notModel).
 */
export function cutModelExclusions(entries: LibataEntry[], i: number, maxLen: number, flag: string): string[] | undefined {
  const e = entries[i]!;
  if (e.rev !== null || !endsInStar(e.model) || flag === 'MAX_SEC') return undefined;
  if (sampleOfAll([e.model, SIXTEEN], [TRAILING_SPACE], CUT_LEN) === undefined) return undefined;
  const head = patternTokens(e.model).slice(0, -1).join('');
  if (sampleOfAll([head, SPACE_SIXTEENTH], [], CUT_LEN) !== undefined) return undefined;
  const out: string[] = [];
  for (let j = 0; j < i; j++) {
    const p = entries[j]!;
    if (p.rev === null && givesFlag(p, flag)) continue;
    // A model starting with M that p matches is one e matches too (e takes every such model): p meets e.
    if (!intersects(p.model, e.model, maxLen)) continue;
    for (const x of prefixPatterns(p.model)) {
      if (out.includes(x)) continue;
      if (sampleOfAll([e.model, x, SIXTEEN], [], CUT_LEN) !== undefined) out.push(x);
    }
  }
  return out;
}

/** A 16-character model start entry i decides (none of `exclusions`, of `notModel`), for its rule's tests. */
export function cutSample(model: string, avoid: string[]): string | undefined {
  return sampleOfAll([model, SIXTEEN], [...avoid, TRAILING_SPACE], CUT_LEN);
}

/** A 16-character model start ending in a space (the SCSI layer's 15 characters) entry i decides, for its rule's tests. */
export function spaceCutSample(model: string, avoid: string[]): string | undefined {
  return sampleOfAll([model, SPACE_SIXTEENTH], avoid, CUT_LEN);
}

/** A 16-character model start of entry `model` that an excluded pattern also matches: the kernel's choice is not known. */
export function cutExcludedSample(model: string, exclusion: string): string | undefined {
  return sampleOfAll([model, exclusion, SIXTEEN], [TRAILING_SPACE], CUT_LEN);
}

/**
 * A 16-character model start ending in a space (the SCSI layer's 15 characters) that some model of entry `model` starts
 * with, where the entry cannot decide it: the rule's quiet case for a model that may be cut there.
 */
export function possibleSpaceCut(model: string): string | undefined {
  for (const x of prefixPatterns(model)) {
    const m = sampleOfAll([x, SPACE_SIXTEENTH], [], CUT_LEN);
    if (m !== undefined) return m;
  }
  return undefined;
}
