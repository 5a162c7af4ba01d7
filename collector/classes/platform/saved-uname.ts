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

/**
 * What a saved `cat` output stands for: /proc/version (read here), /proc/cpuinfo (`cmd/cat/proc_cpuinfo.txt`,
 * `cat_proc_cpuinfo.txt`, `cat /proc/cpuinfo | grep microcode.txt`: the cpu class reads it), or the NVIDIA driver's
 * /proc/driver/nvidia/version (`cmd/cat/proc_driver_nvidia_version.txt`, `cat nvidia version.txt`: the gpu class reads
 * it). Undefined for another file.
 */
export function savedCatArgv(treeName: string): string[] | undefined {
  const words = savedNameWords(treeName).flatMap((w) => w.toLowerCase().split(/[-/.]+/));
  if (words.includes('nvidia') && words.includes('version')) return ['cat', '/proc/driver/nvidia/version'];
  return savedProcVersionArgv(treeName) ?? (words.includes('cpuinfo') ? ['cat', '/proc/cpuinfo'] : undefined);
}

/** `/proc/version`'s one line: the release, the builder and compiler in parentheses, `#N` of the build. */
const PROC_VERSION_LINE = /^\s*Linux version (\S+) \(.+\) #\d+\S* .+$/;
const VERSION_START = /^\s*Linux version \S+/;
/**
 * A shell prompt: `$`, `[root@host ~]#`, `pi@raspberrypi:~ $`, `/ #`, `bash-5.0$`, `root@host:~>`, `╰─$`, after a list
 * item's number (`1) `) where a page numbered its steps.
 */
const PROMPT = String.raw`(?:\d{1,2}[.)]\s+)?(?:\[[^\]]{1,80}\]\s?[$#%>]|[^\s$#%>]{0,80}(?:\s[^\s$#%>]{1,80})?\s?[$#%>])`;
/** The `cat` typed, at a prompt or alone (`sudo cat /proc/version`, `cat /proc/version_signature`). */
const CAT_LINE = new RegExp(String.raw`^\s*(?:${PROMPT}\s*)?(?:sudo\s+)?cat\s+\/proc\/version(?:_signature)?\s*$`);
const PROMPT_ALONE = new RegExp(String.raw`^\s*${PROMPT}\s*$`);
const PROMPT_COMMAND = new RegExp(String.raw`^\s*${PROMPT}\s*[\w./-]`);
/** A fence (```` ``` zsh ````, `~~~`), a two-line prompt's first line (`╭─user@host ~`). */
const FENCE = /^\s*(?:`{3,}|~{3,})\s*[\w+-]*\s*$/;
const TWO_LINE_TOP = /^\s*[╭┌]─+[^\s@]*@\S*(?:\s+\S+)?\s*$/;
/** Another kernel's line in a command's output after the copy: another /proc/version, a `uname -a` line. */
const OTHER_KERNEL = /Linux version \S+|^\s*Linux \S+ \d+\.\d+\S*\s+#\d+/;
const SIGNATURE = /^\s*Ubuntu \d\S* \d\S*\s*$/;

/**
 * Whether a file's text is unmistakably a saved /proc/version: one `Linux version X (builder) (compiler) #N …` line,
 * with nothing around it but fences, prompts and the `cat` typed (and Ubuntu's version_signature). Below the `cat`
 * typed, the line may be wrapped (a mail client's 72 columns, a page's paragraphs) and another command typed at a
 * prompt may follow with its output, which holds no other kernel's line. A kernel log (`dmesg -t` starts with the
 * same line), a note, a label before the line or any other output is not.
 */
export function isProcVersionText(text: string): boolean {
  if (text.length > 4096) return false;
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  let typed = false;
  let version = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!version && VERSION_START.test(l)) {
      let joined = l.trim();
      let j = i;
      // Wrapped only under the cat typed: a line alone that needs the next to be whole is someone's note or a log.
      while (typed && !isWhole(joined) && j + 1 < lines.length && j - i < 4 && !isAround(lines[j + 1]!, lines[j]!)) joined += ` ${lines[++j]!.trim()}`;
      if (!PROC_VERSION_LINE.test(joined) || (j > i && !isWhole(joined))) return false;
      version = true;
      i = j;
    } else if (CAT_LINE.test(l)) {
      // The file typed again after its copy; Ubuntu's version_signature may follow it.
      if (version && !/_signature\s*$/.test(l)) return false;
      typed = true;
    } else if (isAround(l, lines[i - 1] ?? '')) {
      continue;
    } else if (version && typed && PROMPT_COMMAND.test(l)) {
      // Another command typed after it: its output is no copy of the file, and must name no other kernel.
      return !lines.slice(i).some((x) => OTHER_KERNEL.test(x));
    } else return false;
  }
  return version;
}

/** A whole /proc/version line ends with its build date's year (`… UTC 2024`, Debian's `(2023-12-09)`). */
const isWhole = (line: string): boolean => PROC_VERSION_LINE.test(line) && /\d{4}(?:-\d\d-\d\d)?\)?\s*$/.test(line);

function isAround(line: string, previous: string): boolean {
  return FENCE.test(line) || TWO_LINE_TOP.test(line) || PROMPT_ALONE.test(line) || (SIGNATURE.test(line) && /version_signature\s*$/.test(previous));
}

/** Words of a top-level file's name that may name a saved /proc/version (`proc_version.txt`, `version.txt`, `kernel-version.log`). */
export function mayNameProcVersion(fileName: string): boolean {
  const stem = savedOutputStem(fileName);
  return stem !== undefined && stem.toLowerCase().split(/[-_ .]+/).some((w) => w === 'version' || w === 'kernel');
}
