import { SAVED_OUTPUT_EXT } from '../../saved-output-name.js';

/** Words a person puts in the name of an output taken before a change (`dev_info_before.txt`, `-old`, `pre`). */
const EARLIER_WORDS = new Set(['before', 'old', 'older', 'pre', 'prev', 'previous', 'orig', 'original', 'earlier', 'initial', 'bak', 'backup']);
/** Words a person puts in the name of an output taken after it (`dev_info_after.txt`, `-new`, `post`, `updated`). */
const LATER_WORDS = new Set(['after', 'new', 'newer', 'post', 'current', 'updated', 'latest', 'now', 'final']);

/** The words of a saved name that say when its output was taken, not what it is of: `before`, `new`, `post`… */
export function isRecencyWord(word: string): boolean {
  const w = word.toLowerCase();
  return EARLIER_WORDS.has(w) || LATER_WORDS.has(w);
}

function recencyWords(treeName: string): string[] {
  const stem = treeName.split('/').pop()!.replace(SAVED_OUTPUT_EXT, '');
  return stem.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
}

/** -1 for a name saying its output is the earlier one, 1 the later one, 0 neither (or both). */
function recency(treeName: string): number {
  const words = recencyWords(treeName);
  const earlier = words.some((w) => EARLIER_WORDS.has(w));
  const later = words.some((w) => LATER_WORDS.has(w));
  return earlier === later ? 0 : later ? 1 : -1;
}

/** The last number in a name (`dev_info_2.txt`, `info-20240315.txt`), which grows with each output a person saves. */
function lastNumber(treeName: string): number | undefined {
  const n = recencyWords(treeName).filter((w) => /^\d+$/.test(w)).pop();
  return n === undefined ? undefined : Number(n);
}

/**
 * Several saved outputs of one command of one device (`dev_info_before.txt`, `dev_info_after.txt`): the one whose name
 * says it is the latest (after/new/post/current/updated, else the greater last number) is `current`, the others `earlier`.
 * `told` is false when the names do not say which is the latest: `current` is then the first in name order.
 */
export function latestOutput(treeNames: readonly string[]): { current: string; earlier: string[]; told: boolean } {
  const ranked = [...treeNames].map((name, i) => ({ name, i, r: recency(name), n: lastNumber(name) }));
  const numbered = ranked.every((x) => x.n !== undefined) && new Set(ranked.map((x) => x.n)).size === ranked.length;
  ranked.sort((a, b) => b.r - a.r || (numbered ? b.n! - a.n! : 0) || a.i - b.i);
  const told = ranked.length < 2 || ranked[0]!.r > ranked[1]!.r || (ranked[0]!.r === ranked[1]!.r && numbered);
  return { current: ranked[0]!.name, earlier: ranked.slice(1).map((x) => x.name), told };
}
