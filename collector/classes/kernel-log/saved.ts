import { savedNameWords } from '../../saved-output-name.js';
import { dmesgDisplayOnly } from './imports.js';

/**
 * A `dmesg` output a person saved (`cmd/dmesg/dmesg.txt`, `cmd/dmesg/-T.log`, `cmd/dmesg/dmesg-T.txt`, at the top of a
 * tree `dmesg.txt`, `sudo dmesg -T.log`), as the argv it stands for: the whole log printed in a form the kernel-log
 * parser reads (plain, `-T`, `-x`, `--raw`…, as /var/log/dmesg holds it too), or the lines of it a grep kept
 * (`dmesg | grep -i microcode.txt`, `dmesg_grep_microcode.txt`); undefined for a name with any other word.
 */
export function savedDmesgArgv(treeName: string): string[] | undefined {
  const all = savedNameWords(treeName).flatMap((w, i) => (i === 0 && /^dmesg-/i.test(w) ? [w.slice('dmesg'.length)] : [w]));
  // `dmesg | grep -i microcode.txt`, `dmesg_grep_microcode.txt`: the log's lines a grep kept, read as the log (a paste
  // of the same lines is read so whatever its name); the grep's words are its pattern, not dmesg's options.
  const grep = all.findIndex((w) => /^(?:\|+|[ef]?grep)$/i.test(w));
  const words = grep >= 0 && all.slice(grep).some((w) => /^[ef]?grep$/i.test(w)) ? all.slice(0, grep) : all;
  return dmesgDisplayOnly(words) ? ['dmesg', ...words] : undefined;
}
