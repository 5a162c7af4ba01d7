import { ParseError } from '../../parsers/errors.js';

export interface CmdlineParam {
  key: string;
  /** undefined for a bare flag (`quiet`). */
  value?: string;
}

/**
 * /proc/cmdline split as the kernel's own argument parser does: whitespace separates, double quotes
 * group (and are removed around a value or a whole parameter), the first '=' splits key and value.
 */
export function parseCmdline(text: string): CmdlineParam[] {
  const out: CmdlineParam[] = [];
  const s = text.replace(/\n$/, '');
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (i >= s.length) break;
    let inQuote = false;
    let arg = '';
    for (; i < s.length && (inQuote || !/\s/.test(s[i]!)); i++) {
      if (s[i] === '"') inQuote = !inQuote;
      arg += s[i];
    }
    const wholeQuoted = arg.startsWith('"');
    if (wholeQuoted) arg = arg.slice(1);
    const eq = arg.indexOf('=');
    if (eq < 0) {
      out.push({ key: wholeQuoted ? arg.replace(/"$/, '') : arg });
      continue;
    }
    let value = arg.slice(eq + 1);
    if (value.startsWith('"')) value = value.slice(1).replace(/"$/, '');
    else if (wholeQuoted) value = value.replace(/"$/, '');
    out.push({ key: arg.slice(0, eq), value });
  }
  return out;
}

/** Taint bits (Documentation/admin-guide/tainted-kernels.rst): letter shown when set, and what it means. */
export const TAINT_FLAGS: readonly { bit: number; letter: string; meaning: string }[] = [
  { bit: 0, letter: 'P', meaning: 'proprietary module was loaded' },
  { bit: 1, letter: 'F', meaning: 'module was force loaded' },
  { bit: 2, letter: 'S', meaning: 'kernel running on an out of specification system' },
  { bit: 3, letter: 'R', meaning: 'module was force unloaded' },
  { bit: 4, letter: 'M', meaning: 'processor reported a Machine Check Exception (MCE)' },
  { bit: 5, letter: 'B', meaning: 'bad page referenced or some unexpected page flags' },
  { bit: 6, letter: 'U', meaning: 'taint requested by userspace application' },
  { bit: 7, letter: 'D', meaning: 'kernel died recently, i.e. there was an OOPS or BUG' },
  { bit: 8, letter: 'A', meaning: 'ACPI table overridden by user' },
  { bit: 9, letter: 'W', meaning: 'kernel issued warning' },
  { bit: 10, letter: 'C', meaning: 'staging driver was loaded' },
  { bit: 11, letter: 'I', meaning: 'workaround for bug in platform firmware applied' },
  { bit: 12, letter: 'O', meaning: 'externally-built ("out-of-tree") module was loaded' },
  { bit: 13, letter: 'E', meaning: 'unsigned module was loaded' },
  { bit: 14, letter: 'L', meaning: 'soft lockup occurred' },
  { bit: 15, letter: 'K', meaning: 'kernel has been live patched' },
  { bit: 16, letter: 'X', meaning: 'auxiliary taint, defined for and used by distros' },
  { bit: 17, letter: 'T', meaning: 'kernel was built with the struct randomization plugin' },
  { bit: 18, letter: 'N', meaning: 'an in-kernel test has been run' },
  { bit: 19, letter: 'J', meaning: 'userspace used a mutating debug operation in fwctl' },
];

export interface Taint {
  value: number;
  flags: { bit: number; letter: string; meaning: string }[];
  /** The letters as an oops banner prints them for the known bits ('G' when no proprietary module). */
  letters: string;
}

/** /proc/sys/kernel/tainted: a decimal bitmask. Unknown bits are kept as `bit<N>`. */
export function parseTainted(text: string): Taint {
  const t = text.trim();
  if (!/^\d+$/.test(t) || !Number.isSafeInteger(Number(t))) throw new ParseError('tainted', `"${t.slice(0, 40)}" is not a decimal bitmask`);
  const value = Number(t);
  const flags: Taint['flags'] = [];
  for (let bit = 0; bit < 53; bit++) {
    if (Math.floor(value / 2 ** bit) % 2 === 0) continue;
    flags.push(TAINT_FLAGS[bit] ?? { bit, letter: '?', meaning: `bit${bit}` });
  }
  const letters = TAINT_FLAGS.map((f) => (flags.some((x) => x.bit === f.bit) ? f.letter : f.bit === 0 ? 'G' : ' ')).join('').trimEnd();
  return { value, flags, letters };
}

export interface LoadedModule {
  name: string;
  size: number;
  refcount: number | null;
  usedBy: string[];
  state: string;
  /** Taint letters in parentheses after the address, e.g. 'OE'. */
  taints: string;
}

/** /proc/modules: `name size refcount deps state address [(taints)]`; deps "-" when none. */
export function parseModules(text: string): LoadedModule[] {
  return text
    .split('\n')
    .map((l, i) => ({ l: l.trim(), no: i + 1 }))
    .filter(({ l }) => l !== '')
    .map(({ l, no }) => {
      const m = /^(\S+) (\d+) (-|\d+) (\S+) (\S+)(?: (0x[0-9a-f]+))?(?: \(([A-Z]+)\))?$/.exec(l);
      if (!m) throw new ParseError('proc-modules', `unexpected line "${l.slice(0, 80)}"`, no);
      return {
        name: m[1]!,
        size: Number(m[2]),
        refcount: m[3] === '-' ? null : Number(m[3]),
        usedBy: m[4] === '-' ? [] : m[4]!.split(',').filter(Boolean),
        state: m[5]!,
        taints: m[7] ?? '',
      };
    });
}
