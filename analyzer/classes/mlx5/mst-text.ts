import { cleanText, type CleanText } from '../../parsers/text-input.js';
import { decodeWhole } from '../../parsers/whole-decoding.js';

/**
 * A command a terminal or a mail client wrapped before its options: `$ sudo mlxconfig` and, on the next line,
 * `-d 03:00.0 q`. The options are put back on the prompt's line and their own line left blank (for its marks), so the
 * text layer reads the whole command (its device) and no line of output is added or moved.
 */
const WRAPPED_COMMAND =
  /^([^\n]*[#$>%][ \t]*(?:sudo[ \t]+(?:-\S+[ \t]+)*)?(?:[^\s#$>%]*[/\\])?(?:mstflint|flint(?:_ext)?|mstconfig|mlxconfig|mlxfwmanager|mstfwmanager|mlxup|mlxfwreset|mstfwreset|mlxlink|mstlink)(?:\.exe)?)[ \t]*\n([ \t>|]*)(?!-[EIW]-)(--?[A-Za-z][^\n]*)$/gm;

export const withWrappedCommands = (text: string): string => text.replace(WRAPPED_COMMAND, '$1 $3\n$2');

/**
 * A program that runs an mst tool and logs what it printed on its own log line (sriov-network-operator's
 * `I0907 09:51:27.066132 2912728 utils.go:749] RunCommand(): -E- Failed to open the device`): the tool's message is the
 * rest of that line, read as the tool printed it; the log's prefix is not the output's.
 */
const LOGGED_TOOL_MESSAGE = /^.*?\b[Rr]un[Cc]ommand\(\):[ \t]+(?=-[EWI]-[ \t])/;

/** A line of a C, Go, Rust or JavaScript comment: `//`, then a space or nothing. */
const CODE_COMMENT = /^([ \t]*)\/\/(?=[ \t\r]|$)/;

/** The lines with `#` for `//` when every line but blank ones carries the mark; undefined for any other text. */
function commentMarksSwapped(text: string): string | undefined {
  const lines = text.split('\n');
  const marked = lines.filter((l) => l.trim() !== '');
  if (marked.length < 2 || !marked.every((l) => CODE_COMMENT.test(l))) return undefined;
  return lines.map((l) => l.replace(CODE_COMMENT, '$1#')).join('\n');
}

/**
 * An output quoted in a source file's comment (a test's `//   FW Version:            28.45.1200` lines, with the sentence
 * above them), as saved or inside a JSON log line: given the shell's `#`, whose comment blocks the text layer reads
 * (their fields the output's, their sentences the writer's); any other text is left as it is.
 */
export function withCodeCommentMarks(text: string): string {
  const direct = commentMarksSwapped(text);
  if (direct !== undefined) return direct;
  if (!text.includes('//')) return text;
  const whole = decodeWhole(text, false);
  return (whole.fromJson ? commentMarksSwapped(whole.text) : undefined) ?? text;
}

/**
 * A rule a script or a person drew around an output (`=====`, `*****`, `_____`, `~~~~~`): no mst tool prints one, and it
 * says nothing to read. Dash rules are left to each reader: mlxconfig, mlxfwmanager and mlxlink underline their own headings.
 */
const RULE = /^(?:={3,}|\*{3,}|_{3,}|~{3,})$/;

/** The text layer's reading of an mst tool's output, a wrapped command line joined and a code comment's marks read as a shell's. */
export function mstText(text: string, options?: Parameters<typeof cleanText>[1]): CleanText {
  const read = cleanText(withWrappedCommands(withCodeCommentMarks(text)), options);
  const lines = read.lines.map((l) => (LOGGED_TOOL_MESSAGE.test(l.text) ? { ...l, text: l.text.replace(LOGGED_TOOL_MESSAGE, '') } : l));
  const rules = lines.filter((l) => RULE.test(l.text.trim()));
  return { ...read, lines: lines.filter((l) => !rules.includes(l)), noise: [...read.noise, ...rules.map((l) => ({ ...l, kind: 'annotation' as const }))].sort((a, b) => a.no - b.no) };
}
