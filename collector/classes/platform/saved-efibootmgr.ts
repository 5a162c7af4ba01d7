import { savedNameWords } from '../../saved-output-name.js';

const VERBOSE = new Set(['-v', '-vv', '--verbose']);

/** efibootmgr's arguments when it only lists (none, or -v): every other option changes a variable or the boot order. */
export const efibootmgrReadArgs = (args: readonly string[]): string[] | undefined => (args.every((a) => VERBOSE.has(a)) ? [...args] : undefined);

/**
 * What an `efibootmgr` output a person saved stands for, as an argv: `efibootmgr.txt`, `efibootmgr -v.txt`,
 * `efibootmgr-v.log`, `sudo efibootmgr -v srv01.txt` (a word that is no option labels it). Undefined for an option that
 * changes something (`-o`, `-b 2 -B`, `-n`, `-c`): its output is the listing after the change, not the host's as found.
 */
export function savedEfibootmgrArgv(treeName: string): string[] | undefined {
  const words = savedNameWords(treeName)
    .flatMap((w, i) => (i === 0 && /^efibootmgr-v{1,2}$/i.test(w) ? [w.slice('efibootmgr'.length)] : i === 0 && /^efibootmgr-/i.test(w) ? [w.slice('efibootmgr-'.length)] : [w]))
    .filter((w) => w !== '' && !/^(?:sudo|efibootmgr)$/i.test(w));
  const options = words.filter((w) => w.startsWith('-'));
  const args = efibootmgrReadArgs(options);
  return args && ['efibootmgr', ...(args.length ? ['-v'] : [])];
}
