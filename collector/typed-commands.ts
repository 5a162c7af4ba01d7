import { commandArtifactName } from '../bundle/format.js';
import { outputFilter } from './output-filter.js';
import { withoutExpanded, withoutSubstitutions } from './shell-expansions.js';
import { templateOpenerCommand } from './wiki-templates.js';
import { OPEN_CODE_SPAN, promptThen, toolAlternatives, TOOL_VERSION_BANNER, VERSION_BANNER_AFTER_TOOL, WRAPPER, WRAPPERS } from './shell-prompt.js';

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
  /** No command was typed: the whole text is this command's output by its lines alone (output-shapes.ts). */
  shaped?: true;
  /** What a pipe after the command left of its output (`grep -i fr`): the part is an excerpt (output-filter.ts). */
  filter?: string;
  /** An excerpt of an output the text also holds whole, typed on this line: that one is read, this one is no output of its own. */
  wholeAt?: number;
}

/** Quote marks, colour codes and indentation a page, a mail or a terminal put before a line. */
const LEAD = /^(?:\x1b\[[0-9;]*m|[>|](?: |(?=[>|]))|\s)*/;

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
function argvOf(typed: string, tools: ReadonlySet<string>): string[] | undefined {
  const command = withoutSubstitutions(typed);
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
  // A container or root it runs in (`singularity exec base.sif ibstat`, `docker exec -it c0 nvidia-smi`): the tool is the first word fwsnap reads.
  if (words[i] !== undefined && WRAPPERS.has(words[i]!)) {
    const at = words.findIndex((w, k) => k > i && tools.has(toolName(w)));
    if (at < 0) return undefined;
    i = at;
  }
  const tool = words[i] === undefined ? undefined : toolName(words[i]!);
  if (tool === undefined || !tools.has(tool)) return undefined;
  return [tool, ...withoutExpanded(words.slice(i + 1))];
}

/**
 * A line without a prompt that is a typed command: the tool, then an option, a path, an interface or a subcommand word
 * (`ethtool -i eth0`, `sudo smartctl -x /dev/sda`, `devlink dev info`, `nvidia-smi` alone); a tool's banner
 * (`smartctl 7.2 2020-12-30 r5155`, `mstflint 4.26.0`) and a label (`ethtool output:`) are none.
 */
/** A tool's banner with the word `version` before its version: `smartctl version 5.38 [i686-pc-linux-gnu] …`. */
const BANNER = new RegExp(`^\\S+${VERSION_BANNER_AFTER_TOOL}`);

const BARE_ARGUMENT = /^(?:-{1,2}[\w?]|[/\\~]|[a-z][a-z0-9-]*(?:[\s.:]|$)(?<!:))/;

/**
 * A tool's name opening a sentence, capitalised as no one types it at a prompt: udevadm's own explanation above its
 * attribute walk (`Udevadm info starts with the device specified by the devpath and then`), a writer's `Lspci shows …`.
 * With this many plain words after it, the line is words, not a command.
 */
const TOOL_OPENS_SENTENCE = /^[A-Z][a-z][\w-]*\s/;
const SENTENCE_WORDS = 4;

/**
 * A prompt (any shape people paste: shell-prompt.ts) and a command of one of `tools` after it, whose start is the
 * pattern's first group; one pattern per set of tools. A tool's name and its version (`# dmidecode 3.5`) is its banner.
 */
const promptPatterns = new WeakMap<ReadonlySet<string>, RegExp>();

function promptPattern(tools: ReadonlySet<string>): RegExp {
  let p = promptPatterns.get(tools);
  if (p === undefined) {
    const before = String.raw`(?:(?:sudo|doas|env|time)(?:\s+-\S+(?:\s+[^-\s]\S*)?)*\s+|[A-Za-z_]\w*=\S*\s+)*`;
    p = promptThen(`(${before}(?:${WRAPPER})?(?:\\S*[\\/\\\\])?(?:${toolAlternatives(tools)})(?:\\.exe)?(?![\\w-])(?!${TOOL_VERSION_BANNER}))`);
    promptPatterns.set(tools, p);
  }
  return p;
}

/** A step of a person's list before a command: `4. `, `2) `, `- `, `* `. */
const LIST_MARK = /^(?:\d{1,3}[.)]|[-*+•])\s+/;

