import { savedNameWords, savedOutputStem } from '../../saved-output-name.js';

/** A saved `lscpu` output (`lscpu.txt`, `cmd/lscpu/lscpu-srv01.log`): words that are no option label it; an option (`-e`, `-p`: other layouts) is not read. */
export function savedLscpuArgv(treeName: string): string[] | undefined {
  return savedNameWords(treeName).some((w) => w.startsWith('-')) ? undefined : ['lscpu'];
}

/**
 * A top-level file a person saved /proc/cpuinfo or lines of it under (`cpuinfo.txt`, `proc_cpuinfo.log`,
 * `grep microcode cpuinfo.txt`): a word of its name is `cpuinfo`. A name starting with `cat` is a saved `cat` output,
 * read by the platform class's saved-cat names.
 */
export function mayNameCpuinfo(fileName: string): boolean {
  const stem = savedOutputStem(fileName);
  return stem !== undefined && !/^(?:sudo[-_ ]+)?cat(?:[-_ .]|$)/i.test(fileName) && stem.toLowerCase().split(/[-_ .]+/).includes('cpuinfo');
}

/** cpuinfo's own fields, at least one of which a saved copy or grep of it holds. */
const CPUINFO_FIELD = /^\s*(?:processor|vendor_id|cpu family|model name|microcode|stepping)\s*:/m;

export const isCpuinfoText = (text: string): boolean => text.length <= 16 * 1024 * 1024 && CPUINFO_FIELD.test(text);
