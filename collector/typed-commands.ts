import { commandArtifactName } from '../bundle/format.js';

/**
 * A ticket's or a mail's text saved whole at the top of a captured tree (`ticket.txt`, `issue 42.md`): the outputs of
 * several commands, each below the command a person typed (`$ sudo flint -d 03:00.0 q`, `[root@host ~]# ethtool -i
 * eth0`, a bare `smartctl -x /dev/sda` line). Split at those commands, each part is read as the saved output of its
 * command. The parts cover the whole text: the words before the first command go with the first part, the words after
 * an output with it, as they would in a file holding that output alone.
 */

/** One command typed in the text and the lines that belong to it. */
export interface TypedPart {
  /** The command as the tool would be run: its name as fwsnap knows the tool, then the arguments. */
  argv: string[];
  /** The 1-based line the command was typed on. */
  line: number;
  /** Byte offsets of the part in the text: [start, end). */
  start: number;
  end: number;
  /** The saved output it stands for: `cmd/<tool>/<args>.out`, the second of the same command `<args>@2.out`. */
  name: string;
}

/** Quote marks, colour codes and indentation a page, a mail or a terminal put before a line. */
const LEAD = /^(?:\x1b\[[0-9;]*m|[>|](?: |(?=[>|]))|\s)*/;

/**
 * A shell prompt before the command: an optional `(venv)`, then `[user@host dir]`, `user@host:dir`, `host:dir`, a
 * directory (`~`, `/tmp`, Windows' `C:\Program Files\Mellanox\WinMFT`), then the sign (`$`, `#`, `%`, `>`, `❯`).
 */
const PROMPT = /^(?:\([^)\s]*\)\s*)?(?:[A-Za-z]:\\[^>]*(?=>)|\[[^\]]*\]\s*|[\w.-]+@[\w.-]+(?::[^\s$#%>]*)?\s*|[\w.-]+:[^\s$#%>]*\s*|[~/][^\s$#%>]*\s+)?(?:[$#%]|>|❯)\s*/u;

/** The words a shell line runs before the tool: `sudo` and its options, `env`, variable assignments, `time`. */
const SUDO_OPTION_WITH_VALUE = new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-U']);

/** Where the typed command ends: a pipe, a redirection, a list of commands, a comment. */
const COMMAND_END = /\s*(?:\|\|?|&&|;|[0-9]?>>?|&>|<|\s#\s).*$/;

/** Shell words: spaces split them, quotes group them and are taken off. */
function shellWords(s: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** A tool's name as typed (`/usr/bin/mstflint`, `C:\MFT\flint.exe`) as fwsnap knows it (`mstflint`, `flint`). */
const toolName = (word: string): string => word.split(/[/\\]/).pop()!.replace(/\.exe$/i, '').toLowerCase();

/** The argv a typed command line runs, when its tool is one of `tools`. */
function argvOf(command: string, tools: ReadonlySet<string>): string[] | undefined {
  const words = shellWords(command.replace(COMMAND_END, ''));
  let i = 0;
  for (;;) {
    const w = words[i];
    if (w === 'sudo') {
      i++;
      while (words[i]?.startsWith('-')) i += SUDO_OPTION_WITH_VALUE.has(words[i]!) ? 2 : 1;
    } else if (w === 'env' || w === 'time' || (w !== undefined && /^[A-Z_][A-Z0-9_]*=/.test(w))) i++;
    else break;
  }
  const tool = words[i] === undefined ? undefined : toolName(words[i]!);
  if (tool === undefined || !tools.has(tool)) return undefined;
  return [tool, ...words.slice(i + 1)];
}

/**
 * A line without a prompt that is a typed command: the tool, then an option, a path, an interface or a subcommand word
 * (`ethtool -i eth0`, `sudo smartctl -x /dev/sda`, `devlink dev info`, `nvidia-smi` alone); a tool's banner
 * (`smartctl 7.2 2020-12-30 r5155`, `mstflint 4.26.0`) and a label (`ethtool output:`) are none.
 */
const BARE_ARGUMENT = /^(?:-{1,2}[\w?]|[/\\~]|[a-z][a-z0-9-]*(?:[\s.:]|$)(?<!:))/;

function typedCommand(raw: string, tools: ReadonlySet<string>): string[] | undefined {
  const line = raw.replace(LEAD, '').replace(/\r$/, '');
  const prompt = PROMPT.exec(line);
  if (prompt && prompt[0].trim() !== '') return argvOf(line.slice(prompt[0].length), tools);
  const argv = argvOf(line, tools);
  if (argv === undefined) return undefined;
  const first = argv[1];
  if (first !== undefined && (!BARE_ARGUMENT.test(first) || first.endsWith(':'))) return undefined;
  return argv;
}

/** Largest text split at the commands typed in it: a ticket or a mail, not a log; a larger file is not split. */
export const MAX_TYPED_TEXT = 4 * 1024 * 1024;

/** Whether a file at the top of a tree is a text that may hold typed commands: a saved output's name, or Markdown. */
export const mayHoldTypedCommands = (fileName: string, stem: string | undefined): boolean => stem !== undefined || /\.md$/i.test(fileName);

/** A Markdown fence or an HTML block's opening just above a command: it belongs to the command's part. */
const OPENING = /^\s*(?:`{3,}|~{3,}|<pre\b|<details\b|<code\b|\[code\]|\{code|\{noformat)/i;

/**
 * The parts of a text, one per command of `tools` typed in it, in order; none when no such command is typed. A
 * command typed again (before and after an update) is a part of its own.
 */
export function typedParts(data: Buffer, tools: ReadonlySet<string>): TypedPart[] {
  const found: Omit<TypedPart, 'name' | 'end'>[] = [];
  let offset = 0;
  let no = 0;
  let above: { start: number; opening: boolean } | undefined;
  while (offset < data.length) {
    const nl = data.indexOf(0x0a, offset);
    const end = nl === -1 ? data.length : nl + 1;
    no++;
    // Long lines are no typed command; a huge line is not decoded.
    const text = end - offset <= 512 ? data.toString('utf8', offset, end).replace(/\n$/, '') : '';
    const argv = text === '' ? undefined : typedCommand(text, tools);
    if (argv !== undefined) found.push({ argv, line: no, start: above?.opening ? above.start : offset });
    above = { start: offset, opening: OPENING.test(text) };
    offset = end;
  }
  const copies = new Map<string, number>();
  return found.map((f, k) => {
    const base = commandArtifactName(f.argv, 'stdout');
    const copy = (copies.get(base) ?? 0) + 1;
    copies.set(base, copy);
    return { ...f, name: commandArtifactName(f.argv, 'stdout', copy), start: k === 0 ? 0 : f.start, end: k + 1 < found.length ? found[k + 1]!.start : data.length };
  });
}
