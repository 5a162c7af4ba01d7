import { savedNameWords, savedOutputStem } from '../../saved-output-name.js';

/** The DMI attribute files as a paste prints them: grep's `path:value` or head's `==> path <==` lines. */
const GREP_FORM = /^\s*(?:[>|]\s*)*\/sys\/(?:class|devices\/virtual)\/dmi\/id\/[A-Za-z_]+:/m;
const HEAD_FORM = /^\s*(?:[>|]\s*)*==> \/sys\/(?:class|devices\/virtual)\/dmi\/id\/[A-Za-z_]+ <==/m;

export const DMI_ID_GREP = ['grep', '.', '/sys/class/dmi/id/*'];
export const DMI_ID_HEAD = ['head', '/sys/class/dmi/id/*'];

/** Whether an argv is the one a paste of the DMI attribute files is replayed as. */
export const isDmiIdPasteArgv = (argv: readonly string[]): boolean => [DMI_ID_GREP, DMI_ID_HEAD].some((a) => a.length === argv.length && a.every((w, i) => w === argv[i]));

/** The argv a paste of the DMI files stands for, by what it prints (grep's or head's form); undefined when it is neither. */
export function dmiIdPasteArgv(text: string): string[] | undefined {
  if (text.length > 1024 * 1024) return undefined;
  return GREP_FORM.test(text) ? DMI_ID_GREP : HEAD_FORM.test(text) ? DMI_ID_HEAD : undefined;
}

/** A saved grep or head output whose name says `dmi` (`cmd/grep/dmi.txt`, `grep . sys class dmi id.txt`). */
export const namesDmi = (treeName: string): boolean => savedNameWords(treeName).flatMap((w) => w.toLowerCase().split(/[-/.*]+/)).includes('dmi');

/**
 * A top-level file a person saved the DMI files' paste under (`dmi.txt`, `dmi-id.log`, `sys_class_dmi_id.txt`): a word
 * of its name is `dmi` (not `dmidecode`, a tool of its own).
 */
export function mayNameDmiId(fileName: string): boolean {
  const stem = savedOutputStem(fileName);
  return stem !== undefined && stem.toLowerCase().split(/[-_ .]+/).includes('dmi');
}
