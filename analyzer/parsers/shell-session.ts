import { CLASSES } from '../../collector/classes/index.js';
import { promptThen, toolAlternatives, TOOL_VERSION_BANNER, VERSION_BANNER_AFTER_TOOL, WRAPPER } from '../../collector/shell-prompt.js';
export { OPEN_CODE_SPAN, TWO_LINE_FIRST, TWO_LINE_SECOND } from '../../collector/shell-prompt.js';
import { commandWithoutExpansions } from '../../collector/shell-expansions.js';
import { looksLikeProse } from './prose.js';

/**
 * A terminal session around a pasted output: prompts and the commands typed after them, bare command lines, what the
 * shell, sudo, `script` and Ansible print around a command, and chat headers copied with a session.
 */

/**
 * The tools a command line may run: every tool a class runs, replays or takes from a report (`x*` there is a prefix),
 * and the shell's own commands people paste outputs of.
 */
const TOOLS = toolAlternatives([
  ...CLASSES.flatMap((c) => [...Object.keys(c.commands ?? {}), ...Object.keys(c.imports?.commands ?? {}), ...(c.imports?.reportTools ?? [])]),
  'cat', 'ip', 'udevadm', 'ifconfig', 'modprobe',
]);

/** The typed command from its start: `sudo` and environment prefixes, a container it runs in, a path to the tool, a tool, not its banner (`# dmidecode 3.3`). */
const TOOL_COMMAND = `((?:sudo\\s+(?:-\\S+\\s+)*)?(?:[A-Z_]+=\\S+\\s+)*(?:${WRAPPER})?(?:\\S*\\/)?(?:${TOOLS})(?![\\w-])(?!${TOOL_VERSION_BANNER}))`;

/**
 * A prompt followed by a command: `$ devlink dev info`, `# ethtool -i eth0`, `[root@host ~]# ...`,
 * `user@host:~$ ...`, `user@host ~ $ ...` (Gentoo), Gentoo's root `host ~ # ...`, `dir % ...` (macOS zsh), `host:~ # ...` (SUSE), `~ # ...`, `/ # ...`, `/tmp # ...` (busybox), `❯ ...` (starship), `➜  ~ ...` (oh-my-zsh), `#> ...`, `host# ...`, `(venv) $ ...`, `PS C:\> ...`, cmd.exe's `C:\Program Files\Mellanox\WinMFT>flint …`, `user@host > ...`, `[host](0) $ ...`, an emoji theme's `🐧  ...`, a powerline prompt that lost its glyphs (`user  host  ~  ...`), a prompt GitHub's mail redaction left (`[***@***.*** ~]# ...`, its `[` lost too: `***@***.*** ~]# ...`). A bare `#` comment line is a prompt
 * only when a command word follows; `sudo` and environment prefixes are allowed.
 */
export const PROMPT = promptThen(TOOL_COMMAND);

