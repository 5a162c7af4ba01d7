import { cleanText, unobserved } from './clean-text.js';
import { elisionsOutsideStrings, mayBeElided, withoutElisions } from './json-elision.js';
import { jsonValueEnd } from './json-extent.js';
import { looksLikeProse, trailingProse } from './prose.js';
import type { LineIssue, NoiseLine, TextLine } from './text-lines.js';

/** A JSON document inside a captured output, with the words a person wrote around it set aside. */

/**
 * A backtick a person put right before the document to open Markdown inline code over it (`` `{ ``; GitHub renders a
 * code span across lines), closed by one after its last bracket.
 */
const INLINE_CODE_OPEN = /^`(?=[{[])/;

/**
 * A line that opens a JSON document: `{` followed by a quoted name, `}` or nothing, or `[` followed by a value (not `[param,new]`, a `[...]` elision or a log
 * line's `[2021/11/01 10:37:46]`).
 */
const opensJson = (text: string): boolean => /^\{\s*(?:["}]|$)|^\[\s*(?:[{["]|-?\d[\d.eE+-]*\s*(?:[,\]]|$)|true|false|null|\]|$)/.test(text.trimStart().replace(INLINE_CODE_OPEN, ''));

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
  if (first === lines.length || !opensJson(lines[first]!.text)) first = aboveOwnCommand(lines);
  const doc = lines.slice(first);
  const body = doc.map((l) => l.text).join('\n');
  let start = body.search(/\S/);
  if (start >= 0 && INLINE_CODE_OPEN.test(body.slice(start))) start++;
  if (start < 0 || (body[start] !== '{' && body[start] !== '[')) return undefined;
  // An object's first member is a quoted name: `{QUOTE]` (a forum's broken quote tag), `{code}` or `{noformat}` (Jira's
  // code markers) open a person's block of text, not a JSON document.
  if (body[start] === '{' && !/^\{\s*(?:["}]|$)/.test(body.slice(start))) return undefined;
  // `[param,new] ...` (devlink monitor) and `[...]` elisions start with a bracket but are not JSON arrays.
  // Nor is a log line's `[2021/11/01 10:37:46]` time stamp: a number in an array is followed by `,` or `]`.
  if (body[start] === '[' && !/^\[\s*(?:[{["]|-?\d[\d.eE+-]*\s*[,\]\n]|true|false|null|\])/.test(body.slice(start))) return undefined;
  // Nor is a kernel log line's `[    2.345678] nvme nvme0: …` (`[700147.853053][T3178441] block …`): a one-number array
  // with words after it on its line.
  if (/^\[\s*-?\d[\d.eE+-]*\s*\][^\S\n]*[^\s,\]}]/.test(body.slice(start))) return undefined;
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
  const end = body.lastIndexOf(body[start] === '{' ? '}' : ']');
  const found = lastLine >= 0 ? body.slice(start, closes + 1) : end > start ? body.slice(start, end + 1) : body.slice(start);
  if (!mayBeElided(raw)) return found;
  // A person's elision (`...` where members were cut out): the document around it, when that is one.
  const elided = cleaned.noise.some((n) => n.kind === 'elision' && n.no > (doc[0]?.no ?? 0) && n.no < (doc.at(-1)?.no ?? 0)) || elisionsOutsideStrings(found).length > 0;
  if (elided) {
    const named = unobserved(() => elidedLines(raw));
    if (named.length) cleaned.elided = named;
  }
  if (!elided) return found;
  const read = withEmptiedMarked(found, doc.slice(body.slice(0, start).split('\n').length - 1), cleaned.noise);
  return !parses(read) && parses(withoutElisions(read)) ? withoutElisions(read) : found;
}

/** A line opening a list or an object and the line closing it: `"argv": [` over `],`, `{` over `}`. */
const OPENS_VALUE = /[[{]\s*$/;
const closesValue = (opening: string, text: string): boolean => text.trimStart().startsWith(opening.trimEnd().endsWith('[') ? ']' : '}');

/**
 * A document's text (its lines `lines`, from the one it starts in) with a person's elision put back between the brackets
 * of a list or an object whose only lines they elided (`"argv": [` / `...` / `],`): the text layer took the elision's line
 * out, which left the value an empty one, read as none. Marked, it is read as the one-line `"argv": [...]` is: elided.
 */
function withEmptiedMarked(found: string, lines: readonly TextLine[], noise: readonly NoiseLine[]): string {
  const elisions = noise.filter((n) => n.kind === 'elision').map((n) => n.no);
  const text = found.split('\n');
  return text
    .map((t, k) => {
      const next = lines[k + 1];
      const emptied = k + 1 < text.length && next !== undefined && OPENS_VALUE.test(t) && closesValue(t, text[k + 1]!) && elisions.some((no) => no > lines[k]!.no && no < next.no);
      return emptied ? `${t} ...` : t;
    })
    .join('\n');
}

/**
 * The lines of an output's JSON document where a person elided members (`...` on a line of its own or between members):
 * the document is read around them (jsonDocument), and each is named as a line the reader did not read. jsonDocument
 * leaves them on the text it read, so the load names them for every JSON reader (observeText).
 */
export function elidedLines(text: string): LineIssue[] {
  if (!mayBeElided(text)) return [];
  const { lines, noise } = cleanText(text, { document: true });
  const first = lines.findIndex((l) => /^\s*`?[{[]/.test(l.text));
  if (first < 0) return [];
  // The document's lines: to the line closing it, or to the end of a cut one.
  const doc = lines.slice(first);
  const joined = doc.map((l) => l.text).join('\n');
  const closes = jsonValueEnd(joined, joined.search(/[{[]/));
  const last = closes < 0 ? doc.length - 1 : joined.slice(0, closes).split('\n').length - 1;
  const from = doc[0]!.no;
  const to = doc[last]!.no;
  const message = 'a person elided members of the JSON output here: what it holds around them is read';
  const own = noise.filter((n) => n.kind === 'elision' && n.no > from && n.no < to).map((n) => ({ line: n.no, text: n.text.trim(), message }));
  const inline = doc.slice(0, last + 1).filter((l) => elisionsOutsideStrings(l.text).length > 0).map((l) => ({ line: l.no, text: l.text.trim(), message }));
  return [...own, ...inline].sort((a, b) => a.line - b.line);
}

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/**
 * Where the document starts when other commands' outputs are above it (`nvme version`'s `nvme version 1.3` over `nvme
 * fw-log -o json`'s document): at the first line opening JSON, when no line above it is its own command's and each
 * output above is one line (a banner). Else 0: an output of several lines above may be the one the text was saved for
 * (`devlink health`'s over `devlink health dump show -j`'s document), and a parser reads it.
 */
function aboveOwnCommand(lines: readonly TextLine[]): number {
  const opening = lines.findIndex((l) => opensJson(l.text));
  if (opening <= 0) return 0;
  const own = lines[opening]!.command;
  if (own === undefined) return 0;
  const perCommand = new Map<string, number>();
  for (const l of lines.slice(0, opening)) {
    if (l.command === own) return 0;
    if (l.command !== undefined && l.text.trim() !== '') perCommand.set(l.command, (perCommand.get(l.command) ?? 0) + 1);
  }
  return [...perCommand.values()].every((n) => n <= 1) ? opening : 0;
}

/**
 * Whether a text ends with a whole JSON document: its last character closes a document that parses, as a compact
 * one-line output (`smartctl -j`, `nvme -o json`) saved without a line end has. Such a text was not cut.
 */
export function endsWithJsonDocument(raw: string): boolean {
  return unobserved(() => {
    try {
      const body = jsonDocument(raw);
      if (body === undefined || !raw.trimEnd().endsWith(body.slice(-1))) return false;
      JSON.parse(body);
      return true;
    } catch {
      return false;
    }
  });
}
