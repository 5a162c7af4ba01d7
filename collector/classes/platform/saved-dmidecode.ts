import { savedNameWords } from '../../saved-output-name.js';

/**
 * The SMBIOS structures the platform class reads (BIOS, system, baseboard, chassis; 45, the firmware inventory, which
 * has no keyword), by dmidecode's keywords and numbers.
 */
const TYPES = new Set(['bios', 'system', 'baseboard', 'chassis', '0', '1', '2', '3', '45']);
/** What else `-t` takes: dmidecode's other keywords, and any structure type by its number. */
const OTHER_TYPES = /^(?:processor|memory|cache|connector|slot|\d{1,3})$/;
/** Options that change how dmidecode prints, not which structures (`-q` leaves out handles and inactive entries). */
const QUIET = new Set(['-q', '--quiet']);

/**
 * dmidecode's arguments when they print the whole table or structures among which are some the platform class reads
 * (`-t bios`, `--type 0,1`, `-t 0,1,2,4,7`: the others are kept, not read), with `-q` or not.
 */
export function dmidecodeReadArgs(args: readonly string[]): string[] | undefined {
  const typed = args.filter((a) => !QUIET.has(a));
  if (typed.length % 2 !== 0) return undefined;
  const out: string[] = [];
  let reads = typed.length === 0;
  for (let i = 0; i < typed.length; i += 2) {
    const types = typed[i + 1]!.toLowerCase().split(',');
    if ((typed[i] !== '-t' && typed[i] !== '--type') || !types.every((t) => TYPES.has(t) || OTHER_TYPES.test(t))) return undefined;
    reads ||= types.some((t) => TYPES.has(t));
    out.push('-t', types.join(','));
  }
  return reads ? out : undefined;
}

/**
 * What a `dmidecode` output a person saved stands for, as an argv: the whole table (`cmd/dmidecode/dmidecode.txt`,
 * `dmidecode.out`, at the top of a tree `sudo dmidecode.log`), or the structures `-t`/`--type` chose when they are
 * among those the platform class reads (`dmidecode -t bios.txt`, `dmidecode-t-system.txt`, `-t 0 -t 1`). Words that
 * are no option (`dmidecode-r440.txt`, `dmidecode output.txt`) label the whole table. Undefined for another option, or
 * a type of no use here.
 */
export function savedDmidecodeArgv(treeName: string): string[] | undefined {
  // `dmidecode-t-bios.txt`: the option glued to the tool's name by dashes.
  const words = savedNameWords(treeName).flatMap((w, i) => (i === 0 && /^dmidecode-(?:t|-type)-/i.test(w) ? w.slice('dmidecode-'.length).split(/-(?!type)/).filter(Boolean).map((x, j) => (j === 0 ? `-${x}` : x)) : [w]));
  if (!words.some((w) => w.startsWith('-'))) return ['dmidecode'];
  const args = dmidecodeReadArgs(words);
  return args && ['dmidecode', ...args];
}
