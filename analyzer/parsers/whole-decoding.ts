import { ansibleStdoutLines } from './ansible-lines.js';
import { HTML_BREAK, UNICODE_SPACE, withoutLineNumbers } from '../../collector/pasted-lines.js';
import { decodeJsonLogLine } from './json-log-line.js';
import { decodeMailBody, diffAfterEncoding } from './mail-quoting.js';
import { undoMarkdownEscapes } from './markdown-text.js';
import { unwrapMarkup, type Unwrapped } from './markup-blocks.js';
import { type NoiseLine } from './text-lines.js';
import { unifiedDiff } from './unified-diff.js';

/** Encodings that wrap a whole paste, undone before lines are read: envelopes (mail body, Ansible, JSON log line), HTML breaks and entities, markup, line numbers, typographic characters, colour codes. */

// CSI sequences (colours, cursor movement) and OSC sequences (terminal titles, hyperlinks).
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]/g;

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

/** Characters that take no room, which web pages and ticket systems insert (word-break hints, joiners, stray BOMs). */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** Typographic quotes an editor or a web page substituted for the tool's plain ones. */
const SMART_DOUBLE = /[\u201c\u201d\u201e\u201f]/g;

const SMART_SINGLE = /[\u2018\u2019\u201a\u201b]/g;

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

/** Windows-1252's characters for the bytes 0x80–0x9f (Latin-1 has controls there). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** A UTF-8 sequence read as Windows-1252 or Latin-1: a lead byte's character, then continuation bytes' characters. */
const MOJIBAKE = new RegExp(`[\u00c2-\u00f4][\u0080-\u00bf${CP1252_HIGH}]{1,3}`, 'g');

// Not fatal: a sequence that does not decode is told by its bytes not coming back, without an exception per sequence.
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** The character one whole UTF-8 sequence of these bytes encodes, or undefined (a byte lost, an overlong form, a surrogate). */
function utf8Char(bytes: readonly number[]): string | undefined {
  const raw = Buffer.from(bytes);
  const decoded = UTF8.decode(raw);
  return Buffer.from(decoded, 'utf8').equals(raw) ? decoded : undefined;
}

/**
 * UTF-8 text that a browser, an editor or a terminal read as Windows-1252 and saved again (`â”œâ”€Name:` for
 * fwupdmgr's `├─Name:`, `â€¢` for `•`): each such sequence that decodes as UTF-8 is turned back, when two do at least.
 * A sequence that does not decode (a byte lost on the way) is left as it is.
 */
function undoMojibake(text: string): string | undefined {
  let undone = 0;
  const out = text.replace(MOJIBAKE, (seq) => {
    const bytes: number[] = [];
    for (const ch of seq) {
      const c = ch.codePointAt(0)!;
      const high = CP1252_HIGH.indexOf(ch);
      bytes.push(high >= 0 && c > 0xff ? 0x80 + high : c);
    }
    const decoded = utf8Char(bytes);
    if (decoded === undefined) return seq;
    undone++;
    return decoded;
  });
  return undone >= 2 ? out : undefined;
}

/** The text as the tool printed it, before line-level cleaning: undoes encodings and markup that wrap the whole paste. */
export function decodeWhole(raw: string, keepEntities: boolean): { text: string; fromJson: boolean; entities: boolean; markup: Unwrapped; setAside: NoiseLine[] } {
  let text = raw.replace(/^\uFEFF/, '');
  const mojibake = writtenByTool ? undefined : undoMojibake(text);
  if (mojibake !== undefined) text = mojibake;
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
  // Colour codes after that CR write nothing (a coloured line's reset behind a CR decoded from a mail's `=0D`): still its end.
  text = text.replace(/\r+(?=(?:\x1b\[[0-9;]*m)+(?:\n|$))/g, '');
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
  // Zero-width characters are nothing, also inside a page's tags (`[/\u200bb]`).
  text = text.replace(ZERO_WIDTH, '');
  const markup = unwrapMarkup(text.split('\n'), !keepEntities);
  text = markup.lines.join('\n');
  const markdown = writtenByTool ? undefined : undoMarkdownEscapes(text);
  if (markdown !== undefined) text = markdown;
  const unescaped = keepEntities ? undefined : decodeEntities(text);
  if (unescaped !== undefined) text = unescaped;
  text = text.replace(ZERO_WIDTH, '').replace(UNICODE_SPACE, ' ').replace(SMART_DOUBLE, '"').replace(SMART_SINGLE, "'").replace(ANSI, '');
  return { text, fromJson: undone.has('json'), entities: unescaped !== undefined, markup, setAside };
}
