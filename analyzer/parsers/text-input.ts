import { CLASSES } from '../../collector/classes/index.js';
import { ansibleStdoutLines } from './ansible-lines.js';
import { jsonValueEnd } from './json-extent.js';
import { decodeJsonLogLine } from './json-log-line.js';
import { unwrapMarkup, type Unwrapped } from './markup-blocks.js';
import { decodeQuotedPrintable } from './quoted-printable.js';
import { unwrapLinePrefixes, unwrapRunnerLog } from './runner-log.js';

/**
 * Text as people capture and paste tool outputs: with CRLF line ends, colour codes, shell prompts and the
 * command line, `...` where they cut something out, iproute2's `kernel answers:` trailer, indented as a
 * whole, escaped inside one JSON log line, or HTML-escaped (`&quot;`, `&#x2F;`) by a web page or ticket export;
 * inside a Markdown fence with prose around it, values set in bold or code; quoted in a mail (`> `), or in a
 * quoted-printable mail body; with a log's prefix on every line (syslog, a CI log's or `ts`'s time, kubectl's
 * `[pod/…]`); as Ansible's `stdout_lines`; recorded by `script`; with Unicode or zero-width spaces and typographic
 * quotes from a web page; in a chat copy under its message headers (Slack's `Jane Roe  10:42 AM`, Teams' `[10:42 AM]
 * Jane Roe`); as a reST literal block. `cleanText` undoes all of that once, so every text parser sees only the tool's own lines,
 * each with the line number it had in the input.
 */

/** A line the parser should read; `no` is its 1-based line number in the (decoded) input. */
export interface TextLine {
  no: number;
  text: string;
  /** The command line (after its prompt) this line is the output of, when the paste shows one. */
  command?: string;
  /**
   * The Markdown heading above a later fenced block that shows no command line (`### /etc/network/interfaces` over a
   * config file's fence, after the fence of the output): that block is another file the writer pasted, not more output.
   */
  section?: string;
  /**
   * The shell's own message after the command, not the tool's (`Segmentation fault (core dumped)`): kept for a parser
   * that says what it means of the run; one that cannot read it leaves it to the load, which names it once as the shell's.
   */
  shell?: true;
}

export type NoiseKind = 'prompt' | 'elision' | 'trailer' | 'fence' | 'annotation' | 'prose' | 'diff';

/** A line that is not the tool's output, left out with the reason. */
export interface NoiseLine extends TextLine {
  kind: NoiseKind;
  /** An annotation's note as written after the value (`# the firmware`, `<-- old`), left out of the line. */
  note?: string;
  /** A diff's line set aside: a line of the older output (`-`), or a file or hunk header (`---`, `+++`, `@@`). */
  diff?: 'removed' | 'header';
}

/** A line a parser did not understand; parsers return these instead of giving up. */
export interface LineIssue {
  line: number;
  text: string;
  message: string;
}

export interface CleanText {
  /** Non-blank output lines, trailing spaces removed, common indentation removed. */
  lines: TextLine[];
  noise: NoiseLine[];
  /** True when the output was found escaped inside a JSON string (a log line) and decoded. */
  decodedFromJson: boolean;
  /** True when HTML character references (`&lt;`, `&#x2F;`, `&quot;`) were found and decoded. */
  decodedEntities: boolean;
  /**
   * The writer's paragraphs at the margin of a text whose outputs are Markdown's indented code blocks (see
   * marginParagraphs): each paragraph's line numbers. A parser may still read a line of one; what it cannot read is the writer's.
   */
  margins?: number[][];
}

// CSI sequences (colours, cursor movement) and OSC sequences (terminal titles, hyperlinks).
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]/g;

/** `...`, `(...)`, `[...]`, `…`, `<snip>`, `[ ... ]`, `---snip---`, `[...snip...]`, `-- >8 --`, `< ..... TRUNCATED ..... >`, `[ output truncated ]`: where the person who pasted cut lines out. */
const ELISION =
  /^(?:\.{3,}|…|\(\s*(?:\.{3,}|…)\s*\)|\[\s*(?:\.{3,}|…)?\s*(?:\.{3,}|…|snip(?:ped)?)\s*(?:\.{3,}|…)?\s*\]|<\s*(?:\.{3,}|snip(?:ped)?)\s*>|\.{3,}\s*(?:snip(?:ped)?|truncated|more)?\s*\.*|[-=]{2,}\s*(?:snip(?:ped)?|cut)\s*[-=]{2,}|-+\s*(?:8<|>8)\s*-+|[<[(]\s*(?:[.…]+\s*)?(?:(?:output|lines?|rest)\s+)?(?:truncated|snip(?:ped)?|cut|omitted|trimmed)(?:\s+\w+)?\s*(?:[.…]+\s*)?[>\])])$/i;

/** A value someone cut out of a paste (`sn : [...]`): not the value itself. */
export const isElision = (value: string): boolean => ELISION.test(value.trim());

/** iproute2 appends the kernel's extended ack to error output: `kernel answers: Operation not supported`. */
const TRAILER = /^kernel answers:/;