/** A command set as code or bold on a line of its own: `` `nvme list` ``, `**# flint q**`, `<code>ethtool -i eth0</code>`. */
const WRAPPED = /^(?:\*\*|__)?(?:(`+)([^`]+)\1|<code>(.*?)<\/code>|(?<=^\*\*|^__)([^*_`].*?)(?=\*\*:?$|__:?$))(?:\*\*|__)?:?$/;

/** A line that is one JSON string, an array's element or a member's value (`"nvme"`, `"nvme",`). */
const JSON_STRING_LINE = /^\s*"(?:[^"\\]|\\.)*"\s*,?\s*$/;

/** A command of `tools` typed on the line, and whether a prompt stands before it (a bare line may be a writer's label). */
function typedLine(raw: string, tools: ReadonlySet<string>): { argv: string[]; prompted: boolean; filter?: string } | undefined {
  let line = raw.replace(LEAD, '').replace(/\r$/, '').replace(LIST_MARK, '');
  line = templateOpenerCommand(line) ?? line;
  const wrapped = WRAPPED.exec(line);
  if (wrapped) line = (wrapped[2] ?? wrapped[3] ?? wrapped[4]!).trim();
  else line = OPEN_CODE_SPAN.exec(line)?.[2]?.trim() ?? line;
  const prompt = promptPattern(tools).exec(line);
  if (prompt) {
    const command = line.slice(prompt.index + prompt[0].length - prompt[1]!.length);
    const argv = argvOf(command, tools);
    return argv && { argv, prompted: true, ...filtered(command) };
  }
  // A quoted string alone on its line is a JSON document's (smartctl -j's `"argv": [..., "--device", "nvme"]`), never typed.
  if (JSON_STRING_LINE.test(line)) return undefined;
  const argv = argvOf(line, tools);
  if (argv === undefined || BANNER.test(line)) return undefined;
  const first = argv[1];
  if (first !== undefined && (!BARE_ARGUMENT.test(first) || first.endsWith(':'))) return undefined;
  if (TOOL_OPENS_SENTENCE.test(line.trim()) && argv.slice(1).filter((w) => /^[a-z]+[,.]?$/.test(w)).length >= SENTENCE_WORDS) return undefined;
  return { argv, prompted: false, ...filtered(line) };
}

/** The filter a pipe after the command puts its output through, when one does. */
function filtered(command: string): { filter?: string } {
  const filter = outputFilter(withoutSubstitutions(command));
  return filter === undefined ? {} : { filter };
}

const typedCommand = (raw: string, tools: ReadonlySet<string>): { argv: string[]; filter?: string } | undefined => {
  const t = typedLine(raw, tools);
  return t && { argv: t.argv, ...(t.filter !== undefined ? { filter: t.filter } : {}) };
};

/** A person's words naming the command of the output below: `Output of nvme list:`, `Result from `flint -d 01:00.0 q`:`. */
const OUTPUT_OF = /\b(?:output|result)s?\s+(?:of|from)\s+(?:the\s+)?(?:command\s+)?(.+?)\s*:?\s*$/i;

/** Inline code in a person's words: `` `…` ``, `<code>…</code>`. */
const INLINE_CODE = /`+([^`]+)`+|<code>(.*?)<\/code>/g;

/**
 * The command line a person's words name above an output, whatever its tool (`Output of smartctl -a /dev/sda | grep -i
 * firmware:`, `Here is `nvme id-ctrl /dev/nvme0 | grep fr`:`): the one inline code span, or the words after `Output of`.
 */
export function namedCommandLine(raw: string): string | undefined {
  const line = raw.replace(LEAD, '').replace(/\r$/, '').replace(/\*\*|__/g, '').trimEnd();
  const spans = [...line.matchAll(INLINE_CODE)].map((m) => (m[1] ?? m[2]!).trim());
  if (spans.length > 1) return undefined;
  return spans[0] ?? OUTPUT_OF.exec(line)?.[1];
}

/**
 * The command a person's words name above an output: the one command of `tools` set as inline code in the line
 * (`Here is `ethtool -i eth0`:`, `1. `sudo flint -d 3b:00.0 q``), or the command after `Output of`. The words name
 * the output below only when they end in a colon or a fence opens below them (`fenced`): `the output of ethtool changed
 * in 6.1` names none.
 */
function namedCommand(raw: string, tools: ReadonlySet<string>): { argv: string[]; filter?: string; fenced: boolean } | undefined {
  const line = raw.replace(LEAD, '').replace(/\r$/, '').replace(/\*\*|__/g, '').trimEnd();
  const spans = [...line.matchAll(INLINE_CODE)].map((m) => typedCommand(m[1] ?? m[2]!, tools)).filter((a) => a !== undefined);
  if (spans.length === 1) return { ...spans[0]!, fenced: !line.endsWith(':') };
  if (spans.length > 1) return undefined;
  const named = OUTPUT_OF.exec(line)?.[1];
  const typed = named === undefined ? undefined : typedCommand(named, tools);
  return typed && { ...typed, fenced: !line.endsWith(':') };
}

/** Largest text split at the commands typed in it: a ticket or a mail, not a log; a larger file is not split. */
export const MAX_TYPED_TEXT = 4 * 1024 * 1024;

/** A page's or a note's markup language a ticket may be written in: Markdown, Org mode, AsciiDoc, reStructuredText, MediaWiki. */
const MARKUP_TEXT = /\.(?:md|markdown|org|adoc|asciidoc|rst|wiki|mediawiki)$/i;

/** Whether a file at the top of a tree is a text that may hold typed commands: a saved output's name, or a marked-up text. */
export const mayHoldTypedCommands = (fileName: string, stem: string | undefined): boolean => stem !== undefined || MARKUP_TEXT.test(fileName);

/** A Markdown fence or an HTML block's opening just above a command: it belongs to the command's part. */
const OPENING = /^\s*(?:`{3,}|~{3,}|<pre\b|<details\b|<code\b|\[code\]|\{code|\{noformat|\{\{\{)/i;

/** A waiting command as a found one. */
const withoutMark = ({ argv, line, start, filter }: Waiting): Found => ({ argv, line, start, ...(filter !== undefined ? { filter } : {}) });

type Found = Omit<TypedPart, 'name' | 'end' | 'wholeAt'>;
type Waiting = Found & { bare?: true };
const withFilter = (filter: string | undefined): { filter?: string } => (filter === undefined ? {} : { filter });

/**
 * The parts of a text, one per command of `tools` typed in it, in order; none when no such command is typed. A
 * command typed again (before and after an update) is a part of its own.
 */
export function typedParts(data: Buffer, tools: ReadonlySet<string>): TypedPart[] {
  const found: Found[] = [];
  let offset = 0;
  let no = 0;
  let above: { start: number; opening: boolean } | undefined;
  // A command a person's words named, waiting for the fence below them; then, once the fence opened, where it did. A
  // command typed bare above a fence (`lspci` over a README's block) waits so too (`bare`): when the block opens with a
  // command typed again, the bare line was the writer's label naming the block, no run of its own printing nothing.
  let named: Waiting | undefined;
  let fencedAt: number | undefined;
  let namedAt: number | undefined;
  while (offset < data.length) {
    const nl = data.indexOf(0x0a, offset);
    const end = nl === -1 ? data.length : nl + 1;
    no++;
    // Long lines are no typed command; a huge line is not decoded.
    const text = end - offset <= 512 ? data.toString('utf8', offset, end).replace(/\r?\n$/, '') : '';
    const typed = text === '' ? undefined : typedLine(text, tools);
    let argv = typed?.argv;
    const opening = OPENING.test(text);
    // A bare command's next line is no fence (or a command in `<code>`): it was typed, and that line is its output or the next command.
    if (named?.bare && text.trim() !== '' && (!opening || argv !== undefined)) {
      found.push(withoutMark(named));
      named = undefined;
    }
    if (typed !== undefined && !typed.prompted && !opening && argv !== undefined) {
      const from = above?.opening ? above.start : offset;
      named = { argv, line: no, start: from, bare: true, ...withFilter(typed.filter) };
      argv = undefined;
    } else if (argv !== undefined) {
      // The command typed again inside the fence its naming opened is the same output: one part, from the words on.
      const again = fencedAt === no - 1 ? found.pop() : undefined;
      const from = again ? again.start : above?.opening ? above.start : offset;
      found.push({ argv, line: no, start: from, ...withFilter(typed?.filter ?? again?.filter) });
      named = undefined;
    } else if (opening && (named !== undefined || namedAt !== undefined)) {
      if (named !== undefined) found.push(withoutMark(named));
      named = namedAt = undefined;
      fencedAt = no;
    } else if (text.trim() !== '') {
      const words = namedCommand(text, tools);
      named = namedAt = undefined;
      if (words?.fenced === false) {
        found.push({ argv: words.argv, line: no, start: offset, ...withFilter(words.filter) });
        namedAt = no;
      } else if (words !== undefined) named = { argv: words.argv, line: no, start: offset, ...withFilter(words.filter) };
    }
    above = { start: offset, opening };
    offset = end;
  }
  if (named?.bare) found.push(withoutMark(named));
  // An excerpt of an output the text also holds whole (`nvme id-ctrl /dev/nvme0` and `… | grep fr`): the whole one is read.
  const whole = new Map<string, number>();
  for (const f of found) {
    const base = commandArtifactName(f.argv, 'stdout');
    if (f.filter === undefined && !whole.has(base)) whole.set(base, f.line);
  }
  const copies = new Map<string, number>();
  return found.map((f, k) => {
    const base = commandArtifactName(f.argv, 'stdout');
    const wholeAt = f.filter === undefined ? undefined : whole.get(base);
    const copy = (copies.get(base) ?? 0) + (wholeAt === undefined ? 1 : 0);
    copies.set(base, copy);
    return {
      ...f, name: wholeAt === undefined ? commandArtifactName(f.argv, 'stdout', copy) : base, ...(wholeAt !== undefined ? { wholeAt } : {}),
      start: k === 0 ? 0 : f.start, end: k + 1 < found.length ? found[k + 1]!.start : data.length,
    };
  });
}

/**
 * The parts of an output saved under its tool's name alone (`smartctl.txt` holding `smartctl -x /dev/sdb` typed above
 * the output), when the first command typed in it is that tool's: read as a ticket's parts, each by the command typed
 * (the options, which the name does not give). None when it types no command, or first another tool's (the text is
 * then the named tool's output, quoting another command), or no option (`nvidia-smi` alone, a banner's `# dmidecode
 * 3.5`: the name's reading, with the device the text names, loses nothing).
 */
export function ownTypedParts(data: Buffer, tool: string, tools: ReadonlySet<string>): TypedPart[] {
  const parts = typedParts(data, tools);
  return parts[0]?.argv[0] === tool && parts.some((p) => p.argv.slice(1).some((w) => w.startsWith('-'))) ? parts : [];
}