/** `$ anything` is always a command line (no tool output line starts with a dollar and a space). */
export const DOLLAR_COMMAND = /^(?:\([^)]*\)\s*)?(?:\[[^\]]*\](?:\([^()\s]*\))?\s*|[^\s\[\]$#%>@]*@[^\s\[\]$#%>]*(?:\s+[^\s\[\]$#%>]+)?\]\s*|[\w.-]+@[\w.-]+(?::[^\s$]*|\s+[^\s$#%>]+)?\s*(?:\([^()\s]+\)\s*)?)?\$\s+\S/;

/** A network interface's name as a command's first argument (`eth0`, `ens14f0`, `enp3s0f1np1`, `ib0`, `enP1p1s0`): letters then a digit. */
const INTERFACE = String.raw`[a-z]+\d[a-zA-Z\d]*(?:\.\d+)?`;

/**
 * A bare command line without a prompt, as people paste it above the output, of any tool a prompt may run (TOOLS):
 * `devlink dev info`, `sudo ethtool -i eth0`, `smartctl -x /dev/sda`, Windows' `flint.exe -d mt4119_pciconf0 q` or
 * `C:\WinMFT\mlxconfig.exe …`, `smartctl /dev/sdb -ja`, one run in a container (`docker exec -it $(docker ps -qf name=x) nvidia-smi`), `ethtool  ens14f0 | grep -i speed`, or the tool alone (`nvidia-smi`). Its first argument is an
 * option, a path, a word in lower case (a subcommand) or an interface's name, or it is piped (`lspci | grep Mellanox`): a tool's banner (`smartctl 7.2 2020-12-30`, a development build's
 * `smartctl pre-8.0-583-modified 2026-09-12`) and a module
 * list's `nvme  45056` and smartmontools 5.x's `smartctl version 5.38 […]` are no command lines.
 */
export const BARE_COMMAND = new RegExp(`^(?:sudo\\s+(?:-\\S+\\s+)*)?(?:${WRAPPER})?(?:\\S*[\\/\\\\])?(?:${TOOLS})(?:\\.exe)?(?!${VERSION_BANNER_AFTER_TOOL})(?:\\s+(?:-{1,2}[\\w-]|\\/[\\w.-]|[a-z][a-z-]*(?![\\w.-])|${INTERFACE}(?::$|(?![\\w.:-])))|\\s+\\|\\s*[a-z]|$)`);

/** A prompt with nothing typed after it (`root@host:~#`, `[root@host ~]$`, `host:~ #`): the end of a pasted session. */
export const BARE_PROMPT = /^(?:\[[^\]]*\]|[^\s\[\]$#%>@]*@[^\s\[\]$#%>]*(?:\s+[^\s\[\]$#%>]+)?\]|[\w.@:~/-]*|[\w.-]+@[\w.-]+(?::[^\s$#%>]*|\s+[^\s$#%>]+)?\s+\([^()\s]+\)\s*|[\w.-]+@[\w.-]+\s+[^\s$#]+\s|[\w.-]+:[^\s$#]*\s|[~/][^\s$#]*\s)[$#]$/;

/**
 * A comment a person wrote in a shell session (`# Before updating the firmware:`, `#OS/kernel version` with no space
 * after its mark), once a root prompt (`# ethtool -i eth0`) is ruled out: words with single spaces that do not start
 * with a number, on the line above a command line (the words in the first or second group). A
 * tool's own `#` lines differ: a self-test log's `# 1  Short offline …` starts with a number, tables align with runs
 * of spaces, and no command line follows a banner such as `# dmidecode 3.3`.
 */
export const COMMENT_WORDS = /^#+(?:\s+([^\d\s#](?:(?! {2}|\t).)*)|(\p{L}(?:(?! {2}|\t).)*))$/u;

/**
 * A person's label of one or two words over a command line (`Show:` over `devlink dev param show …`, `Output:` over
 * `#devlink health`) or over their sentence (`Outputs:` over `Don't have it saved, …`): a capital, letters only, a colon.
 * The tools' own lines ending in a colon are lower-case keys (`versions:`, `values:`) or carry a value, and none is
 * followed by a command line or a sentence.
 */
export const LABEL = /^[A-Z][a-z]+(?: [a-z]+)?:$/;

/**
 * A person's heading of one capitalised word with no colon (`Before`, `After`, `Output`) over a command line, not itself
 * the one line a command printed (`uname` / `Linux`): no tool fwsnap reads prints a word alone over the next command.
 */
export const HEADING_WORD = /^[A-Z][a-z]+$/;

/** A prompt and command, whatever the command: `root@host:~# anything`, `[root@host ~]# anything`, `host:~ # anything`, `$ anything`. */
export const ANY_PROMPT = /^(?:(?:\[[^\]@]*@[^\]]*\]\s*|[^\s\[\]$#%>@]*@[^\s\[\]$#%>]*(?:\s+[^\s\[\]$#%>]+)?\]\s*|[\w.-]+@[\w.-]+(?::[^\s$#%>]*)?\s*|[\w.-]+:[^\s$#%>]*\s|[~/][^\s$#%>]*\s)[$#%]|\$)\s*\S/;

/** A comment typed at a prompt (`root@host:~# # check the firmware first`, `$ # before`): a command line that runs nothing. */
export const PROMPT_COMMENT = /^(?:\[[^\]@]*@[^\]]*\]\s*|[^\s\[\]$#%>@]*@[^\s\[\]$#%>]*(?:\s+[^\s\[\]$#%>]+)?\]\s*|[\w.-]+@[\w.-]+(?::[^\s$#%>]*)?\s*|[\w.-]+:[^\s$#%>]*\s|[~/][^\s$#%>]*\s)?[$#%]\s+#/;

/**
 * A chat client's message header, copied with the messages (Slack, Teams, Mattermost): the sender's name and the time,
 * above a message and between two (`Jane Roe  10:42 AM`, `jroe 10:42`, `Jane Roe, Yesterday 10:42 AM`, `[10:42 AM] Jane
 * Roe`, Slack's `Jane Roe  [10:42 AM]`). No output fwsnap reads has a line of a few words then a time alone.
 */
export const CHAT_HEADER = /^(?:\[\d{1,2}:\d\d(?::\d\d)?(?:\s?[AaPp][Mm])?\]\s+\p{L}[\p{L}\p{M}.'’-]*(?: \p{L}[\p{L}\p{M}.'’-]*){0,3}|\p{L}[\p{L}\p{M}\d._'’-]*(?: \p{L}[\p{L}\p{M}._'’-]*){0,3},?\s+(?:(?:Today|Yesterday)(?: at)?\s+)?\[?\d{1,2}:\d\d(?::\d\d)?(?:\s?[AaPp][Mm])?\]?)$/u;

/** cmd.exe's or PowerShell's prompt with nothing typed after it: `C:\>`, `PS C:\Program Files\Mellanox\WinMFT>`. */
export const WINDOWS_BARE_PROMPT = /^(?:PS\s+)?[A-Za-z]:\\[^>]*>$/;

/**
 * Lines a terminal session prints around a command, not the tool: sudo's and su's password prompts (sudo-rs's
 * `[sudo: authenticate] Password:` too), the login banner, sudo's warning that it cannot resolve the host's name.
 */
export const SESSION_LINE = /^(?:\[sudo\] password for [^:]+:|\[sudo: authenticate\] Password(?: for [^:]+)?:|Password:|Last login: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}(?: from \S+)?|sudo: unable to resolve host .*)$/;

