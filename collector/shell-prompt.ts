/**
 * The shell prompts people paste in front of a command, as pattern sources. The collector splits a ticket saved whole
 * at the commands typed behind them, and the analyzer reads a pasted session with them; the collector ships without
 * the analyzer, so both take them from here.
 */

/**
 * What stands before a prompt's sign: an optional `(venv)`, then `[user@host dir]` (and `[host](0)`), a user before
 * the directory in brackets (`rico [ ~ ]`), a redacted `***@***.*** ~]`, PowerShell's `PS C:\dir`, cmd.exe's `C:\dir`, `user@host:dir`, `user@host dir (branch)`, Gentoo's
 * `user@host ~`, fish's `user@host ~ [1]` (the last command's exit status, `[0|1]` a pipeline's) and its bare `user@host ~>` (`/etc#` as root), a theme's `user@host🌐  in ~/dir` (an emoji glued to the host, up to two words, the directory), SUSE's
 * `host:~`, a directory (`~`, `/tmp`), Gentoo's root `host ~` before `#`, macOS zsh's `dir` before `%`, or any word of up
 * to 80 characters (`host1`, `switch`); or a two-line prompt's second line (`-> %`, kali's `└─$`, `╰─❯`).
 */
export const PROMPT_HEAD = String.raw`(?:\([^)]*\)\s*)?(?:(?:->|[└╰]─*)\s*|\[[^\]]*\](?:\([^()\s]*\))?\s*|[\w.-]+\s+\[\s*[~/][^\]]*\]\s*|[^\s\[\]$#%>@]*@[^\s\[\]$#%>]*(?:\s+[^\s\[\]$#%>]+)?\]\s*|PS\s+[A-Za-z]:[^>]*|[A-Za-z]:\\[^>]*(?=>)|[\w.-]+@[\w.-]+(?::[^\s$#%>]*)?\s+(?=[$#%>])|[\w.-]+@[\w.-]+(?::[^\s$#%>]*|\s+[^\s$#%>]+)?\s+\([^()\s]+\)\s*|[\w.-]+@[\w.-]+\s+[^\s$#%>]+\s+(?:\([^()\s]+\)\s+)?\[\d{1,3}(?:\|\d{1,3})*\]|[\w.-]+@[\w.-]+\s+[~/][^\s$#%>]*(?=[#>]\s)|[\w.-]+@[\w.-]+\s+[^\s$#%>]+\s|[\w.-]+@[\w.-]+(?:\p{Extended_Pictographic}\uFE0F?)?\s+(?:[^\s$#%>]+\s+){0,2}[~/][^\s$#%>]*\s+|[\w.-]+:[^\s$#%>]*\s|[~/][^\s$#%>]*\s|[\w.-]+\s+[~/][^\s$#%>]*\s+(?=#\s)|[^\s$#%>]+\s+(?=%\s)|[^\s$#%>]{0,80})?`;

/** The prompt's sign: `$`, `#`, `%`, `#>`, `>`, starship's `❯`, oh-my-zsh's `➜  dir`, an emoji theme's glyph. */
export const PROMPT_SIGN = String.raw`(?:[$#%]>?|>|❯|➜\s+\S+|\p{Extended_Pictographic}\uFE0F?)`;

/**
 * A prompt with no sign: ESXi's (`[root@esxi01:/opt/mellanox/bin] ./mst status`), one that lost it in a paste
 * (`root@host:smartctl -x /dev/sdi`, the host's name and a colon glued to a tool), or a theme that prints none
 * (`root@chernabog 19:12 ~ smartctl -a /dev/nvme0`: the user and host, a time, the directory).
 */
export const SIGNLESS_PROMPT = String.raw`(?:\[[\w.-]+@[\w.-]+:[^\]\s]*\]\s+|[\w.-]+@[\w.-]+:|[\w.-]+@[\w.-]+\s+(?:[^\s$#%>]+\s+){0,2}[~/][^\s$#%>]*\s+)`;

/**
 * A powerline or agnoster prompt whose separator glyphs a paste lost: its segments (user, host, directory) two spaces
 * apart, the directory last (`zangetsu  X10SRA  ~  sudo nvme list`).
 */
export const POWERLINE_PROMPT = String.raw`(?:[^\s$#%>]+ {2,}){1,3}[~/][^\s$#%>]* {2,}`;

