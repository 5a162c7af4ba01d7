import { savedNameWords } from '../../saved-output-name.js';
import { replayOnlySource } from './replay-only-source.js';

/** lsblk's options that only choose what a text listing shows: flags (-d, -p, -a, -S, -N, -r, -A…) and the column, include and exclude lists. */
const FLAGS = /^-[adpSNbimnfstzJPrA]+$/;
const LONG_FLAGS = new Set(['--nodeps', '--paths', '--all', '--scsi', '--nvme', '--bytes', '--ascii', '--noheadings', '--json', '--pairs', '--raw', '--noempty']);
/** An option taking a value, alone or last of flags run together (`-bPo NAME,MODEL`). */
const WITH_VALUE = /^(?:-[adpSNbimnfstzJPrA]*[oeIx]|--output|--exclude|--include|--sort)$/;
/** A value glued to its option (`-oNAME,SERIAL,MODEL`). */
const GLUED_VALUE = /^-[oeIx]\+?[A-Za-z0-9:%_-]+(?:,[A-Za-z0-9:%_-]+)*$/;
const LONG_WITH_VALUE = /^--(?:output|exclude|include|sort)=\S+$/;
/** A column, include or exclude list (`NAME,MODEL,REV`, `+SERIAL`, `7,11`). */
const VALUE = /^\+?[A-Za-z0-9:%_-]+(?:,[A-Za-z0-9:%_-]+)*$/;

/**
 * lsblk's arguments when it prints a text listing fwsnap reads: the flags and lists above, the column lists in upper case
 * as lsblk prints its headings, and no device (a listing of all disks); the text listing, or JSON (-J), pairs (-P) and
 * the raw layout (-r, its spaces escaped).
 */
export function lsblkArgs(a: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const w = a[i]!;
    if (FLAGS.test(w) || LONG_FLAGS.has(w) || LONG_WITH_VALUE.test(w) || GLUED_VALUE.test(w)) continue;
    if (WITH_VALUE.test(w) && VALUE.test(a[i + 1] ?? '')) {
      i++;
      continue;
    }
    return false;
  }
  return true;
}

/**
 * What a saved lsblk output stands for (`lsblk -o NAME,MODEL,REV,SERIAL.txt`, `cmd/lsblk/-d_-o_NAME,MODEL.out`,
 * `lsblk.txt`, `lsblk-host1.log`): its options, a word after the options that is none of them a person's label.
 */
export function savedLsblkArgv(treeName: string): string[] | undefined {
  const words = savedNameWords(treeName).flatMap((w, i) => (i === 0 && /^lsblk-/i.test(w) ? w.slice('lsblk-'.length).split('-').filter((p) => /^[A-Za-z]{1,4}$/.test(p)).map((p) => `-${p}`) : [w]));
  const argv: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (/^lsblk$/i.test(w)) continue;
    if (WITH_VALUE.test(w) && VALUE.test(words[i + 1] ?? '')) {
      argv.push(w, words[++i]!.toUpperCase());
      continue;
    }
    if (GLUED_VALUE.test(w)) argv.push(`${w.slice(0, 2)}${w.slice(2).toUpperCase()}`);
    else if (w.startsWith('-')) argv.push(/^--\w+=/.test(w) ? w.replace(/=(.*)$/, (_, v: string) => `=${v.toUpperCase()}`) : w);
  }
  return lsblkArgs(argv) ? ['lsblk', ...argv] : undefined;
}

export const source = replayOnlySource({
  tool: 'lsblk',
  outputs: 'lsblk listings (a drive list: model, serial, firmware revision)',
  names: "lsblk's listing options (-d, -o <columns>, -p…)",
  argv: savedLsblkArgv,
});
