/**
 * A development branch's firmware, as mstflint prints it in place of MM.mm.ssss: its tag, the image's VSD when that has
 * the branch form (5 to 28 characters ending `_NNNN` or `-NNN`); tags of one branch (the same text before the number)
 * order by that number.
 */
export const BRANCH_TAG = /^(?=\S{5,28}$)(\S*?)(?:_(\d{4})|-(\d{3}))$/;

/** MM.mm.ssss with a tag glued on (`16.35.1012-branch`, `16.35.1012_0004`). */
const TAGGED_VERSION = /^(\d+\.\d+\.\d+)[-_][A-Za-z0-9][\w.-]*$/;

/** A printed firmware version read apart: the version rules compare, and the tag as printed when there is one. */
export function splitBranchTag(printed: string): { version: string; tag?: string } | undefined {
  const word = printed.trim().split(/\s+/)[0] ?? '';
  const tagged = TAGGED_VERSION.exec(word);
  if (tagged) return { version: tagged[1]!, tag: word };
  if (/^\d+(?:\.\d+)+/.test(word)) return undefined;
  return BRANCH_TAG.test(word) ? { version: word, tag: word } : undefined;
}
