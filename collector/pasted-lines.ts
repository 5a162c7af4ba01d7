import { decodeJsonLogLine } from './json-log-line.js';
import { unwrapLinePrefixes } from './log-line-prefixes.js';
import { pastedPlain } from './saved-output-name.js';

/**
 * What a paste adds around every line of an output, undone for the collector's naming of a saved output as the
 * analyzer's text layer undoes it (analyzer/parsers/whole-decoding.ts and runner-log.ts use these same pieces): a paste
 * site's line numbers, a JSON log line's string, HTML line breaks, a log's prefix before each line, Unicode spaces.
 */

/** An HTML line break and the line end a mail client may have put after it: one line end. */
export const HTML_BREAK = /\r?<br\s*\/?>(?:[ \t]*\r?\n)?/gi;

/** Spaces a web page, a PDF or a word processor puts where the tool printed a plain space. */
export const UNICODE_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;

/**
 * A saved output's text as the tool printed it, for reading the names in it (a command line, a script's banner): the
 * line numbers, the JSON log line, `<br>` joins and log prefixes taken off, and what pastedPlain undoes.
 */
export function pastedLines(text: string): string {
  let t = withoutLineNumbers(text.replace(/^\uFEFF/, '').split('\n')).join('\n');
  t = decodeJsonLogLine(t) ?? t;
  t = pastedPlain(t.replace(HTML_BREAK, '\n').replace(/\r+(\n|$)/g, '$1')).replace(UNICODE_SPACE, ' ');
  return unwrapLinePrefixes(t) ?? t;
}

/** A paste site's line number: `12 | text`, `12| text`, or `12` and spaces before the text in a column of its own. */
const LINE_NUMBER = /^( *)(\d+)( *\| ?| +|$)/;

/**
 * A pastebin's or gist's line numbers taken off: every non-blank line of the text starts with a number, the numbers go
 * up by one with the lines, and the text after them starts in one column (right after `|`, or where the widest
 * number's spaces end). Otherwise the lines are returned as they are (numbers that are an output's own stay).
 */
export function withoutLineNumbers(raws: string[]): string[] {
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