/**
 * What the shell itself prints after a command, not the tool: a signal that ended it (`Segmentation fault (core dumped)`,
 * `Killed`, `Aborted`, with the job's line when a script ran it: `bash: line 1: 1234 Segmentation fault …`), a command it
 * could not find (`bash: devlink: command not found`, `zsh: command not found: devlink`, `sh: 1: ethtool: not found`,
 * `sudo: devlink: command not found`, `-bash: /sbin/ethtool: No such file or directory`).
 */
const SIGNAL = String.raw`(?:Segmentation fault|Killed|Aborted|Illegal instruction|Bus error|Floating point exception|Terminated|Trace/breakpoint trap)(?: +\(core dumped\))?`;

export const SHELL_MESSAGE = new RegExp(
  String.raw`^(?:${SIGNAL}|-?(?:ba|z|k|da|a)?sh: (?:line \d+: +)?\d+ +${SIGNAL}(?: +\S.*)?` +
    String.raw`|-?(?:ba|z|k|da|a)?sh: (?:line \d+: |\d+: )?\S+: (?:command not found|not found|No such file or directory|Permission denied)|(?:-?z?sh|sudo): command not found: \S+|sudo: \S+: command not found)$`,
);

/**
 * A command typed at a prompt that can only be a shell's (`root@host:~# brctl show`, `[root@host ~]# mii-diag eth0`,
 * SUSE's root `host:~ # zypper se ethtool` and `host:/etc # …`: a host, a colon, a directory from `~` or `/`, a space and
 * `#`), or at a bare `#` or `$` a person set in bold with the command (`**# mii-diag eth0**`), whatever the tool: the
 * lines below are that command's output, which a parser of another tool notes once instead of line by line.
 */
