import type { ClassImports } from '../../source.js';

const JOURNAL_FORMATS = new Set(['short', 'short-precise', 'short-iso', 'short-iso-precise', 'short-full', 'short-monotonic', 'json']);

/**
 * A `journalctl` text output that holds the running boot's kernel lines: `--boot` of this boot (no value, `0`)
 * or `-k`/`--dmesg`, in one of the `short*` formats or `json` (one entry per line), with no filter on units or identifiers. sos's logs plugin
 * keeps `journalctl --no-pager [--catalog] --boot` (and `--boot -1`, the previous boot's: not the running
 * kernel's log); supportconfig `journalctl --no-pager --boot=0 --output=short-iso`.
 */
export function journalOfRunningBoot(args: readonly string[]): boolean {
  let thisBoot = false;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const value = (): string | undefined => (args[i + 1] !== undefined && !args[i + 1]!.startsWith('--') && !/^-[a-z]$/i.test(args[i + 1]!) ? args[++i] : undefined);
    if (w === '--no-pager' || w === '--catalog' || w === '-x' || w === '--no-hostname' || w === '-a' || w === '--all') continue;
    // `--this-boot`: journalctl's old spelling of `--boot` (sos 3.x logs plugin: `journalctl --all --this-boot --no-pager`).
    if (w === '-k' || w === '--dmesg' || w === '--this-boot') thisBoot = true;
    else if (w === '--boot' || w === '-b') {
      const v = value();
      if (v !== undefined && v !== '0') return false;
      thisBoot = true;
    } else if (/^(?:--boot=|-b)0$/.test(w)) thisBoot = true;
    else if (w === '-o' || w === '--output') {
      if (!JOURNAL_FORMATS.has(value() ?? '')) return false;
    } else if (w.startsWith('--output=')) {
      if (!JOURNAL_FORMATS.has(w.slice('--output='.length))) return false;
    } else return false;
  }
  return thisBoot;
}

/** Options that only change how `dmesg` prints the whole log (the kernel-log parser reads each form): no filter, no clearing. */
const DMESG_DISPLAY = new Set(['-T', '--ctime', '-x', '--decode', '-r', '--raw', '-t', '--notime', '-d', '--show-delta', '-e', '--reltime', '-k', '--kernel', '-L', '--color', '--color=always', '--color=never', '--color=auto', '-P', '--nopager']);
const DMESG_TIME_FORMATS = new Set(['ctime', 'reltime', 'delta', 'notime', 'iso', 'raw']);

/** A saved `dmesg` output that holds the whole log in one of the forms the kernel-log parser reads. */
export function dmesgDisplayOnly(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    if (DMESG_DISPLAY.has(w)) continue;
    if (w === '--time-format' && DMESG_TIME_FORMATS.has(args[i + 1] ?? '')) i++;
    else if (!(w.startsWith('--time-format=') && DMESG_TIME_FORMATS.has(w.slice('--time-format='.length)))) return false;
  }
  return true;
}

/** dmesg's text (plain, -T, -x, …) and the running boot's kernel lines from the journal, which the kernel-log loader reads from a report. */
export const imports: ClassImports = {
  commands: {
    dmesg: { kept: dmesgDisplayOnly },
    journalctl: { kept: journalOfRunningBoot },
  },
  sosPlugins: ['kernel', 'logs'],
  supportconfigTopics: ['boot.txt'],
  reportTools: ['dmesg', 'journalctl'],
};