/** A Markdown code fence (```console, ``` shell with a space before the language), or a static site generator's highlight tag around a block (Hugo `{{< highlight sh >}}`, Jekyll `{% highlight console %}`). */
const FENCE = /^(?:(?:```|~~~) *[\w+-]*|\{\{[<%]\s*\/?(?:highlight|code)\b[^}]*[>%]\}\}|\{%-?\s*(?:end)?(?:highlight|raw|code)\b[^}]*%\})$/;

/**
 * The tools a command line may run: every tool a class runs, replays or takes from a report (`x*` there is a prefix),
 * and the shell's own commands people paste outputs of. Longest first, so a name is not cut at a shorter one's end.
 */
const TOOLS = [...new Set([
  ...CLASSES.flatMap((c) => [...Object.keys(c.commands ?? {}), ...Object.keys(c.imports?.commands ?? {}), ...(c.imports?.reportTools ?? [])]),
  'cat', 'ip', 'udevadm', 'ifconfig',
])]
  .sort((a, b) => b.length - a.length)
  .map((t) => (t.endsWith('*') ? `${t.slice(0, -1).replace(/[.+]/g, '\\$&')}[\\w-]*` : t.replace(/[.+]/g, '\\$&')))
  .join('|');
/** The typed command from its start: `sudo` and environment prefixes, a path to the tool, a tool, not its banner (`# dmidecode 3.3`). */
const TOOL_COMMAND = `((?:sudo\\s+(?:-\\S+\\s+)*)?(?:[A-Z_]+=\\S+\\s+)*(?:\\S*\\/)?(?:${TOOLS})(?![\\w-])(?!\\s+v?\\d+(?:\\.\\d+)+\\s*$))`;
const PROMPT_HEAD = String.raw`(?:\([^)]*\)\s*)?(?:\[[^\]]*\](?:\([^()\s]*\))?\s*|[^\s\[\]$#%>]*@[^\s\[\]$#%>]*(?:\s+[^\s\[\]$#%>]+)?\]\s*|PS\s+[A-Za-z]:[^>]*|[A-Za-z]:\\[^>]*(?=>)|[\w.-]+@[\w.-]+(?::[^\s$#%>]*)?\s+(?=[$#%>])|[\w.-]+@[\w.-]+(?::[^\s$#%>]*|\s+[^\s$#%>]+)?\s+\([^()\s]+\)\s*|[\w.-]+@[\w.-]+\s+[^\s$#%>]+\s|[\w.-]+:[^\s$#%>]*\s|[~/][^\s$#%>]*\s|[^\s$#%>]+\s+(?=%\s)|[^\s$#%>]{0,80})?`;
const PROMPT_SIGN = String.raw`(?:[$#%]>?|>|❯|➜\s+\S+|\p{Extended_Pictographic}\uFE0F?)`;
/** A prompt that lost its sign in a paste: `root@host:smartctl -x /dev/sdi`, the host's name and a colon glued to a tool. */
const SIGNLESS_PROMPT = String.raw`[\w.-]+@[\w.-]+:`;
/**
 * A prompt followed by a command: `$ devlink dev info`, `# ethtool -i eth0`, `[root@host ~]# ...`,
 * `user@host:~$ ...`, `user@host ~ $ ...` (Gentoo), `dir % ...` (macOS zsh), `host:~ # ...` (SUSE), `~ # ...`, `/ # ...`, `/tmp # ...` (busybox), `❯ ...` (starship), `➜  ~ ...` (oh-my-zsh), `#> ...`, `host# ...`, `(venv) $ ...`, `PS C:\> ...`, cmd.exe's `C:\Program Files\Mellanox\WinMFT>flint …`, `user@host > ...`, `[host](0) $ ...`, an emoji theme's `🐧  ...`, a prompt GitHub's mail redaction left (`[***@***.*** ~]# ...`, its `[` lost too: `***@***.*** ~]# ...`). A bare `#` comment line is a prompt
 * only when a command word follows; `sudo` and environment prefixes are allowed.
 */
const PROMPT = new RegExp(`^(?:${PROMPT_HEAD}${PROMPT_SIGN}\\s*|${SIGNLESS_PROMPT})${TOOL_COMMAND}`, 'u');

/** `$ anything` is always a command line (no tool output line starts with a dollar and a space). */
const DOLLAR_COMMAND = /^(?:\([^)]*\)\s*)?(?:\[[^\]]*\](?:\([^()\s]*\))?\s*|[^\s\[\]$#%>]*@[^\s\[\]$#%>]*(?:\s+[^\s\[\]$#%>]+)?\]\s*|[\w.-]+@[\w.-]+(?::[^\s$]*|\s+[^\s$#%>]+)?\s*(?:\([^()\s]+\)\s*)?)?\$\s+\S/;

/**
 * A bare command line without a prompt, as people paste it above the output, of any tool a prompt may run (TOOLS):
 * `devlink dev info`, `sudo ethtool -i eth0`, `smartctl -x /dev/sda`, Windows' `flint.exe -d mt4119_pciconf0 q` or
 * `C:\WinMFT\mlxconfig.exe …`, `smartctl /dev/sdb -ja`, or the tool alone (`nvidia-smi`). Its first argument is an
 * option, a path or a word in lower case (a subcommand): a tool's banner (`smartctl 7.2 2020-12-30`, a development build's
 * `smartctl pre-8.0-583-modified 2026-09-12`) and a module
 * list's `nvme  45056` are no command lines.
 */
const BARE_COMMAND = new RegExp(`^(?:sudo\\s+(?:-\\S+\\s+)*)?(?:\\S*[\\/\\\\])?(?:${TOOLS})(?:\\.exe)?(?:\\s+(?:-{1,2}[\\w-]|\\/[\\w.-]|[a-z][a-z-]*(?![\\w.-]))|$)`);

/** A prompt with nothing typed after it (`root@host:~#`, `[root@host ~]$`, `host:~ #`): the end of a pasted session. */
const BARE_PROMPT = /^(?:\[[^\]]*\]|[^\s\[\]$#%>]*@[^\s\[\]$#%>]*(?:\s+[^\s\[\]$#%>]+)?\]|[\w.@:~/-]*|[\w.-]+@[\w.-]+(?::[^\s$#%>]*|\s+[^\s$#%>]+)?\s+\([^()\s]+\)\s*|[\w.-]+@[\w.-]+\s+[^\s$#]+\s|[\w.-]+:[^\s$#]*\s|[~/][^\s$#]*\s)[$#]$/;

/**
 * An author's note after a value: an arrow after a space (`1.7 <--- No patch number included`, `bnx2x <-----`,
 * `16.35.2000 <== old`), or a `#` or `//` comment after at least two spaces or a tab (`fr : EPK9CR5Q  # the firmware`,
 * `FW Version: 16.35.2000   // from the ticket`, `OK   #版本不同显示不同`: a note in another script needs no space
 * after its mark, nor does a word, `#patched`; a number against it, `  #1`, is no word). Words of a script no tool
 * prints (`#这个`) make it a note after a single space too (a web page collapses the spaces). No output fwsnap reads
 * through cleanText prints these after a value (the corpus test in test/real-corpus/ finds them only where a person
 * added them); a document's (JSON, XML) are kept. A progress bar of `#` (rpm's `Preparing...   ##### [100%]`) is the
 * tool's own.
 */
const ANNOTATION = /(?:\s+(?:<-{2,}|<={2,})|(?:\s{2,}|\t)(?!#{3,}\s*(?:\[\s*\d{1,3}%\]\s*)?$)(?:#+|\/\/)(?=\s|$|\p{L}|[^\x00-\x7f])|\s#+(?=(?![\x00-\x7f])\p{L})).*$/u;

/** E-mail quote markers on every line (`> `, `>> > `): the depth is removed as a whole. */
// One space after a marker belongs to it; a tab is the quoted line's own indentation (a tab-aligned paste).
const QUOTE = /^(?:> ?)+/;

/** A unified diff's added-line marker that every line carries: an output in a patch, quoted in a review. */
const DIFF_ADDED = /^\+(?!\+\+ )/;

/** A shell or script comment marker that every line of a pasted output carries. */
const COMMENT = /^#(?: |$)/;

/**
 * A comment a person wrote in a shell session (`# Before updating the firmware:`), once a root prompt (`# ethtool -i
 * eth0`) is ruled out: words with single spaces that do not start with a number, on the line above a command line. A
 * tool's own `#` lines differ: a self-test log's `# 1  Short offline …` starts with a number, tables align with runs
 * of spaces, and no command line follows a banner such as `# dmidecode 3.3`.
 */
const COMMENT_WORDS = /^#+\s+([^\d\s#](?:(?! {2}|\t).)*)$/;
/**
 * A person's label of one or two words over a command line (`Show:` over `devlink dev param show …`, `Output:` over
 * `#devlink health`): a capital, letters only, a colon. The tools' own lines ending in a colon are lower-case keys
 * (`versions:`, `values:`) or carry a value, and none is followed by a command line.
 */
const LABEL = /^[A-Z][a-z]+(?: [a-z]+)?:$/;
/** A prompt and command, whatever the command: `root@host:~# anything`, `[root@host ~]# anything`, `host:~ # anything`, `$ anything`. */
const ANY_PROMPT = /^(?:(?:\[[^\]]*@[^\]]*\]\s*|[^\s\[\]$#%>]*@[^\s\[\]$#%>]*(?:\s+[^\s\[\]$#%>]+)?\]\s*|[\w.-]+@[\w.-]+(?::[^\s$#%>]*)?\s*|[\w.-]+:[^\s$#%>]*\s|[~/][^\s$#%>]*\s)[$#%]|\$)\s*\S/;

/** A comment typed at a prompt (`root@host:~# # check the firmware first`, `$ # before`): a command line that runs nothing. */
const PROMPT_COMMENT = /^(?:\[[^\]]*@[^\]]*\]\s*|[^\s\[\]$#%>]*@[^\s\[\]$#%>]*(?:\s+[^\s\[\]$#%>]+)?\]\s*|[\w.-]+@[\w.-]+(?::[^\s$#%>]*)?\s*|[\w.-]+:[^\s$#%>]*\s|[~/][^\s$#%>]*\s)?[$#%]\s+#/;

/**
 * A chat client's message header, copied with the messages (Slack, Teams, Mattermost): the sender's name and the time,
 * above a message and between two (`Jane Roe  10:42 AM`, `jroe 10:42`, `Jane Roe, Yesterday 10:42 AM`, `[10:42 AM] Jane
 * Roe`, Slack's `Jane Roe  [10:42 AM]`). No output fwsnap reads has a line of a few words then a time alone.
 */
const CHAT_HEADER = /^(?:\[\d{1,2}:\d\d(?::\d\d)?(?:\s?[AaPp][Mm])?\]\s+\p{L}[\p{L}\p{M}.'’-]*(?: \p{L}[\p{L}\p{M}.'’-]*){0,3}|\p{L}[\p{L}\p{M}\d._'’-]*(?: \p{L}[\p{L}\p{M}._'’-]*){0,3},?\s+(?:(?:Today|Yesterday)(?: at)?\s+)?\[?\d{1,2}:\d\d(?::\d\d)?(?:\s?[AaPp][Mm])?\]?)$/u;

/** cmd.exe's or PowerShell's prompt with nothing typed after it: `C:\>`, `PS C:\Program Files\Mellanox\WinMFT>`. */
const WINDOWS_BARE_PROMPT = /^(?:PS\s+)?[A-Za-z]:\\[^>]*>$/;

/**
 * Lines a terminal session prints around a command, not the tool: sudo's and su's password prompts, the login banner,
 * sudo's warning that it cannot resolve the host's name.
 */
const SESSION_LINE = /^(?:\[sudo\] password for [^:]+:|Password:|Last login: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}(?: from \S+)?|sudo: unable to resolve host .*)$/;

/**
 * What the shell itself prints after a command, not the tool: a signal that ended it (`Segmentation fault (core dumped)`,
 * `Killed`, `Aborted`, with the job's line when a script ran it: `bash: line 1: 1234 Segmentation fault …`), a command it
 * could not find (`bash: devlink: command not found`, `zsh: command not found: devlink`, `sh: 1: ethtool: not found`,
 * `sudo: devlink: command not found`, `-bash: /sbin/ethtool: No such file or directory`).
 */
const SIGNAL = String.raw`(?:Segmentation fault|Killed|Aborted|Illegal instruction|Bus error|Floating point exception|Terminated|Trace/breakpoint trap)(?: +\(core dumped\))?`;
const SHELL_MESSAGE = new RegExp(
  String.raw`^(?:${SIGNAL}|-?(?:ba|z|k|da|a)?sh: (?:line \d+: +)?\d+ +${SIGNAL}(?: +\S.*)?` +
    String.raw`|-?(?:ba|z|k|da|a)?sh: (?:line \d+: |\d+: )?\S+: (?:command not found|not found|No such file or directory|Permission denied)|(?:-?z?sh|sudo): command not found: \S+|sudo: \S+: command not found)$`,
);

/**
 * A forwarded or replied mail's header block above what it carries: Outlook's `-----Original Message-----` or a line
 * of underscores, Gmail's `---------- Forwarded message ---------`, each followed by `From:`, `Sent:`, `To:`, `Cc:`,
 * `Date:` and `Subject:` lines.
 */
const FORWARD_MARK = /^(?:-{3,}\s*(?:Original Message|Forwarded message|Forwarded by .*)\s*-{3,}|_{10,})$/i;
const FORWARD_HEADER = /^(?:From|Sent|To|Cc|Date|Subject):\s/;

/**
 * A patch's header and trailer lines around the output its description shows (`From: Jane Roe <jroe@example.org>`,
 * `Cc: …`, `Signed-off-by: …`, `Reviewed-by: …`, `Fixes: 0123abcdef01 ("…")`, `Link: https://…`): the mail's, no tool's.
 */
const PATCH_TRAILER = /^(?:(?:From|To|Cc|Signed-off-by|Reviewed-by|Acked-by|Tested-by|Reported-by|Suggested-by|Co-developed-by|Reported-and-tested-by):\s+[^<>]*<[^<>\s]+@[^<>\s]+>(?:,\s*[^<>]*<[^<>\s]+@[^<>\s]+>)*,?|Fixes:\s+[0-9a-f]{8,40}\s+\(".*"\)|Link:\s+https?:\/\/\S+)$/;

/**
 * A command typed at a prompt that can only be a shell's (`root@host:~# brctl show`, `[root@host ~]# mii-diag eth0`), or
 * at a bare `#` or `$` a person set in bold with the command (`**# mii-diag eth0**`), whatever the tool: the lines below
 * are that command's output, which a parser of another tool notes once instead of line by line.
 */
const SHELL_PROMPT_TYPED = /^(?:\[[^\]]*@[^\]]*\]\s*|[\w.-]+@[\w.-]+(?::[^\s$#%>]*)?\s*)[$#%]\s*(\S.*)$/;
const BOLD_PROMPT_TYPED = /^\*\*[#$]\s*([^*\s][^*]*)\*\*$/;
/** What a command starts with: `sudo`, a path, a program's name in lower case (`mii-diag`, `brctl`, `./nic-report.sh`). */
const COMMAND_START = /^(?:sudo\s+(?:-\S+\s+)*)?(?:\S*\/)?[a-z][\w.+-]*(?:\s|$)/;

function promptedCommand(line: string): string | undefined {
  const typed = (SHELL_PROMPT_TYPED.exec(line)?.[1] ?? BOLD_PROMPT_TYPED.exec(line)?.[1])?.trim();
  if (typed === undefined || !COMMAND_START.test(typed) || SENTENCE_WORD.test(typed.split(/\s+/)[0]!) || looksLikeProse(typed)) return undefined;
  return typed;
}

/**
 * A Markdown table's delimiter row (`|---|:---:|`, `--- | ---`): cells of dashes with alignment colons, two at least.
 * No tool fwsnap reads prints one (nvidia-smi's rules join their dashes with `+`, smartctl's flag legend has no dashes).
 */
const TABLE_DELIMITER = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?$/;

/** A table row's cells: between its pipes, the outer ones optional, an escaped `\|` inside a cell. */
const tableCells = (row: string): number => row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/).length;

/**
 * The rows of the Markdown tables a person wrote around an output (GitHub comments, docs: the host and versions, or the
 * output's values in their own words): a header row with as many cells as the delimiter row under it, and the rows
 * after it with as many cells, up to a line that is no such row. `unquoted` is a line without its mail quote marks.
 */
function markdownTables(raws: readonly string[], unquoted: (l: string) => string): Set<number> {
  const rows = new Set<number>();
  raws.forEach((l, i) => {
    const delimiter = unquoted(l);
    if (i === 0 || !TABLE_DELIMITER.test(delimiter)) return;
    const cells = tableCells(delimiter);
    const isRow = (x: string | undefined): boolean => x !== undefined && x.includes('|') && tableCells(x) === cells;
    if (!isRow(unquoted(raws[i - 1]!))) return;
    rows.add(i - 1).add(i);
    for (let j = i + 1; j < raws.length && isRow(unquoted(raws[j]!)) && !TABLE_DELIMITER.test(unquoted(raws[j]!)); j++) rows.add(j);
  });
  return rows;
}

/** Words of a sentence, which no command line of a tool holds: a note that names a tool (`# ethtool shows this`) is words about it. */
const SENTENCE_WORD = /^(?:a|an|the|this|that|these|those|it|is|are|was|were|be|shows|says|prints|gives|from|of|on|in|here|there|and|or|but|to|for|with|after|before|not|no|only|see|note|why|what|how)$/i;

/**
 * The command a note after a value types (`recover 0  # devlink  health dump show`): a root prompt's `#` and a
 * tool's command, the line break before the prompt lost; undefined for a person's note.
 */
function gluedCommand(note: string): string | undefined {
  const typed = /^#\s*(\S.*)$/.exec(note)?.[1]?.trim();
  // Words run apart by a doubled space (`devlink  health dump show`) were typed at a prompt, not written as a sentence.
  if (typed === undefined || !BARE_COMMAND.test(typed) || (!/\s{2,}/.test(typed) && looksLikeProse(typed))) return undefined;
  return typed.split(/\s+/).some((w) => SENTENCE_WORD.test(w)) ? undefined : typed;
}

/** The command a prompt or bare command line runs, without the prompt. */
function commandOf(line: string): string {
  const typed = PROMPT.exec(line);
  if (typed) return line.slice(typed.index + typed[0].length - typed[1]!.length).trim();
  const windows = /^(?:PS\s+)?[A-Za-z]:\\[^>]*>\s*(.*)$/.exec(line);
  if (windows) return windows[1]!.trim();
  const dollar = /(?:[$#>%❯]|➜\s+\S+|\p{Extended_Pictographic}\uFE0F?)\s+(.*)$/u.exec(line);
  return (dollar ? dollar[1]! : line).trim();
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos|nbsp));/g;

/**
 * Undoes HTML character references, which a web page, a blog export or a ticket system leaves in a pasted
 * output (`pci&#x2F;0000:01:00.0:`, `{&quot;info&quot;: …}`). No tool fwsnap reads prints them itself.
 * A reference to no valid character is left as it is.
 */
function decodeEntities(text: string): string | undefined {
  if (!/&(?:#[xX]?[0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);/.test(text)) return undefined;
  return text.replace(ENTITY, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED_ENTITIES[name]!;
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

/** An HTML line break and the line end a mail client may have put after it: one line end. */
const HTML_BREAK = /\r?<br\s*\/?>(?:[ \t]*\r?\n)?/gi;

/** Spaces a web page, a PDF or a word processor puts where the tool printed a plain space. */
const UNICODE_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
/** Characters that take no room, which web pages and ticket systems insert (word-break hints, joiners, stray BOMs). */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
/** Typographic quotes an editor or a web page substituted for the tool's plain ones. */
const SMART_DOUBLE = /[\u201c\u201d\u201e\u201f]/g;
const SMART_SINGLE = /[\u2018\u2019\u201a\u201b]/g;
/**
 * A reply's attribution line above a quote: a mail's `On Mon, 1 Dec 2026 at 10:00, Someone <a@b.org> wrote:`,
 * Launchpad's `Jane Roe (jroe) wrote on 2026-12-01:`, Bugzilla's `(In reply to Jane Roe from comment #3)`.
 */
const ATTRIBUTION = /^(?:(?:On\s.*|\S.*\s)wrote(?: on \d{4}-\d\d-\d\d)?:(?:\s*#\d+)?|\(In reply to .* (?:from )?comment #\d+\))$/;
/** Attribution lines that only a tracker's comment has, quoting or not (Bugzilla's reply line, Launchpad's comment header). */
const REPLY_TO = /^(?:\(In reply to .*comment #\d+\)|\S.*\swrote on \d{4}-\d\d-\d\d:(?:\s*#\d+)?)$/;
/**
 * `script`'s first and last lines around what it recorded, its date as util-linux 2.35 on writes it
 * (`2026-12-01 10:00:05+00:00`) or as older ones did (`Tue 01 Dec 2026 10:00:05 AM UTC`).
 */
const SCRIPT_LINE = /^Script (?:started|done) on (?:\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d\S*|[A-Z][a-z]{2}\b[\w ,.:+-]*\d\d:\d\d:\d\d[\w ,.:+-]*?)(?: ?\[.*\])?$/;
/** The command `script -c` ran, as its first line names it: `[COMMAND="mlxconfig -d 3b:00.0 q" <not executed on terminal>]`. */
const SCRIPT_COMMAND = /^Script started on .*?\[COMMAND="(.*?)"(?= [A-Z_]+="| <|\]$)/;
/** `ansible <host> -m command -a …` names the host and result above the output: `host | CHANGED | rc=0 >>`. */
const ANSIBLE_HEADER = /^\S+ \| (?:CHANGED|SUCCESS|FAILED!?) \| rc=-?\d+ >>$/;
/** A value a forum post set in Markdown bold or code (`**16.35.2000**`, `` `SBFK71E0` ``), both marks on one line. */
const INLINE_MARKUP = /(?<!\*)\*\*(?=[^\s*])([^*\n]*?[^\s*])\*\*(?!\*)|`(?=[^`\s])([^`\n]*?[^`\s])`/g;

/** A backslash before a character Markdown would take as markup, as a blog's Markdown export writes it (`MT\\_0000000008`, `\\-\\-\\-`). */
const MARKDOWN_ESCAPE = /\\(.)/g;
const MARKDOWN_PUNCT = new Set([...'_*-`#+.!|<>[](){}~']);

/**
 * Undoes a Markdown export's escapes when the text has `\\_`, `\\-` or `\\*`, which no tool fwsnap reads prints (JSON
 * allows no such escape; a Windows path's backslash stands before a name). A backslash escaping a backslash stays.
 */
function undoMarkdownEscapes(text: string): string | undefined {
  let found = false;
  for (const m of text.matchAll(MARKDOWN_ESCAPE)) if ('_-*'.includes(m[1]!)) found = true;
  if (!found) return undefined;
  return text.replace(MARKDOWN_ESCAPE, (whole, ch: string) => (MARKDOWN_PUNCT.has(ch) ? ch : whole));
}

/**
 * Whether the text being read is an output as the tool wrote it, byte for byte: one fwsnap ran on the live host or a
 * report tool (sos, supportconfig) saved. Otherwise (a file given in a captured tree, a text handed to a parser) a
 * person may have pasted it, and what only a paste site or a blog adds to every line is undone too: line numbers and
 * Markdown escapes, which a tool's own lines may start with or hold.
 */
let writtenByTool = false;

/** Runs a parser on an output the tool wrote itself (see writtenByTool): nothing only a paste has is undone in it. */
export function asWrittenByTool<T>(fn: () => T): T {
  const outer = writtenByTool;
  writtenByTool = true;
  try {
    return fn();
  } finally {
    writtenByTool = outer;
  }
}

/** The text as the tool printed it, before line-level cleaning: undoes encodings and markup that wrap the whole paste. */
function decodeWhole(raw: string, keepEntities: boolean): { text: string; fromJson: boolean; entities: boolean; markup: Unwrapped; setAside: NoiseLine[] } {
  let text = raw.replace(/^\uFEFF/, '');
  // A paste site's line numbers are the outermost layer: they number every line, a mail body's encoded lines included.
  if (!writtenByTool) text = withoutLineNumbers(text.split('\n')).join('\n');
  // Envelopes nest either way (a mail body holding a log line, Ansible's list holding a mail body): each is undone
  // once, outermost first, as long as one of them is found.
  const undone = new Set<string>();
  // A diff of two log lines or two Ansible results (its marks on the envelopes' lines): its older side is taken out
  // before the newer side's output is decoded. Those lines are named by their place in the text as it is then.
  const setAside: NoiseLine[] = [];
  const newerSide = (decode: (t: string) => string | undefined) => (t: string): string | undefined => {
    const diff = unifiedDiff(t.split('\n'));
    if (!diff.set.size) return decode(t);
    const inner = decode(diff.raws.filter((_, i) => !diff.set.has(i)).join('\n'));
    if (inner !== undefined) for (const [i, part] of diff.set) setAside.push({ no: i + 1, text: part.text.trimEnd(), kind: 'diff', diff: part.part });
    return inner;
  };
  // A mail body's marks added after it was encoded, on its continuations too: a diff's one column (its older side set aside).
  const mailBody = (t: string): string | undefined => (diffAfterEncoding(t) ? newerSide(decodeMailBody)(t) : decodeMailBody(t));
  const envelopes: [string, (t: string) => string | undefined][] = [
    ['quoted-printable', mailBody], ['ansible', newerSide(ansibleStdoutLines)], ['json', newerSide(decodeJsonLogLine)],
  ];
  for (let found = true; found; ) {
    found = false;
    for (const [name, decode] of envelopes) {
      const inner = undone.has(name) ? undefined : decode(text);
      if (inner === undefined) continue;
      undone.add(name);
      text = inner;
      found = true;
      break;
    }
  }
  // An HTML mail or a list archive joins the lines with `<br>` (`<br />`, `<BR>`), on one long line or with a line end
  // after some: each is a line end (a CR before it is the line's CRLF). No tool fwsnap reads prints one; an XML
  // document's tags are its own.
  if (!keepEntities) text = text.replace(HTML_BREAK, '\n');
  // CR alone: line ends of their own in a text without LF; otherwise a terminal's return to the line's start
  // (`script`, progress lines), after which the line was written again. A CRLF text's last CR, whose LF a reader
  // trimmed, ends its line as the others' do.
  text = text.includes('\n') ? text.replace(/\r+(\n|$)/g, '$1').replace(/^.*\r/gm, '') : text.replace(/\r/g, '\n');
  // A backspace a terminal echoed (a typo corrected at the prompt, `x\b \b`) takes back the character before it.
  if (text.includes('\b')) {
    for (let prev = ''; prev !== text; ) {
      prev = text;
      text = text.replace(/[^\n\b]\x08/g, '');
    }
    text = text.replace(/\x08/g, '');
  }
  // Forum, wiki, tracker and HTML markup around the output, before character references are decoded: a tag a page
  // escaped (`&lt;summary&gt;` in an XML output) is the output's own. An XML document's tags are its own too.
  const markup = unwrapMarkup(text.split('\n'), !keepEntities);
  text = markup.lines.join('\n');
  const markdown = writtenByTool ? undefined : undoMarkdownEscapes(text);
  if (markdown !== undefined) text = markdown;
  const unescaped = keepEntities ? undefined : decodeEntities(text);
  if (unescaped !== undefined) text = unescaped;
  text = text.replace(ZERO_WIDTH, '').replace(UNICODE_SPACE, ' ').replace(SMART_DOUBLE, '"').replace(SMART_SINGLE, "'").replace(ANSI, '');
  return { text, fromJson: undone.has('json'), entities: unescaped !== undefined, markup, setAside };
}

/** A quoted-printable soft break: `=` at the end of a line (trailing spaces added on the way do not count). */
const SOFT_BREAK = /=[ \t]*\r?$/;

/** For each line, whether it continues the line above after a quoted-printable soft break. */
const softContinuations = (ls: readonly string[]): boolean[] => ls.map((_, i) => i > 0 && SOFT_BREAK.test(ls[i - 1]!));

/**
 * A quoted-printable mail body, decoded after a log's prefix that every encoded line carries is taken off (a syslog
 * tag, a CI log's or `ts`'s time, kubectl's `[pod/…]`, each line of the body logged after it was encoded): the
 * continuation of a soft break carries the prefix too, and is joined without it. When a continuation has none, the body
 * was encoded with the log's lines in it, and is decoded as it is. Ansible's ad-hoc header is no part of the body.
 */
function decodeMailBody(text: string): string | undefined {
  const bare = unwrapLinePrefixes(text);
  if (bare !== undefined) {
    const ls = text.split('\n');
    const bareLs = bare.split('\n');
    const prefixed = softContinuations(bareLs).every((c, i) => !c || ls[i]!.trim() === '' || bareLs[i]!.trim() !== '');
    const decoded = prefixed && softContinuations(bareLs).some(Boolean) ? decodeQuotedPrintable(bare, (l) => ANSIBLE_HEADER.test(l), looksLikeProse) : undefined;
    if (decoded !== undefined) return decoded;
  }
  return decodeQuotedPrintable(text, (l) => ANSIBLE_HEADER.test(l), looksLikeProse);
}

/**
 * Whether a diff (`@@` hunks) was made of quoted-printable bodies as encoded: every continuation of a soft break in it
 * carries a diff's mark (` `, `+`, `-`) as its own line of the diff. A diff mailed after it was made is encoded with
 * it, and its continuations carry no mark.
 */
function diffAfterEncoding(text: string): boolean {
  const ls = text.split('\n');
  const first = ls.findIndex((l) => HUNK.test(l));
  if (first < 0) return false;
  const inHunks = softContinuations(ls).map((c, i) => c && i > first + 1 && /^[ +-]/.test(ls[i - 1]!));
  return inHunks.some(Boolean) && inHunks.every((c, i) => !c || /^[ +-]/.test(ls[i]!));
}

/**
 * Which lines are inside a Markdown fenced block, when the paste has fences (```` ``` ````, ```` ```console ````,
 * `~~~`) opening and closing a block: the prose around it is the person's. Undefined when it has no such pair.
 */
function fenced(raws: string[]): boolean[] | undefined {
  const fences = raws.map((l) => FENCE.test(l.trim()));
  if (fences.filter(Boolean).length < 2) return undefined;
  let inside = false;
  return raws.map((_, i) => {
    if (fences[i]) {
      inside = !inside;
      return false;
    }
    return inside;
  });
}

export interface CleanOptions {
  /** The text is a document (JSON, XML) whose characters are all the tool's: Markdown marks and notes after values inside it are not undone. */
  document?: boolean;
  /** HTML character references are the document's own (XML): they are left for its reader. */
  keepEntities?: boolean;
}

/** Normalises captured text; never throws. */
export function cleanText(raw: string, o: CleanOptions = {}): CleanText {
  const whole = decodeWhole(raw, o.keepEntities === true);
  const markup = whole.markup;
  let raws = whole.text.split('\n');
  // A diff of two pastes is made of the pastes as saved: its marks come off first, quote markers and all inside them.
  const diffParts = unifiedDiff(raws);
  raws = diffParts.raws;
  let inFence = markup.inBlock ?? fenced(raws);
  // A person's comment between the commands of a session: words on the line above a command line, or a sentence as the
  // paste's last line. One inside an output stays the parser's unread line.
  const nextLine = (i: number): string => raws.slice(i + 1).find((l) => l.trim() !== '')?.trim() ?? '';
  const commandLine = (l: string): boolean => PROMPT.test(l) || DOLLAR_COMMAND.test(l) || BARE_COMMAND.test(l) || ANY_PROMPT.test(l);
  const personComment = (t: string, i: number): boolean => {
    if (LABEL.test(t.trim())) return commandLine(nextLine(i));
    const words = COMMENT_WORDS.exec(t)?.[1];
    if (words === undefined) return false;
    const next = nextLine(i);
    return commandLine(next) || (next === '' && looksLikeProse(words));
  };
  // Quoted when every line is (inside the fenced block, when there is one), except lines added around the quote (a
  // trailer, a fence, an elision, the command line typed above it, the mail's attribution line, `script`'s lines).
  const around = (l: string): boolean =>
    TRAILER.test(l) || FENCE.test(l) || ELISION.test(l) || PROMPT.test(l) || DOLLAR_COMMAND.test(l) || BARE_COMMAND.test(l) || BARE_PROMPT.test(l) ||
    ATTRIBUTION.test(l) || SCRIPT_LINE.test(l) || ANSIBLE_HEADER.test(l) || PROMPT_COMMENT.test(l) || SESSION_LINE.test(l) || WINDOWS_BARE_PROMPT.test(l) || CHAT_HEADER.test(l) ||
    SHELL_MESSAGE.test(l);
  // Lines a person wrote around a block whose every line carries a marker (a quote's `> `, a comment's `# `, a diff's `+`).
  const unquoted = (x: string | undefined): string => (x ?? '').trim().replace(QUOTE, '').trim();
  // A person's Markdown table, read before anything else on its lines: its cells may hold a command or a tool's words.
  const tables = markdownTables(raws, unquoted);
  const proseAround = new Set(tables);
  raws.forEach((l, i) => {
    if (!FORWARD_MARK.test(unquoted(l))) return;
    proseAround.add(i);
    for (let j = i + 1; j < raws.length && FORWARD_HEADER.test(unquoted(raws[j])); j++) proseAround.add(j);
  });
  // A reST literal block's paragraph (`Output example::`, `::` alone) and the words after the block are the author's,
  // whatever its indented lines carry (a mail's quote markers).
  for (const i of restLiteralProse(raws)) proseAround.add(i);
  const isQuoted = (ls: string[]): boolean => {
    const prose = markedBlock(ls, (l, i) => l !== '' && !around(l) && !proseAround.has(i) && !personComment(l, i) && (!inFence || inFence[i]), (l) => QUOTE.test(l), 1);
    for (const i of prose ?? []) proseAround.add(i);
    return prose !== undefined;
  };
  // A mail quoting a log, or a log holding a quote: quote markers and log prefixes are undone in turn (line numbers kept).
  let isQuote = false;
  for (let pass = 0; pass < 3; pass++) {
    const quote = isQuoted(raws);
    if (quote) {
      // A reply quoted as a whole keeps its own depths under the outer marker (the writer's lines one deep, what the
      // writer quoted two deep): one marker comes off, and the reply is read as one. Else every marker comes off.
      const once = raws.map((l) => l.trimStart().replace(/^> ?/, ''));
      raws = interleavedReply(once, around) ? once : raws.map((l) => (QUOTE.test(l.trimStart()) ? l.trimStart().replace(QUOTE, '') : l));
    }
    isQuote ||= quote;
    // The person's lines (a table, a fence and the words outside it) are no lines of the log: they do not count against it.
    const joined = raws.map((l, i) => (tables.has(i) || (inFence && !inFence[i]) ? '' : l)).join('\n');
    const unwrapped = unwrapRunnerLog(joined);
    if (unwrapped !== joined) raws = unwrapped.split('\n');
    else if (!quote) break;
  }
  // A reply that quotes the question above the output it pastes: the quoted lines after the attribution are the
  // earlier message's, when at least as much of the reply follows them; otherwise they are the output it quotes, with
  // a remark below, and their quote markers are undone.
  const replyProse = new Set<number>();
  const interleaved = interleavedReply(raws, around);
  if (interleaved) {
    raws = interleaved.raws;
    for (const i of interleaved.prose) replyProse.add(i);
  } else if (!isQuote) {
    // Non-blank lines from each line to the end, so each attribution line costs only its own quote.
    const rest = new Array<number>(raws.length + 1).fill(0);
    for (let i = raws.length - 1; i >= 0; i--) rest[i] = rest[i + 1]! + (raws[i]!.trim() === '' ? 0 : 1);
    raws.forEach((l, i) => {
      if (!ATTRIBUTION.test(l.trim())) return;
      let end = i + 1;
      while (end < raws.length && (raws[end]!.trim() === '' || QUOTE.test(raws[end]!.trim()))) end++;
      const quoted = rest[i + 1]! - rest[end]!;
      const after = rest[end]!;
      if (quoted === 0) return;
      for (let j = i + 1; j < end; j++) {
        if (after >= quoted) replyProse.add(j);
        else raws[j] = raws[j]!.trimStart().replace(QUOTE, '');
      }
    });
  }
  // A fence inside the quote (a Markdown block in a quoted mail) shows once the markers are gone.
  if ((isQuote || interleaved) && !markup.inBlock) inFence = fenced(raws) ?? inFence;
  // An output pasted as comments (`# driver: mlx4_en` under the command, or a `# Sample output:` in a script): every line but the command.
  const counted = (l: string, i: number): boolean => l !== '' && !around(l) && !replyProse.has(i) && !proseAround.has(i) && !BARE_COMMAND.test(l) && !personComment(l, i) && (!inFence || inFence[i]);
  const commented = markedBlock(raws, counted, (l) => COMMENT.test(l), 2);
  if (commented) {
    for (const i of commented) proseAround.add(i);
    raws = raws.map((l, i) => (COMMENT.test(l.trimStart()) && !proseAround.has(i) ? l.trimStart().replace(COMMENT, '') : l));
  }
  const added = markedBlock(raws, counted, (l) => DIFF_ADDED.test(l), 2);
  if (added) {
    for (const i of added) proseAround.add(i);
    raws = raws.map((l, i) => (proseAround.has(i) ? l : l.trimStart().replace(DIFF_ADDED, '')));
  }
  for (const i of restLiteralProse(raws)) proseAround.add(i);
  for (const i of restDirectives(raws)) proseAround.add(i);
  const margins = inFence ? [] : marginParagraphs(raws);
  const sections = inFence ? laterSections(raws, inFence, commandLine) : new Map<number, string>();
  const lines: TextLine[] = [];
  const noise: NoiseLine[] = [...whole.setAside];
  let command: string | undefined;
  // A command line ending in ` \` goes on on the next line (`devlink health set … grace_period 1000 \`).
  let continued = false;
  // A command line ending in an option whose value a mail client moved to the next line (`# ethtool -i` / `eth0`).
  let wantsValue = false;
  raws.forEach((line, i) => {
    let t = line.replace(/\s+$/, '');
    const trimmed = t.trim();
    // A prompt and command in Markdown bold are a command line like any other.
    const bare = /^\*\*[^*]+\*\*$/.test(trimmed) && PROMPT.test(trimmed.slice(2, -2)) ? trimmed.slice(2, -2) : trimmed;
    const no = i + 1;
    if (continued && bare !== '') {
      noise.push({ no, text: t, kind: 'prompt' });
      continued = / \\$/.test(bare);
      return;
    }
    continued = false;
    if (wantsValue && bare !== '') {
      wantsValue = false;
      // Only when the output follows it: an option's output alone on its line (`uname -r`, `5.15.0-91-generic`) is no value.
      const after = nextLine(i);
      if (OPTION_VALUE.test(bare) && !VERSION_SHAPED.test(bare) && !ELISION.test(bare) && after !== '' && !FENCE.test(after) && !commandLine(after)) {
        noise.push({ no, text: t, kind: 'prompt' });
        command = `${command} ${bare}`;
        return;
      }
    }
    if (markup.prose.has(i)) {
      // A folded block's title (`<summary>ethtool -i eth0</summary>`) names the command when it is one.
      const title = markup.prose.get(i);
      noise.push({ no, text: title ?? '', kind: 'prose' });
      if (title !== undefined && (PROMPT.test(title) || DOLLAR_COMMAND.test(title) || BARE_COMMAND.test(title))) command = commandOf(title);
      return;
    }
    const part = diffParts.set.get(i);
    if (part !== undefined) {
      noise.push({ no, text: part.text.trimEnd(), kind: 'diff', diff: part.part });
      return;
    }
    if (bare === '') return;
    let prompted: string | undefined;
    if (tables.has(i)) noise.push({ no, text: t, kind: 'prose' });
    else if (ELISION.test(bare)) noise.push({ no, text: t, kind: 'elision' });
    else if (TRAILER.test(bare)) noise.push({ no, text: t, kind: 'trailer' });
    else if (FENCE.test(bare)) noise.push({ no, text: t, kind: 'fence' });
    else if (PROMPT_COMMENT.test(bare)) noise.push({ no, text: t, kind: 'prompt' });
    else if (PROMPT.test(bare) || DOLLAR_COMMAND.test(bare) || BARE_COMMAND.test(bare)) {
      noise.push({ no, text: t, kind: 'prompt' });
      command = commandOf(bare);
      continued = / \\$/.test(bare);
      wantsValue = ENDS_IN_OPTION.test(command) && OWN_TOOL.test(command) && !command.includes('|');
    } else if ((prompted = promptedCommand(bare)) !== undefined) {
      noise.push({ no, text: t, kind: 'prompt' });
      command = prompted;
      continued = / \\$/.test(bare);
    } else if (SCRIPT_LINE.test(bare)) {
      noise.push({ no, text: t, kind: 'prompt' });
      const typed = SCRIPT_COMMAND.exec(bare)?.[1];
      if (typed !== undefined) command = typed.trim();
    } else if (BARE_PROMPT.test(bare) || WINDOWS_BARE_PROMPT.test(bare) || SESSION_LINE.test(bare) || ANSIBLE_HEADER.test(bare)) noise.push({ no, text: t, kind: 'prompt' });
    else if ((inFence && !inFence[i]) || ((isQuote || replyProse.size > 0 || REPLY_TO.test(bare)) && ATTRIBUTION.test(bare)) || replyProse.has(i) || proseAround.has(i) || personComment(bare, i) || CHAT_HEADER.test(bare) || PATCH_TRAILER.test(bare)) noise.push({ no, text: t, kind: 'prose' });
    else {
      const note = o.document ? null : ANNOTATION.exec(t);
      // A note is after a value: a line that is only a comment is not a value with a note.
      const glued = note && note.index > 0 && t.slice(0, note.index).trim() !== '' ? gluedCommand(note[0].trim()) : undefined;
      if (note && note.index > 0 && t.slice(0, note.index).trim() !== '') {
        if (glued === undefined) noise.push({ no, text: t, kind: 'annotation', note: note[0].trim() });
        t = t.slice(0, note.index);
      }
      if (!o.document) t = t.replace(INLINE_MARKUP, (_m, bold: string | undefined, code: string | undefined) => bold ?? code ?? '');
      const section = sections.get(i);
      lines.push({ no, text: t.replace(/\t/g, '        '), ...(command !== undefined ? { command } : {}), ...(section !== undefined ? { section } : {}), ...(SHELL_MESSAGE.test(bare) ? { shell: true as const } : {}) });
      if (glued !== undefined) {
        // The next command typed at a root prompt, its line break lost: the lines below are that command's output.
        noise.push({ no, text: note![0].trim(), kind: 'prompt' });
        command = glued;
        continued = / \\$/.test(glued);
      }
    }
  });
  if (o.document) proseAroundXml(lines, noise);
  // An output indented as a whole, also under or above a sentence that is not (a README's code block): the indentation
  // the output's lines share is removed; a line indented less keeps what it has.
  const { from, to } = edgeProse(lines);
  const indent = Math.min(...lines.slice(from, to).map(indentOf));
  if (indent > 0 && Number.isFinite(indent)) for (const l of lines) l.text = l.text.slice(Math.min(indent, indentOf(l)));
  const cleaned = { lines, noise, decodedFromJson: whole.fromJson, decodedEntities: whole.entities, ...(margins.length ? { margins } : {}) };
  observed?.push(cleaned);
  return cleaned;
}

/** A Markdown heading (`### Network configuration`): its words. */
const MARKDOWN_HEADING = /^#{1,6}\s+(\S.*?)\s*#*$/;

/**
 * The lines (by index) of each fenced block after the first that held lines, when a Markdown heading outside the fences
 * is between it and the block before, and no command line is inside it: each with its heading's words.
 */
function laterSections(raws: readonly string[], inFence: readonly boolean[], commandLine: (l: string) => boolean): Map<number, string> {
  const out = new Map<number, string>();
  let heading: string | undefined;
  let seenBlock = false;
  for (let i = 0; i < raws.length; ) {
    if (!inFence[i]) {
      const h = MARKDOWN_HEADING.exec(raws[i]!.trim());
      if (h && !commandLine(raws[i]!.trim())) heading = h[1]!;
      i++;
      continue;
    }
    let end = i;
    while (end < raws.length && inFence[end]) end++;
    const block = raws.slice(i, end).map((l) => l.trim()).filter((l) => l !== '');
    if (seenBlock && heading !== undefined && block.length && !block.some(commandLine)) for (let j = i; j < end; j++) out.set(j, heading);
    if (block.length) seenBlock = true;
    heading = undefined;
    i = end;
  }
  return out;
}

/** Columns of a line's indentation, a tab to the next multiple of four (Markdown's tab stop). */
function indentWidth(line: string): number {
  let w = 0;
  for (const ch of line) {
    if (ch === ' ') w++;
    else if (ch === '\t') w += 4 - (w % 4);
    else break;
  }
  return w;
}

/**
 * The writer's paragraphs of a Markdown text whose commands and outputs are indented code blocks (a blog's or README's
 * session: each block four columns in, the writer's steps at the margin between them): the line numbers of each
 * paragraph at the margin, when at least two indented blocks have one between them. None when an indented line is right
 * under or over a margin line with no blank line between: that is a tool's own nesting (`Standards:` over its indented
 * lines, a devlink handle over its attributes), or the writer's words run into a block, and no code block.
 */
function marginParagraphs(raws: readonly string[]): number[][] {
  const widths = raws.map((l) => (l.trim() === '' ? Infinity : indentWidth(l)));
  const base = Math.min(...widths);
  if (!Number.isFinite(base)) return [];
  const groups: number[][] = [];
  widths.forEach((w, i) => {
    if (w === Infinity) return;
    if (i > 0 && widths[i - 1] !== Infinity) groups.at(-1)!.push(i);
    else groups.push([i]);
  });
  const indented = (i: number): boolean => widths[i]! >= base + 4;
  if (groups.some((g) => g.some(indented) && !g.every(indented))) return [];
  const blocks = groups.map((g) => indented(g[0]!));
  const between = blocks.some((b, k) => !b && blocks.slice(0, k).includes(true) && blocks.slice(k + 1).includes(true));
  return between ? groups.filter((_, k) => !blocks[k]).map((g) => g.map((i) => i + 1)) : [];
}

/** A command whose last word is an option (`ethtool -i`, `smartctl -d`), which may take a value. */
const ENDS_IN_OPTION = /\s-{1,2}[A-Za-z][\w-]*$/;
/**
 * The value of an option alone on a line: a device's name, path or address (`eth0`, `/dev/sda`, `0000:3b:00.0`,
 * `mt4119_pciconf0`): a digit and a letter, a `/` or a `:` in it; a number alone (`wc -l`'s `64`) is an output.
 */
const OPTION_VALUE = /^(?=.*(?:\d.*[A-Za-z]|[A-Za-z].*\d|[/:]))[\w./:@%+-]+$/;
/** A release or version (`4.18.0-193.28.1.el8_2.x86_64`, `uname -r`'s output above a closing fence): never a device, whose address has a `:`. */
const VERSION_SHAPED = /^\d+\.\d+[^:]*$/;
/** A command that runs one of the tools (TOOLS) itself, not a pipeline's filter after it. */
const OWN_TOOL = new RegExp(`^${TOOL_COMMAND}`);

const HUNK = /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@/;
const DIFF_FILE = /^(?:diff (?:--git |-)\S|index [0-9a-f]+\.\.[0-9a-f]+)/;

/**
 * A unified diff of two outputs (`@@` hunks, `-` and `+` lines): from its first file or hunk header on, the `+` side
 * (the newer) and the context lines are the output, without their one-column mark; the `-` lines (the older) and the
 * headers are set aside, by line index, and left blank. A text with no hunk is returned as it is.
 */
function unifiedDiff(raws: string[]): { raws: string[]; set: Map<number, { part: 'removed' | 'header'; text: string }> } {
  const set = new Map<number, { part: 'removed' | 'header'; text: string }>();
  const first = raws.findIndex((l) => HUNK.test(l));
  if (first < 0) return { raws, set };
  let start = first;
  while (start > 0 && (DIFF_FILE.test(raws[start - 1]!) || /^(?:---|\+\+\+) /.test(raws[start - 1]!))) start--;
  const out = raws.map((l, i) => {
    if (i < start) return l;
    const fileHeader = (/^--- /.test(l) && /^\+\+\+ /.test(raws[i + 1] ?? '')) || (/^\+\+\+ /.test(l) && /^--- /.test(raws[i - 1] ?? ''));
    if (HUNK.test(l) || DIFF_FILE.test(l) || fileHeader || /^\\ No newline/.test(l)) set.set(i, { part: 'header', text: l });
    else if (l.startsWith('-')) set.set(i, { part: 'removed', text: l });
    else return l.startsWith('+') || l.startsWith(' ') ? l.slice(1) : l;
    // Blank in the lines the rest of the cleaning looks at (a quote inside the diff is still every line's).
    return '';
  });
  return { raws: out, set };
}

/** `Output example::`, or `::` alone: reST's mark that an indented literal block follows. */
const REST_LITERAL = /^(?:::|(.*\S)::)$/;

/**
 * A reST literal block: the line ending in `::` and every line outside the indented block after it are the author's
 * (indices of those lines); none when the text has no such block. The `::` line reads as a sentence or heading.
 */
/** How many quote markers a line carries: 0 for `driver: ice`, 2 for `>> driver: ice` and `> > driver: ice`. */
function quoteDepth(line: string): number {
  return QUOTE.exec(line.trimStart())?.[0].split('>').length ?? 1;
}

/**
 * A mail reply whose quotes are cut by answers (`>> output`, `> a question`, an unquoted answer, `>> more output`): the
 * output is the lines of one depth, whichever holds the most lines that are no sentence (a command line counts too);
 * the lines of other depths are the thread's words around it. Undefined unless at least two quoted runs are parted by
 * unquoted words.
 */
function interleavedReply(raws: readonly string[], around: (l: string) => boolean): { raws: string[]; prose: number[] } | undefined {
  const depths = raws.map((l) => quoteDepth(l) - 1);
  const bodies = raws.map((l) => l.trimStart().replace(QUOTE, '').trim());
  let runs = 0;
  let inRun = false;
  raws.forEach((l, i) => {
    if (l.trim() === '') return;
    if (depths[i]! > 0 && !inRun) runs++;
    inRun = depths[i]! > 0 || (inRun && bodies[i] === '');
  });
  if (runs < 2) return undefined;
  const weight = new Map<number, number>();
  bodies.forEach((b, i) => {
    if (b === '' || ATTRIBUTION.test(b) || (looksLikeProse(b) && !around(b))) return;
    weight.set(depths[i]!, (weight.get(depths[i]!) ?? 0) + 1);
  });
  const ranked = [...weight].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  if (ranked.length < 2 && ranked[0]?.[0] === 0) return undefined;
  const depth = ranked[0] === undefined ? undefined : (repastedAt(bodies, depths, ranked[0][0], around) ?? ranked[0][0]);
  if (depth === undefined) return undefined;
  const prose: number[] = [];
  const out = raws.map((l, i) => {
    if (bodies[i] === '') return '';
    if (depths[i] !== depth) prose.push(i);
    return depths[i] === depth && depth > 0 ? l.trimStart().replace(QUOTE, '') : l;
  });
  return { raws: out, prose };
}

/** A line's shape: its first two words, digits masked (`state healthy error 33` and `… error 250` are one shape). */
const lineShape = (body: string): string => body.split(/\s+/, 2).join(' ').replace(/\d+/g, '0');

/**
 * The depth at which the writer pasted an output again, below the one they quote (`Oops, not 250:` and the corrected
 * output): the nearest shallower depth with at least three lines that are no sentence, most of them of a shape the
 * quoted output has. The writer's output is the one they stand by, also when a later reply quotes the writer in turn
 * (the writer's lines one deep, the output they quoted two deep). Undefined when no depth repastes it.
 */
function repastedAt(bodies: readonly string[], depths: readonly number[], quoted: number, around: (l: string) => boolean): number | undefined {
  const tool = (b: string): boolean => b !== '' && !ATTRIBUTION.test(b) && !(looksLikeProse(b) && !around(b));
  const shapes = new Set(bodies.filter((b, i) => depths[i] === quoted && tool(b)).map(lineShape));
  for (let d = quoted - 1; d >= 0; d--) {
    const own = bodies.filter((b, i) => depths[i] === d && tool(b));
    const twins = own.filter((b) => shapes.has(lineShape(b))).length;
    if (twins >= 3 && twins * 2 >= own.length) return d;
  }
  return undefined;
}

/** A reST directive (`.. code-block:: console`, `.. rubric:: Get driver information`) and its options (`:name: …`) under it. */
const REST_DIRECTIVE = /^\.\. [A-Za-z][\w-]*::(?:\s.*)?$/;
const REST_OPTION = /^:[\w-]+:(?:\s.*)?$/;

/** The lines of reST directives and of their options: the document's markup around a block, not the block's lines. */
function restDirectives(raws: readonly string[]): number[] {
  const out: number[] = [];
  raws.forEach((l, i) => {
    if (!REST_DIRECTIVE.test(l.trim())) return;
    out.push(i);
    const base = l.length - l.trimStart().length;
    for (let j = i + 1; j < raws.length && REST_OPTION.test(raws[j]!.trim()) && raws[j]!.length - raws[j]!.trimStart().length > base; j++) out.push(j);
  });
  return out;
}

function restLiteralProse(raws: readonly string[]): number[] {
  const at = raws.findIndex((l) => {
    const m = REST_LITERAL.exec(l.trim());
    return m !== null && (m[1] === undefined || looksLikeProse(`${m[1]}:`));
  });
  if (at < 0) return [];
  const indent = (l: string): number => l.length - l.trimStart().length;
  const base = indent(raws[at]!);
  let end = at + 1;
  while (end < raws.length && raws[end]!.trim() === '') end++;
  if (end === raws.length || indent(raws[end]!) <= base) return [];
  // An elision a person typed at the margin (`...`) is inside the block it cuts.
  while (end < raws.length && (raws[end]!.trim() === '' || indent(raws[end]!) > base || ELISION.test(raws[end]!.trim()))) end++;
  const before = raws.slice(0, at).filter((l) => l.trim() !== '');
  const after = raws.slice(end).filter((l) => l.trim() !== '');
  // Only words around it: a line after the block that is no sentence (another output, a tool's line) leaves the text as it is.
  if (!before.every(looksLikeProse) || !trailingProse(after).every(Boolean)) return [];
  const out: number[] = [];
  raws.forEach((l, i) => {
    if (l.trim() !== '' && (i <= at || i >= end)) out.push(i);
  });
  return out;
}

/** A paste site's line number: `12 | text`, `12| text`, or `12` and spaces before the text in a column of its own. */
const LINE_NUMBER = /^( *)(\d+)( *\| ?| +|$)/;

/**
 * A pastebin's or gist's line numbers taken off: every non-blank line of the text starts with a number, the numbers go
 * up by one with the lines, and the text after them starts in one column (right after `|`, or where the widest
 * number's spaces end). Otherwise the lines are returned as they are (numbers that are an output's own stay).
 */
function withoutLineNumbers(raws: string[]): string[] {
  const idx = raws.map((_, i) => i).filter((i) => raws[i]!.trim() !== '');
  const ms = idx.map((i) => LINE_NUMBER.exec(raws[i]!));
  if (!idx.length || ms.some((m) => m === null)) return raws;
  const offset = Number(ms[0]![2]) - idx[0]!;
  if (ms.some((m, k) => Number(m![2]) - idx[k]! !== offset)) return raws;
  const piped = ms.every((m) => m![3]!.includes('|'));
  // Fewer lines are numbered so only from line 1 and with the site's `|`: a number column alone may be the output's own.
  if (idx.length < 3 && !(piped && offset === 1)) return raws;
  if (!piped && ms.some((m) => m![3] === '' && raws[idx[ms.indexOf(m)]!]!.trim() !== m![2])) return raws;
  // Without a pipe: the column after the widest number and the fewest spaces any line's text has after it.
  const ends = ms.map((m) => m![1]!.length + m![2]!.length);
  const widest = Math.max(...ends);
  const column = piped ? 0 : widest + Math.min(...ms.map((m, k) => (raws[idx[k]!]!.length > ends[k]! ? m![3]!.length - (widest - ends[k]!) : Infinity)));
  if (!piped && !(column > widest && Number.isFinite(column))) return raws;
  const numbered = new Set(idx);
  return raws.map((l, i) => {
    if (!numbered.has(i)) return l;
    return piped ? l.replace(LINE_NUMBER, '') : l.slice(column);
  });
}

/**
 * Words a person wrote above an XML document (from its `<?xml …?>` or first tag) or under it (after its closing tag),
 * without a fence: moved from the lines to the noise as prose. Lines that do not read as a person's stay.
 */
function proseAroundXml(lines: TextLine[], noise: NoiseLine[]): void {
  const first = lines.findIndex((l) => /^\s*<(?:\?xml\b|[A-Za-z][\w.:-]*(?:[\s>]|\/>|$))/.test(l.text));
  let last = lines.length - 1;
  while (last > first && !/^\s*<\/[A-Za-z][\w.:-]*>\s*$/.test(lines[last]!.text)) last--;
  if (first < 0 || last <= first) return;
  const before = lines.slice(0, first);
  const after = lines.slice(last + 1);
  const prose = [...(before.every((l) => looksLikeProse(l.text)) ? before : []), ...(trailingProse(after.map((l) => l.text)).every(Boolean) ? after : [])];
  if (!prose.length) return;
  const words = new Set(prose);
  const kept = lines.filter((l) => !words.has(l));
  lines.length = 0;
  for (const l of kept) lines.push(l);
  noise.push(...prose.map((l) => ({ no: l.no, text: l.text, kind: 'prose' as const })));
}

/**
 * Whether a block is marked on every line (`marked`), but for lines a person wrote around it: lines that read as prose
 * before its first marked line or after its last. Only lines `counts` says are the block's are looked at. Returns the
 * indices of the prose lines around it (empty when there are none), or undefined when the block is not marked.
 */
function markedBlock(raws: string[], counts: (trimmed: string, i: number) => boolean, marked: (trimmed: string) => boolean, atLeast: number): Set<number> | undefined {
  const idx = raws.map((_, i) => i).filter((i) => counts(raws[i]!.trim(), i));
  const markedIdx = idx.filter((i) => marked(raws[i]!.trim()));
  if (markedIdx.length < atLeast) return undefined;
  const first = markedIdx[0]!;
  const last = markedIdx.at(-1)!;
  const before = idx.filter((i) => i < first && !marked(raws[i]!.trim()));
  const after = idx.filter((i) => i > last);
  if (idx.some((i) => i > first && i < last && !marked(raws[i]!.trim()))) return undefined;
  const trailing = trailingProse(after.map((i) => raws[i]!));
  if (!before.every((i) => looksLikeProse(raws[i]!)) || !trailing.every(Boolean)) return undefined;
  return new Set([...before, ...after]);
}

/**
 * A mail's signature under its words: the signature marker (RFC 3676's `-- `) alone or with a name (`-- Jane Roe`,
 * `--Marc`), or a closing word and a name on one line (`Cheers Bob`).
 */
const SIGNATURE = /^(?:--(?:\s*[A-Z][A-Za-z'.-]*(?: [A-Z][A-Za-z'.-]*){0,2})?|(?:[Tt]hanks|[Cc]heers|[Bb]est|[Rr]egards)(?: [A-Z][A-Za-z'.-]*){1,2}[.!]?)$/;
/** A line that thanks or closes (`Thanks,`, `Thanks for your time.`, `Best regards,`): a name under it is the writer's. */
const CLOSES = /^(?:many thanks|thanks|thank you|thx|tia|(?:best |kind |warm )?regards|best|cheers|sincerely|br|rgds)\b/i;
/** A name signed under a closing or the signature marker (`Jane`, `Jane Roe`, `Bart.`, `J. Roe`): one to three capitalised words. */
const SIGNED_NAME = /^[A-Z][A-Za-z'.-]*(?: [A-Z][A-Za-z'.-]*){0,2}[,.!]?$/;

/**
 * The next line of a sentence a person wrapped (`… after the update to the latest` / `firmware from the vendor site.`):
 * the line above does not end a sentence, and this one has words with single spaces, no tool's marks (`=`, `|`,
 * brackets, a `key: value`), and starts in lower case or ends the sentence.
 */
export function continuesSentence(above: string, t: string): boolean {
  const line = t.trim();
  if (/[.!?:]$/.test(above.trim()) || /\s{2,}|\t|[=|{}[\]<>]|^\S+:(?:\s|$)/.test(line)) return false;
  return /^[a-z]/.test(line) || /[a-z][.!?]$/.test(line);
}

/**
 * Which lines after an output, in order, are a person's: prose, and after prose the rest of a wrapped sentence or a
 * signature (`-- Jane Roe`, `--`); a name only under a closing or the signature marker (`Regards,` / `Jane`, `Thanks,` /
 * `Bart.`), as a capitalised word alone after a sentence may be a tool's (a line cut short, `Auto Of`).
 */
export function trailingProse(texts: readonly string[]): boolean[] {
  let afterProse = false;
  let signing = false;
  return texts.map((t, i) => {
    const line = t.trim();
    const prose = looksLikeProse(t);
    const signature = afterProse && SIGNATURE.test(line);
    const name = signing && SIGNED_NAME.test(line);
    signing = (prose && CLOSES.test(line)) || (signature && line.startsWith('--')) || name;
    return (afterProse = prose || signature || name || (afterProse && continuesSentence(texts[i - 1]!, t)));
  });
}

/** A closing a person writes under a paste: `Thanks, Bob`, `Regards,`, `Cheers!`, `Hope this helps.` */
const CLOSING = /^(?:many thanks|thanks(?: a lot| in advance)?|thank you|thx|tia|(?:best |kind |warm )?regards|best|cheers|hope this helps)(?:[,.!]+(?: [A-Z][\w.'-]*){0,2}[.!]?)?$/i;

/** A greeting a person writes above a paste, on a line of its own: `Hi,`, `Hello all,`, `Dear Jane,`, `Hi Bob!`. */
const GREETING = /^(?:hi|hello|hey|dear)(?: [\w.'-]+){0,2}[,!]$|^(?:hi|hello|hey)$/i;

/**
 * A rule a person put between two outputs pasted one after the other (`---`, `===`, `___`, `***`, `-----8<-----`,
 * `-- >8 --`): a line of one such character, or scissors. A reader that finds its tool's output starting again after
 * one reads each output as it would be alone.
 */
export const isOutputRule = (text: string): boolean => /^(?:-{3,}|={3,}|_{3,}|\*{3,}|~{3,}|-+\s*(?:8<|>8|\u2702)\s*-+)$/.test(text.trim());

/** A line of dashes (`---`, `———`, `───`), equals signs, stars or the like: a separator a person put above or below a block. */
const SEPARATOR = /^[-=*_~#.:+\u2013\u2014\u2015\u2500\u2501\u2550]{3,}$/;

/**
 * A line a person wrote rather than a tool printed: a separator, or words with single spaces (tools align their
 * columns; people do not) written as people write: a heading of two words or more ending in `:` with a lower-case word
 * (`Output example::`, `Here is the output:`; not a field with no value, `firmware-version:`, `Security Attributes:`),
 * a sentence ending in `.`, `?` or `!` with two lower-case words, or a line of four lower-case words or more; never a
 * run of a tool's `key value` pairs.
 */
export function looksLikeProse(text: string): boolean {
  const trimmed = text.trim();
  if (SEPARATOR.test(trimmed) || CLOSING.test(trimmed) || GREETING.test(trimmed)) return true;
  // A tool aligns its columns with runs of spaces; a person's one doubled space (`smartctl -c  /dev/nvme0` quoted in a
  // sentence, two spaces after a full stop) is a space.
  if (/\s{3,}|\t/.test(trimmed) || (trimmed.match(/ {2}/g) ?? []).length > 1) return false;
  const t = trimmed.replace(/ {2}/, ' ');
  // Words in Chinese, Japanese or Korean (`网卡bnx2自己固定的信息，如：`, `→ ドライバも新しそう。`): no tool fwsnap reads
  // prints them, except as a value after an ASCII field name.
  if ((t.match(CJK) ?? []).length >= 2 && !/^[\x21-\x7e][\x20-\x7e]*:\s/.test(t)) return true;
  const words = t.split(' ');
  if (keyValueRun(words)) return false;
  const lower = words.filter((w) => /^[a-z][a-z']*[,.;:!?]*$/.test(w)).length;
  // Brackets, pipes and `=` are a tool's, unless the line is mostly words (a sentence quoting a command line).
  if (/[=|{}[\]<>]/.test(t) && lower < 4) return false;
  if (t.endsWith(':')) return words.length >= 2 && lower >= 1;
  if (/[.?!]$/.test(t)) return lower >= 2;
  return lower >= 4;
}

/** Han, kana and Hangul characters. */
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/g;

/** A value a tool prints after its key: a number, a date or time, a boolean. */
const TOOL_VALUE = /^(?:\d[\d.:-]*|true|false)$/;

/**
 * Words that are a tool's `key value` pairs rather than a sentence (devlink's `state healthy error 0 recover 0
 * grace_period 500 auto_recover true auto_dump true`, `cmode runtime value true`): an even number of words, every
 * other one a lower-case key, and at least half the values numbers, dates, times or booleans.
 */
function keyValueRun(words: readonly string[]): boolean {
  if (words.length < 4 || words.length % 2 !== 0) return false;
  const keys = words.filter((_, i) => i % 2 === 0);
  const values = words.filter((_, i) => i % 2 === 1);
  return keys.every((k) => /^[a-z][a-z0-9_.-]*$/.test(k)) && values.filter((v) => TOOL_VALUE.test(v)).length * 2 >= values.length;
}

/** What cleanText made of the texts read while observeText runs a parser; undefined when none runs. */
let observed: CleanText[] | undefined;

/**
 * Runs a parser and gives back, with its result, what every cleanText call made of its input: the lines it gave the
 * parser and the lines it left out (notes after values, prose around a block), so the caller can say what was left
 * out without each parser reporting it.
 */
export function observeText<T>(fn: () => T): { value: T; seen: CleanText[] } {
  const outer = observed;
  const seen: CleanText[] = [];
  observed = seen;
  try {
    return { value: fn(), seen };
  } finally {
    observed = outer;
  }
}

/** Lines a person wrote at the start and the end of the lines (prose, a separator, a sign-off), less indented than the rest. */
function edgeProse(lines: readonly TextLine[]): { from: number; to: number } {
  let from = 0;
  while (from < lines.length - 1 && looksLikeProse(lines[from]!.text)) from++;
  let to = lines.length;
  for (let s = lines.length - 1; s > from && s >= lines.length - 8; s--) if (trailingProse(lines.slice(s).map((l) => l.text)).every(Boolean)) to = s;
  const inner = Math.min(...lines.slice(from, to).map(indentOf));
  const lessIndented = (l: TextLine): boolean => indentOf(l) < inner;
  return lines.slice(0, from).every(lessIndented) && lines.slice(to).every(lessIndented) ? { from, to } : { from: 0, to: lines.length };
}

/** Indentation of a cleaned line, in columns. */
export const indentOf = (line: TextLine): number => line.text.length - line.text.trimStart().length;

/**
 * A line that opens a JSON document: `{`, or `[` followed by a value (not `[param,new]`, a `[...]` elision or a log
 * line's `[2021/11/01 10:37:46]`).
 */
const opensJson = (text: string): boolean => /^\{|^\[\s*(?:[{["]|-?\d[\d.eE+-]*\s*(?:[,\]]|$)|true|false|null|\]|$)/.test(text.trimStart());

/**
 * The JSON document in a captured output: the cleaned text from its first `{` (or `[`) to the matching
 * last `}` (or `]`), so a prompt before it or a trailer after it does not matter. Words a person wrote above it
 * or under it without a fence (`Here is the output:`, `Any idea? Thanks.`) are set aside as text around the output.
 * Undefined when the output does not start with JSON.
 */
export function jsonDocument(raw: string): string | undefined {
  const cleaned = cleanText(raw, { document: true });
  const { lines } = cleaned;
  let first = 0;
  while (first < lines.length && !opensJson(lines[first]!.text) && looksLikeProse(lines[first]!.text)) first++;
  if (first === lines.length || !opensJson(lines[first]!.text)) first = 0;
  const doc = lines.slice(first);
  const body = doc.map((l) => l.text).join('\n');
  const start = body.search(/\S/);
  if (start < 0 || (body[start] !== '{' && body[start] !== '[')) return undefined;
  // `[param,new] ...` (devlink monitor) and `[...]` elisions start with a bracket but are not JSON arrays.
  // Nor is a log line's `[2021/11/01 10:37:46]` time stamp: a number in an array is followed by `,` or `]`.
  if (body[start] === '[' && !/^\[\s*(?:[{["]|-?\d[\d.eE+-]*\s*[,\]\n]|true|false|null|\])/.test(body.slice(start))) return undefined;
  // The document's own end, when only a person's words follow it; else its last closing bracket.
  const closes = jsonValueEnd(body, start);
  let lastLine = -1;
  if (closes > 0) {
    let at = 0;
    lastLine = doc.findIndex((l) => (at += l.text.length + 1) > closes);
    const after = doc.slice(lastLine + 1).map((l) => l.text);
    if (body.slice(closes + 1, body.indexOf('\n', closes) < 0 ? body.length : body.indexOf('\n', closes)).trim() !== '' || !trailingProse(after).every(Boolean)) lastLine = -1;
  }
  const prose = [...lines.slice(0, first), ...(lastLine >= 0 ? doc.slice(lastLine + 1) : [])];
  if (prose.length) {
    const words = new Set(prose);
    cleaned.lines = lines.filter((l) => !words.has(l));
    cleaned.noise.push(...prose.map((l) => ({ no: l.no, text: l.text, kind: 'prose' as const })));
  }
  if (lastLine >= 0) return body.slice(start, closes + 1);
  const end = body.lastIndexOf(body[start] === '{' ? '}' : ']');
  return end > start ? body.slice(start, end + 1) : body.slice(start);
}

/**
 * Whether a text ends with a whole JSON document: its last character closes a document that parses, as a compact
 * one-line output (`smartctl -j`, `nvme -o json`) saved without a line end has. Such a text was not cut.
 */
export function endsWithJsonDocument(raw: string): boolean {
  const outer = observed;
  observed = undefined;
  try {
    const body = jsonDocument(raw);
    if (body === undefined || !raw.trimEnd().endsWith(body.slice(-1))) return false;
    JSON.parse(body);
    return true;
  } catch {
    return false;
  } finally {
    observed = outer;
  }
}
