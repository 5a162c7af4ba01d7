import { ParseError } from './errors.js';
import { cleanText, jsonDocument as jsonText, type LineIssue } from './text-input.js';

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
  return open && end > at ? text.slice(at, end + 1) : undefined;
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
export function readJsonOutput(parser: string, text: string): { doc: unknown; cut?: LineIssue } {
  const body = jsonBody(text);
  if (body === undefined) throw new ParseError(parser, 'no JSON object in the output');
  try {
    return { doc: JSON.parse(body) };
  } catch (e) {
    const cut = cutDocument(text);
    if (!cut) throw new ParseError(parser, `not valid JSON: ${(e as Error).message}`);
    return { doc: JSON.parse(cut.closed), cut: { ...cut.last, message: 'the JSON output ends inside this member (cut short): read up to its last whole member' } };
  }
}

/** A JSON output cut short, closed after its last whole member, and the line of the member that was cut. */
function cutDocument(text: string): { closed: string; last: { line: number; text: string } } | undefined {
  const { lines } = cleanText(text, { document: true });
  // A backtick right before the brace opens Markdown inline code over the document (`{).
  const first = lines.findIndex((l) => /^\s*`?\{/.test(l.text));
  const doc = first < 0 ? [] : lines.slice(first);
  const body = doc.map((l) => l.text).join('\n').replace(/^(\s*)`/, '$1 ');
  const cut = doc.length ? closeCutJson(body) : undefined;
  if (!cut) return undefined;
  const next = body.slice(cut.at + 1).search(/\S/);
  const line = doc[body.slice(0, next < 0 ? body.length : cut.at + 1 + next).split('\n').length - 1] ?? doc.at(-1)!;
  return { closed: cut.closed, last: { line: line.no, text: line.text } };
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
  const open: string[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') open.push(c === '{' ? '}' : ']');
    else if (c === '}' || c === ']') open.pop();
    else if (c === ',' && open.length > 0) cuts.push({ at: i, close: [...open].reverse().join('') });
  }
  if (open.length === 0) return undefined;
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
