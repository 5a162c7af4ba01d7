import { savedNameWords } from '../../saved-output-name.js';

/** lsscsi's listing options read: -g (sg node), -i (udev id), -t (transport), -s (size), -d (device numbers), -H (hosts), glued or apart. */
const LISTING = /^-[gitsdH]+$/;

/** The long forms of the listing options (lsscsi.c's long_options): `lsscsi --generic` is `lsscsi -g`. */
const LONG: Readonly<Record<string, string>> = { '--generic': 'g', '--scsi_id': 'i', '--transport': 't', '--size': 's', '--device': 'd', '--hosts': 'H' };

/** A listing option's letters (`-gs` → gs, `--generic` → g), or undefined for any other word. */
const letters = (w: string): string | undefined => (LISTING.test(w) ? w.slice(1) : LONG[w]);

/** lsscsi's arguments when they list what fwsnap reads: one listing option at most (short or long), no device or host. */
export const lsscsiArgs = (args: readonly string[]): boolean => args.length <= 1 && args.every((a) => LISTING.test(a));

/** A typed lsscsi command as the listing it prints, its long options in their short form (`lsscsi --generic` → `lsscsi -g`). */
export function typedLsscsiArgv(args: readonly string[]): string[] | undefined {
  const all = args.map(letters);
  if (all.some((l) => l === undefined)) return undefined;
  const set = [...new Set(all.join(''))].sort();
  return set.length ? ['lsscsi', `-${set.join('')}`] : ['lsscsi'];
}

/**
 * What a saved lsscsi output stands for (`cmd/lsscsi/-g.out`, `lsscsi -t.txt`, `lsscsi-t.log`, `lsscsi.txt`): its listing options glued
 * into one word in lsscsi's order of columns, or none. Words that are not options are a person's label; a long
 * option or an option not read is not read.
 */
export function savedLsscsiArgv(treeName: string): string[] | undefined {
  // `lsscsi-t.log`, `lsscsi-g.txt`: the tool's name glued to its options; `lsscsi-output.txt`, `lsscsi-host1.log`, `lsscsi-core.txt`: to a label.
  const glued = (w: string): string[] => w.slice('lsscsi-'.length).split('-').filter((p) => /^[A-Za-z]{1,2}$/.test(p) || /^[gitsdH]{3,6}$/.test(p)).map((p) => `-${p}`);
  const words = savedNameWords(treeName).flatMap((w, i) => (i === 0 && /^lsscsi-/i.test(w) ? glued(w) : [w]));
  return typedLsscsiArgv(words.filter((w) => w.startsWith('-')));
}
