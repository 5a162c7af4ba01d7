import { savedNameWords } from '../../saved-output-name.js';
import { dmesgDisplayOnly } from './imports.js';

/**
 * A `dmesg` output a person saved (`cmd/dmesg/dmesg.txt`, `cmd/dmesg/-T.log`, `cmd/dmesg/dmesg-T.txt`, at the top of a
 * tree `dmesg.txt`, `sudo dmesg -T.log`), as the argv it stands for: the whole log printed in a form the kernel-log
 * parser reads (plain, `-T`, `-x`, `--raw`…, as /var/log/dmesg holds it too), or the lines of it a grep kept
 * (`dmesg | grep -i microcode.txt`, `dmesg_grep_microcode.txt`); a word that is no option is a label (`dmesg-host1.log`,
 * `cmd/dmesg/boot.txt`); undefined for a name with an option that is not display only (`-c`, `-l err`).
 */
export function savedDmesgArgv(treeName: string): string[] | undefined {
  // `dmesg-T.txt`: the tool's name glued to its options; `dmesg-host1.log`, `dmesg-boot-2024.txt`: to a label.
  const glued = (w: string): string[] => w.slice('dmesg-'.length).split('-').filter((p) => /^[A-Za-z]{1,3}$/.test(p)).map((p) => `-${p}`);
  const all = savedNameWords(treeName)
    .flatMap((w, i) => (i === 0 && /^dmesg-/i.test(w) ? glued(w) : [w]))
    // A word that is no option (`host1`, `after-reboot`) is a person's label, unless it is an option's value or a grep.
    .filter((w, i, ws) => w.startsWith('-') || /^(?:\|+|[ef]?grep)$/i.test(w) || ws[i - 1] === '--time-format' || ws.slice(0, i).some((x) => /^(?:\|+|[ef]?grep)$/i.test(x)) || /^-l$|^--level$|^-f$|^--facility$/.test(ws[i - 1] ?? ''));
  // `dmesg | grep -i microcode.txt`, `dmesg_grep_microcode.txt`: the log's lines a grep kept, read as the log (a paste
  // of the same lines is read so whatever its name); the grep's words are its pattern, not dmesg's options.
  const grep = all.findIndex((w) => /^(?:\|+|[ef]?grep)$/i.test(w));
  const words = grep >= 0 && all.slice(grep).some((w) => /^[ef]?grep$/i.test(w)) ? all.slice(0, grep) : all;
  return dmesgDisplayOnly(words) ? ['dmesg', ...words] : undefined;
}