/**
 * A prompt, then `command`: a pattern source whose first group is the command from its start. A prompt is only ever
 * taken as one when a command follows it, so a tool's own `#` or `>` lines are none.
 */
export const promptThen = (command: string): RegExp =>
  new RegExp(`^(?:${PROMPT_HEAD}${PROMPT_SIGN}\\s*|${SIGNLESS_PROMPT}|${POWERLINE_PROMPT})${command}`, 'u');

/** Tools' names as alternatives of a pattern, longest first so a name is not cut at a shorter one's end; `x*` is a prefix. */
export const toolAlternatives = (tools: Iterable<string>): string =>
  [...new Set(tools)]
    .sort((a, b) => b.length - a.length)
    .map((t) => (t.endsWith('*') ? `${t.slice(0, -1).replace(/[.+]/g, '\\$&')}[\\w-]*` : t.replace(/[.+]/g, '\\$&')))
    .join('|');

/** A shell word naming a container, an image or a root: a command substitution that finds it (`$(docker ps -qf name=x)`, backticks), or a plain word. */
const WORD = String.raw`(?:\$\([^()]*\)|\x60[^\x60]*\x60|\S+)`;

/**
 * A program that runs the typed tool inside a container or another root, before the tool's name: `singularity exec
 * base.sif`, `apptainer exec`, `docker exec -it gpu0`, `podman run --rm image`, `kubectl exec pod --`, `chroot /host`; the container found by a command substitution
 * (`docker exec -it $(docker ps -qf "name=smart") smartctl -x /dev/nvme0`).
 */
export const WRAPPER = String.raw`(?:(?:singularity|apptainer)\s+exec\s+(?:-\S+\s+)*${WORD}\s+|(?:docker|podman|nerdctl)\s+(?:exec|run)\s+(?:-\S+(?:\s+(?!\$\(|\x60)[^-\s]\S*)?\s+)*${WORD}\s+|kubectl\s+exec\s+(?:${WORD}\s+){0,6}?--\s+|chroot\s+${WORD}\s+)`;

/** The wrapper programs of WRAPPER, by the name typed first. */
export const WRAPPERS = new Set(['singularity', 'apptainer', 'docker', 'podman', 'nerdctl', 'kubectl', 'chroot']);

/**
 * The first line of a two-line prompt, above the line the command is typed on (TWO_LINE_SECOND): the user and host with
 * the time or directory (`fanmi@ds [12:36:36] [~]`), kali's `┌──(kali㉿kali)-[~]`, `╭─user@host ~ ‹main›`.
 */
export const TWO_LINE_FIRST = /^(?:[┌╭]─*)?\(?[\w.-]+[@㉿][\w.-]+\)?(?:[-\s]\S{1,40}){0,4}$/u;

/** The line a two-line prompt's command is typed on: `-> % sudo smartctl -a /dev/sda`, `└─$ nvme list`, `╰─❯ …`, zsh's `➜ # …`. */
export const TWO_LINE_SECOND = /^(?:->|[➜→]|[└╰]─*)\s*(?:[$#%❯]|\p{Extended_Pictographic})\s*\S/u;

/**
 * A code span opened before a command and never closed (a GitHub comment's "`lscpu" over the output at the margin): the
 * indentation, then the line after the backtick, whose second group a caller reads as a command line.
 */
export const OPEN_CODE_SPAN = /^(\s*)`([^`\s][^`]*)$/;

/**
 * A tool's banner naming its version after the word `version` (smartmontools 5.x's `smartctl version 5.38
 * [x86_64-redhat-linux-gnu] Copyright (C) 2002-8 Bruce Allen`, nvme-cli's `nvme version 1.16`): the output's first
 * line, no command typed. A pattern source to follow a tool's name.
 */
export const VERSION_BANNER_AFTER_TOOL = String.raw`\s+version\s+v?\d+\.\d`;

/**
 * A tool's banner naming its version right after the tool's name, which a `#` before it makes look like a root prompt's
 * command: dmidecode's `# dmidecode 3.5` (and smartctl's `smartctl 7.3 2022-02-28 r5338 …`, nvme-cli's `nvme version
 * 1.16`). No command fwsnap reads takes a bare version as its first word. A pattern source to follow a tool's name.
 */
export const TOOL_VERSION_BANNER = String.raw`(?:\s+v?\d+(?:\.\d+)+(?=\s|$)|${VERSION_BANNER_AFTER_TOOL})`;
