import { savedNameWords } from '../../saved-output-name.js';

/** The SMBIOS structures the platform class reads (BIOS, system, baseboard, chassis), by dmidecode's keywords and numbers. */
const TYPES = new Set(['bios', 'system', 'baseboard', 'chassis', '0', '1', '2', '3']);

/** dmidecode's arguments when they print the whole table or only structures the platform class reads (`-t bios`, `--type 0,1`). */
export function dmidecodeReadArgs(args: readonly string[]): string[] | undefined {
  if (args.length % 2 !== 0) return undefined;
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 2) {
    const value = args[i + 1]!.toLowerCase();
    if ((args[i] !== '-t' && args[i] !== '--type') || !value.split(',').every((t) => TYPES.has(t))) return undefined;
    out.push('-t', value);
  }
  return out;
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
