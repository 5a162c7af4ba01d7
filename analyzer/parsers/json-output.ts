import { ParseError } from './errors.js';
import { withoutElisions } from './json-elision.js';
import { elidedLines } from './json-document.js';
import { closers, jsonSteps } from './json-scan.js';
import { cleanText, jsonDocument as jsonText, looksLikeProse, type LineIssue } from './text-input.js';

/**
 * The JSON text of an output: from its start, or (nvme-cli 2.8 `-o json -v` prints the passthrough command
 * first, issue 2367; a person's words above it) from the first line that opens an object to the last closing brace.
 */
function jsonBody(text: string): string | undefined {
  const whole = jsonText(text);
  if (whole !== undefined) return whole;
  // Or a backtick before it that opens Markdown inline code over the document (`{).
  const open = /^`?\{\s*$/m.exec(text);
  const at = open ? open.index + open[0].indexOf('{') : -1;
  const end = text.lastIndexOf('}');
  if (open && end > at) return text.slice(at, end + 1);
  // A document cut short below those lines (the issue's own output, as the thread's stored copy holds it) never
  // closes: from its opening line on (as the text layer reads the lines: a paste's indentation or prefixes off), when
  // a member's quoted name follows it.
  const read = cleanText(text, { document: true }).lines.map((l) => l.text).join('\n');
  const cut = /^`?\{[^\S\n]*\n\s*"[^"\n]*"\s*:/m.exec(read);
  return cut && read.lastIndexOf('}') < cut.index ? read.slice(cut.index + cut[0].indexOf('{')) : undefined;
}

/** The JSON document of an output that may carry a prompt, command line or other lines around it. */
export function jsonDocument(parser: string, text: string): unknown {
  const body = jsonBody(text);
  if (body === undefined) throw new ParseError(parser, 'no JSON object in the output');
  try {
    return JSON.parse(body);
  } catch (e) {
    throw new ParseError(parser, `not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * The JSON document of an output, or of one cut short (a paste or a thread's stored copy that stops inside it): read
 * up to its last whole member, and the member that was cut named as an unread line.
 */
export function readJsonOutput(parser: string, text: string, document?: readonly DocumentLine[]): { doc: unknown; cut?: LineIssue; elided?: LineIssue[] } {
  const body = jsonBody(text);
  if (body === undefined) throw new ParseError(parser, 'no JSON object in the output');
  const elided = elidedLines(text);
  const named = elided.length ? { elided } : {};
  try {
    return { doc: JSON.parse(body), ...named };
  } catch (e) {
    const lines = document ?? documentLines(text);
    const cut = cutDocument(lines) ?? (elided.length ? cutDocument(withoutElidedLines(lines)) : undefined);
    if (!cut) throw new ParseError(parser, `not valid JSON: ${(e as Error).message}`);
    return { doc: JSON.parse(cut.closed), cut: cut.cut, ...named };
  }
}

/** A document's lines with a person's elisions out and the commas they left wrong put right, each line keeping its number. */
function withoutElidedLines(lines: readonly DocumentLine[]): DocumentLine[] {
  const text = withoutElisions(lines.map((l) => l.text).join('\n')).split('\n');
  return lines.map((l, i) => ({ no: l.no, text: text[i] ?? '' }));
}

/** A line of a JSON document as a reader read it, numbered as in the output it stands in (a run of outputs, a paste). */
export interface DocumentLine {
  no: number;
  text: string;
}

/** The lines of an output's JSON document, from the line that opens it to the output's end (a cut document has no end of its own). */
function documentLines(text: string): DocumentLine[] {
  const { lines } = cleanText(text, { document: true });
  // A backtick right before the brace opens Markdown inline code over the document (`{).
  const first = lines.findIndex((l) => /^\s*`?\{/.test(l.text));
  return first < 0 ? [] : lines.slice(first);
}

/**
 * A JSON document cut short, given as its lines from its opening one on (each numbered in the output it stands in, so the
 * cut is named where it is in a run of outputs): closed after its last whole member, and the line of the member that
 * was cut named. Words after the cut (`Any idea what is wrong?`) are the person's: the cut is then in the last line read.
 */
export function cutDocument(document: readonly DocumentLine[]): { closed: string; cut: LineIssue } | undefined {
  const body = document.map((l) => l.text).join('\n').replace(/^(\s*)`/, '$1 ');
  const closing = document.length ? closeCutJson(body) : undefined;
  if (!closing) return undefined;
  const next = body.slice(closing.at + 1).search(/\S/);
  const lineAt = (offset: number): number => body.slice(0, offset).split('\n').length - 1;
  const after = next < 0 ? undefined : document[lineAt(closing.at + 1 + next)]?.text ?? '';
  const wordsAfter = after !== undefined && looksLikeProse(after) && !/^\s*["{}[\]]/.test(after);
  const line = document[lineAt(next < 0 ? body.length : wordsAfter ? closing.at + 1 : closing.at + 1 + next)] ?? document.at(-1)!;
  return { closed: closing.closed, cut: { line: line.no, text: line.text.trim(), message: 'the JSON output ends inside this member (cut short): read up to its last whole member' } };
}

/** True when an output is JSON rather than text (nvme -o json, smartctl -j), whatever its name says. */
export function looksLikeJson(text: string): boolean {
  return jsonBody(text) !== undefined;
}


/**
 * A JSON document cut short (a paste or a thread's stored copy that stops inside it), closed after its last whole
 * member: the text up to the last comma outside a string, with the brackets still open there closed. Undefined
 * when the text closes all it opens (a whole document, valid or not, is no cut one) or no such cut parses. `at` is
 * where the text was closed: the member after it is the one cut.
 */
export function closeCutJson(text: string): { closed: string; at: number } | undefined {
  const cuts: { at: number; close: string }[] = [];
  let open = '';
  for (const step of jsonSteps(text)) {
    open = step.open;
    if (step.char === ',' && open !== '') cuts.push({ at: step.at, close: closers(open) });
  }
  if (open === '') return undefined;
  for (const cut of cuts.reverse().slice(0, 20)) {
    const closed = text.slice(0, cut.at) + cut.close;
    try {
      JSON.parse(closed);
      return { closed, at: cut.at };
    } catch {
      // the member before this comma is cut too: an earlier comma
    }
  }
  return undefined;
}
