/**
 * A firmware version stored with `…` before it is known only by 4 of its characters: an ATA drive's firmware as a SAT
 * layer gives it in the SCSI INQUIRY revision. libata gives the last 4 of its 8 characters, or the first 4 when those
 * are blank (`…1630` of VA111630, `…SN01` of SN01); a USB bridge or an adapter's own SAT layer may give the first 4
 * (`…01.0` of 01.01A01), and a saved sdparm or sg_inq output does not say which layer it went through. A listed
 * firmware that would show other characters both ways rules the drive out; one that would show the same may or may not
 * be the drive's.
 */

/** The mark before a version the output gave cut to its last characters. */
export const CUT_START = '…';

/** The ATA firmware field's length and the part of it the INQUIRY revision holds. */
const FIRMWARE_LEN = 8;
const REVISION_LEN = 4;

/** The INQUIRY revision libata's SAT makes of a whole firmware (trailing spaces dropped, as the stored one is). */
export function inquiryRevisionOf(firmware: string): string {
  const f = firmware.trimEnd().padEnd(FIRMWARE_LEN, ' ').slice(0, FIRMWARE_LEN);
  const tail = f.slice(REVISION_LEN);
  return (tail.trim() ? tail : f.slice(0, REVISION_LEN)).trimEnd();
}

/** The INQUIRY revisions some SAT layer makes of a whole firmware: libata's, and its first 4 characters (maybe the same). */
export function inquiryRevisionsOf(firmware: string): [string, string] {
  return [inquiryRevisionOf(firmware), firmware.slice(0, REVISION_LEN).trimEnd()];
}

/** A kernel glob's single-character tokens and `*`, each as written (`[5-9]`, `\*`, `?`, `A`). */
function globTokens(glob: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < glob.length;) {
    const c = glob[i]!;
    if (c === '\\' && i + 1 < glob.length) {
      out.push(glob.slice(i, i + 2));
      i += 2;
    } else if (c === '[') {
      // A `]` right after `[` or `[!` is a member; a class never closed is a literal `[` (analyzer/version/glob.ts).
      let j = i + 1 + (glob[i + 1] === '!' ? 1 : 0);
      j += glob[j] === ']' ? 1 : 0;
      const end = glob.indexOf(']', j);
      out.push(end < 0 ? '\\[' : glob.slice(i, end + 1));
      i = end < 0 ? i + 1 : end + 1;
    } else {
      out.push(c);
      i += 1;
    }
  }
  return out;
}

/**
 * The globs an INQUIRY revision matches when some firmware the glob matches gives it: the glob itself (a firmware of
 * 4 characters or fewer is its own revision), what is left of the glob once 4 characters are taken from its start
 * (a firmware of 5 to 8 characters shows what follows its first 4, as libata makes it) and the glob's first 4
 * characters (as a bridge makes it; a `*` among them may take the rest). A revision that matches none of them comes
 * from no firmware the glob matches.
 */
export function revisionGlobs(glob: string): string[] {
  const tokens = globTokens(glob);
  const rests = new Set<string>([glob]);
  const walk = (i: number, taken: number): void => {
    if (taken === REVISION_LEN) {
      rests.add(tokens.slice(i).join(''));
      return;
    }
    if (i >= tokens.length) return;
    if (tokens[i] !== '*') {
      walk(i + 1, taken + 1);
      return;
    }
    // `*` takes 0 to all of the characters still to take; having taken the last, it may go on into the revision.
    for (let k = 0; taken + k < REVISION_LEN; k++) walk(i + 1, taken + k);
    rests.add(`*${tokens.slice(i + 1).join('')}`);
  };
  walk(0, 0);
  const head: string[] = [];
  for (const t of tokens) {
    if (t === '*') {
      head.push('*');
      break;
    }
    head.push(t);
    if (head.length === REVISION_LEN) break;
  }
  if (head.length === REVISION_LEN || head.at(-1) === '*') rests.add(head.join(''));
  return [...rests].filter((g) => g !== '');
}
