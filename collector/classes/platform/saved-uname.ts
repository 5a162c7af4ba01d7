import { savedNameWords, savedOutputStem } from '../../saved-output-name.js';

const LETTERS = /^-[asnrvmpio]+$/;
const LONG = new Set(['--all', '--kernel-name', '--nodename', '--kernel-release', '--kernel-version', '--machine', '--processor', '--hardware-platform', '--operating-system']);

/** uname's arguments when each is one of its options (every option only prints); undefined for anything else. */
function unameReadArgs(args: readonly string[]): string[] | undefined {
  return args.every((a) => LETTERS.test(a) || LONG.has(a)) ? [...args] : undefined;
}

/**
 * What a `uname` output a person saved stands for, as an argv: `cmd/uname/-a.out`, `uname -a.txt`, `uname-r.log`,
 * `uname_-r_srv01.txt` (a word that is no option labels the output). Undefined when a word looks like an option
 * uname does not have. What the output holds (the whole line of -a, the release alone of -r) is read from its text.
 */
export function savedUnameArgv(treeName: string): string[] | undefined {
  // `uname-a.txt`, `uname-r.log`: the option glued to the tool's name by a dash; `uname-srv01.txt` is a label.
  const words = savedNameWords(treeName).flatMap((w, i) => (i === 0 && LETTERS.test(w.slice('uname'.length)) && /^uname-/i.test(w) ? [w.slice('uname'.length)] : [w]));
  const args = unameReadArgs(words.filter((w) => w.startsWith('-')));
  return args && ['uname', ...args];
}

/**
 * What a saved `cat /proc/version` output stands for: `cmd/cat/proc_version.txt`, `cat_proc_version.txt` and
 * `cat-proc-version.log` at the top of a tree, `cmd/cat/%2fproc%2fversion.out`; other words label it
 * (`cat_proc_version_srv01.txt`). Undefined for a name that says no `proc` `version`: no other file's copy is read.
 */
export function savedProcVersionArgv(treeName: string): string[] | undefined {
  const words = savedNameWords(treeName).flatMap((w) => w.toLowerCase().split(/[-/.]+/)).filter((w) => w !== '' && w !== 'cat');
  const at = words.indexOf('proc');
  // `/proc/version_signature` (Ubuntu's own version string) is another file.
  return at >= 0 && words[at + 1] === 'version' && words[at + 2] !== 'signature' ? ['cat', '/proc/version'] : undefined;
}

/** `/proc/version`'s one line: the release, the builder and compiler in parentheses, `#N` of the build. */
const PROC_VERSION_LINE = /^\s*Linux version (\S+) \(.+\) #\d+\S* .+$/;
/**
 * What may stand around it in a saved copy: a fence (```` ``` zsh ````), a prompt alone or a two-line prompt's first line
 * (`╭─user@host ~`), the `cat` typed, Ubuntu's version_signature and its answer.
 */
const AROUND = /^\s*(?:(?:`{3,}|~{3,})\s*[\w+-]*|[╭┌]─+\S*@\S*(?:\s+\S+)?|(?:\S*[$#%>]\s*)?(?:sudo\s+)?cat\s+\/proc\/version(?:_signature)?\s*|\S*[$#%>])\s*$/;
const SIGNATURE = /^\s*Ubuntu \d\S* \d\S*\s*$/;

/**
 * Whether a file's text is unmistakably a saved /proc/version: one `Linux version X (builder) (compiler) #N …` line,
 * with nothing around it but fences, prompts and the `cat` typed (and Ubuntu's version_signature). A kernel log
 * (`dmesg -t` starts with the same line), a note or any other output is not.
 */
export function isProcVersionText(text: string): boolean {
  if (text.length > 4096) return false;
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.filter((l) => PROC_VERSION_LINE.test(l)).length === 1
    && lines.every((l, i) => PROC_VERSION_LINE.test(l) || AROUND.test(l) || (SIGNATURE.test(l) && /version_signature\s*$/.test(lines[i - 1] ?? '')));
}

/** Words of a top-level file's name that may name a saved /proc/version (`proc_version.txt`, `version.txt`, `kernel-version.log`). */
export function mayNameProcVersion(fileName: string): boolean {
  const stem = savedOutputStem(fileName);
  return stem !== undefined && stem.toLowerCase().split(/[-_ .]+/).some((w) => w === 'version' || w === 'kernel');
}
