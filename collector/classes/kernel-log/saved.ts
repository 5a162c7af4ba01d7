import { savedNameWords } from '../../saved-output-name.js';
import { dmesgDisplayOnly } from './imports.js';

/**
 * A `dmesg` output a person saved (`cmd/dmesg/dmesg.txt`, `cmd/dmesg/-T.log`, `cmd/dmesg/dmesg-T.txt`, at the top of a
 * tree `dmesg.txt`, `sudo dmesg -T.log`), as the argv it stands for: the whole log printed in a form the kernel-log
 * parser reads (plain, `-T`, `-x`, `--raw`…, as /var/log/dmesg holds it too); undefined for a name with any other word.
 */
export function savedDmesgArgv(treeName: string): string[] | undefined {
  const words = savedNameWords(treeName).flatMap((w, i) => (i === 0 && /^dmesg-/i.test(w) ? [w.slice('dmesg'.length)] : [w]));
  return dmesgDisplayOnly(words) ? ['dmesg', ...words] : undefined;
}
