import { savedNameWords } from '../../saved-output-name.js';

/** lsscsi's listing options read: -g (sg node), -i (udev id), -t (transport), -s (size), -d (device numbers), -H (hosts), glued or apart. */
const LISTING = /^-[gitsdH]+$/;

/** lsscsi's arguments when they list what fwsnap reads: listing options only, no device, host or long form. */
export const lsscsiArgs = (args: readonly string[]): boolean => args.length <= 1 && args.every((a) => LISTING.test(a));

/**
 * What a saved lsscsi output stands for (`cmd/lsscsi/-g.out`, `lsscsi -t.txt`, `lsscsi-t.log`, `lsscsi.txt`): its listing options glued
 * into one word in lsscsi's order of columns, or none. Words that are not options are a person's label; a long
 * option or an option not read is not read.
 */
export function savedLsscsiArgv(treeName: string): string[] | undefined {
  // `lsscsi-t.log`, `lsscsi-g.txt`: the tool's name glued to its options; `lsscsi-output.txt`, `lsscsi-host1.log`: to a label.
  const glued = (w: string): string[] => w.slice('lsscsi-'.length).split('-').filter((p) => /^[A-Za-z]{1,4}$/.test(p)).map((p) => `-${p}`);
  const words = savedNameWords(treeName).flatMap((w, i) => (i === 0 && /^lsscsi-/i.test(w) ? glued(w) : [w]));
  const opts = words.filter((w) => w.startsWith('-'));
  if (!opts.every((o) => LISTING.test(o))) return undefined;
  const letters = [...new Set(opts.flatMap((o) => [...o.slice(1)]))].sort();
  return letters.length ? ['lsscsi', `-${letters.join('')}`] : ['lsscsi'];
}