const SHELL_PROMPT_TYPED = /^(?:\[[^\]@]*@[^\]]*\]\s*|[\w.-]+@[\w.-]+(?::[^\s$#%>]*)?\s*|[\w.-]+:[~/][^\s$#%>]*\s+(?=#))[$#%]\s*(\S.*)$/;

const BOLD_PROMPT_TYPED = /^\*\*[#$]\s*([^*\s][^*]*)\*\*$/;

/** What a command starts with: `sudo`, a path, a program's name in lower case (`mii-diag`, `brctl`, `./nic-report.sh`). */
const COMMAND_START = /^(?:sudo\s+(?:-\S+\s+)*)?(?:\S*\/)?[a-z][\w.+-]*(?:\s|$)/;

/**
 * A root prompt's bare `#` and a command of a tool fwsnap does not know (`# mii-tool -v enp3s0`, `# brctl show br0`,
 * `# calicoctl get ippool -o wide`, `# insmod ../kernel/mstflint_access.ko`): a program's name and an option, an interface's name or a path after it, or its subcommand's
 * words and then an option, as no comment of words is written.
 */
const ROOT_PROMPT_TYPED = /^#\s?((?:sudo\s+)?(?:\S*\/)?[a-z][\w.+-]*\s+(?:-{1,2}[A-Za-z][\w-]*|[a-z][a-z-]*\d[\w.]*|\.{0,2}\/[\w.-][\w./-]*|(?:[a-z][\w-]*\s+){1,3}-{1,2}[A-Za-z][\w-]*)(?:\s+\S+)*)$/;

/**
 * A modprobe.d line (`options mlx5_core num_vfs=4`, `blacklist mlx4_en`, `softdep …`, `alias …`): a configuration file's
 * directive and a module's name, which a person comments out (`# options ixgbe max_vfs=8`); no program is run by it.
 */
const MODPROBE_DIRECTIVE = /^(?:options|blacklist|softdep|alias)\s+[\w-]+(?:\s|$)/;

/**
 * The shell's `echo` writing a value into a file (`echo 8 > /sys/class/net/enp3s0f0/device/sriov_numvfs`, `echo 0 >>
 * /tmp/log`, `sudo echo 1 > …`, `echo 2 | sudo tee -a …/sriov_numvfs`), behind any prompt (`# `, `~# `, `host:~ # `) or none, maybe chained on (`; ip link show
 * eth0`): a command a person typed, which no tool prints as a line of its output. Its group is the command.
 */
const ECHO_REDIRECT = String.raw`((?:sudo\s+(?:-\S+\s+)*)?echo(?:\s+-[neE]+)*\s+(?:\S+\s+)*?(?:\d?>>?\s*|\|\s*(?:sudo\s+(?:-\S+\s+)*)?tee\s+(?:-\S+\s+)*)(?:[/~.$]\S*|[\w.-]+)(?:\s*(?:;|&&|\|\|)\s*\S.*)?)\s*$`;

export const ECHO_WRITE = new RegExp(`(?:${promptThen(ECHO_REDIRECT).source}|^${ECHO_REDIRECT})`, 'u');

/** What the shell says when a write by echo fails (`-bash: echo: write error: Cannot allocate memory`): the echo's own answer. */
export const ECHO_ERROR = /^-?(?:ba|z|k|da|a)?sh: (?:line \d+: )?echo: write error: .+$/;

/** A write by echo behind a root prompt's bare `#` (`# echo 4 > …/sriov_numvfs`), which a person may also leave commented among an output's lines. */
export const ROOT_ECHO = /^#\s?(?:sudo\s+(?:-\S+\s+)*)?echo\s/;

export function promptedCommand(line: string): string | undefined {
  const echo = ECHO_WRITE.exec(line);
  if (echo) return (echo[1] ?? echo[2]!).trim();
  const root = ROOT_PROMPT_TYPED.exec(line)?.[1]?.trim();
  const typed = (SHELL_PROMPT_TYPED.exec(line)?.[1] ?? BOLD_PROMPT_TYPED.exec(line)?.[1] ?? root)?.trim();
  if (typed === undefined || !COMMAND_START.test(typed) || SENTENCE_WORD.test(typed.split(/\s+/)[0]!)) return undefined;
  if (typed === root) {
    // Behind a bare `#`, a configuration line commented out, not a command typed at a root prompt.
    if (MODPROBE_DIRECTIVE.test(typed)) return undefined;
    // A comment's words before an option it names (`# run ethtool with -i`) are a sentence's; a program, its
    // subcommand's words and an option (`# calicoctl get ippool -o wide`) are typed, however they read.
    const words = typed.split(/\s+(?=-{1,2}[A-Za-z])/);
    if (words[0]!.split(/\s+/).some((w) => SENTENCE_WORD.test(w))) return undefined;
    if (words.length > 1) return typed;
  }
  return looksLikeProse(typed) ? undefined : typed;
}

/** Words of a sentence, which no command line of a tool holds: a note that names a tool (`# ethtool shows this`) is words about it. */
const SENTENCE_WORD = /^(?:a|an|the|this|that|these|those|it|is|are|was|were|be|shows|says|prints|gives|from|of|on|in|here|there|and|or|but|to|for|with|after|before|not|no|only|see|note|why|what|how)$/i;

/**
 * The command a note after a value types (`recover 0  # devlink  health dump show`): a root prompt's `#` and a
 * tool's command, the line break before the prompt lost; undefined for a person's note.
 */
export function gluedCommand(note: string): string | undefined {
  const typed = /^#\s*(\S.*)$/.exec(note)?.[1]?.trim();
  // Words run apart by a doubled space (`devlink  health dump show`) were typed at a prompt, not written as a sentence.
  if (typed === undefined || !BARE_COMMAND.test(typed) || (!/\s{2,}/.test(typed) && looksLikeProse(typed))) return undefined;
  return typed.split(/\s+/).some((w) => SENTENCE_WORD.test(w)) ? undefined : typed;
}

/** The command a prompt or bare command line runs, without the prompt. */
export function commandOf(line: string): string {
  return commandWithoutExpansions(typedCommandOf(line));
}

function typedCommandOf(line: string): string {
  const typed = PROMPT.exec(line);
  if (typed) return line.slice(typed.index + typed[0].length - typed[1]!.length).trim();
  const windows = /^(?:PS\s+)?[A-Za-z]:\\[^>]*>\s*(.*)$/.exec(line);
  if (windows) return windows[1]!.trim();
  // A bare command line is the command whole: its `>` or `2>` sends the output to a file, it ends no prompt.
  if (BARE_COMMAND.test(line)) return line.trim();
  const dollar = /(?:[$#>%❯]|➜\s+\S+|\p{Extended_Pictographic}\uFE0F?)\s+(.*)$/u.exec(line);
  return (dollar ? dollar[1]! : line).trim();
}

/**
 * `script`'s first and last lines around what it recorded, its date as util-linux 2.35 on writes it
 * (`2026-12-01 10:00:05+00:00`) or as older ones did (`Tue 01 Dec 2026 10:00:05 AM UTC`).
 */
export const SCRIPT_LINE = /^Script (?:started|done) on (?:\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d\S*|[A-Z][a-z]{2}\b[\w ,.:+-]*\d\d:\d\d:\d\d[\w ,.:+-]*?)(?: ?\[.*\])?$/;

/** The command `script -c` ran, as its first line names it: `[COMMAND="mlxconfig -d 3b:00.0 q" <not executed on terminal>]`. */
export const SCRIPT_COMMAND = /^Script started on .*?\[COMMAND="(.*?)"(?= [A-Z_]+="| <|\]$)/;

/** `ansible <host> -m command -a …` names the host and result above the output: `host | CHANGED | rc=0 >>`. */
export const ANSIBLE_HEADER = /^\S+ \| (?:CHANGED|SUCCESS|FAILED!?) \| rc=-?\d+ >>$/;

/** A command whose last word is an option (`ethtool -i`, `smartctl -d`), which may take a value. */
export const ENDS_IN_OPTION = /\s-{1,2}[A-Za-z][\w-]*$/;

/**
 * The value of an option alone on a line: a device's name, path or address (`eth0`, `/dev/sda`, `0000:3b:00.0`,
 * `mt4119_pciconf0`): a digit and a letter, a `/` or a `:` in it; a number alone (`wc -l`'s `64`) is an output, and so
 * is a word ending in a colon, a heading of the output (hwinfo's `network:` under `hwinfo --short --netcard`).
 */
export const OPTION_VALUE = /^(?=.*(?:\d.*[A-Za-z]|[A-Za-z].*\d|[/:]))[\w./:@%+-]*[\w./@%+-]$/;

/** A release or version (`4.18.0-193.28.1.el8_2.x86_64`, `uname -r`'s output above a closing fence): never a device, whose address has a `:`. */
export const VERSION_SHAPED = /^\d+\.\d+[^:]*$/;

/** A command that runs one of the tools (TOOLS) itself, not a pipeline's filter after it. */
export const OWN_TOOL = new RegExp(`^${TOOL_COMMAND}`);

/**
 * The host's kernel, as a pasted `uname -a`, `uname -r` or `cat /proc/version` prints it under its command line: the
 * load reads it from any saved output as the host's kernel (a ticket pasting `uname -a` above `ethtool -i`), so another
 * tool's parser need not name it as a line it did not read. Its command line and its one line (or two, wrapped).
 */
export const KERNEL_COMMAND = /(?:^|[\s/])uname(?:\s|$)|(?:^|[\s/])(?:cat|more|less|head)\s+(?:-\S+\s+)*\/proc\/version(?:\s|$)/;

export const printsHostKernel = (command: string | undefined, lines: readonly string[]): boolean =>
  command !== undefined && KERNEL_COMMAND.test(command) && lines.length >= 1 && lines.length <= 2 &&
  /^(?:Linux\s+\S+\s+\d+\.\d+\S*\s+#|Linux version \d+\.\d+|\d+\.\d+\.\d+\S*$)/.test(lines[0]!.trim());
