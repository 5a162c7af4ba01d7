import { COMMAND_TEMPLATE_OPEN, TEMPLATE_CLOSE, templateCommand } from '../../collector/wiki-templates.js';

/**
 * Markup that forums, wikis, trackers and web pages put around a pasted output, undone line by line (line numbers are
 * kept): BBCode (`[code]…[/code]`, `[CODE=text]`, `[FONT=…]`, `[SIZE=…]`, `[COLOR=…]`, `[b]…[/b]`, Discourse's
 * `[quote="user, post:3"]`), Jira and Confluence (`{code}`, `{code:bash}`, `{noformat}`, `{quote}`), MediaWiki and HTML
 * (`<pre>`, `<syntaxhighlight lang="text">`, `<source>`, `<code>`, `<b>`, `<span …>`, `<br>`), GitHub's
 * `<details><summary>…</summary>`, MediaWiki command templates (Gentoo's `{{RootCmd|cmd|output=<pre>…</pre>}}`, the Arch
 * wiki's `{{hc|$ cmd|…}}` and `{{bc|…}}`), Org mode (`#+begin_src`/`#+begin_example` blocks, `#+RESULTS:` with each line
 * after `: `), AsciiDoc (a `----` or `....` block under `[source,terminal]`, `[listing]` or `[literal]`, with its `.Title`
 * and `+` lines). A tag is undone only when the paste holds its closing form too (`[/size]`, `</pre>`, a second
 * `{noformat}`, `#+end_src`): a tool's own bracketed words (lspci's `[size=32M]`) never have one.
 */
export interface Unwrapped {
  /** The lines without the markup; a line that held only markup is blank. */
  lines: string[];
  /** Per line, whether it is inside a code block the markup opened and closed; undefined when it has none. */
  inBlock?: boolean[];
  /** Lines the markup says are the person's, not the output (a `<summary>` title), with the command one names. */
  prose: Map<number, string | undefined>;
}

/** Block wrappers: the output is between an opening and a closing one (on their own lines or at its ends). */
interface Block {
  open: RegExp;
  close: RegExp;
  /** The command a template names in its opener (`{{RootCmd|smartctl -a /dev/sda|output=<pre>`), typed on that line. */
  command?: (opener: string) => string | undefined;
  /**
   * The closer alone on its line (`}}`, `</pre>}}`): a line of the output that ends as the closer does (a compact JSON
   * document's `…}]}}`) closes the block only when no closer alone follows it.
   */
  closeAlone?: RegExp;
}

const TEMPLATE_CLOSE_ALONE = /^(?:<\/nowiki>)?\s*(?:<\/pre>)?\s*\}\}$/i;

const BLOCKS: Block[] = [
  { open: /^\[(code|pre|noparse)(?:[= ][^\]\n]*)?\]/i, close: /\[\/(code|pre|noparse)\]$/i },
  { open: /^\{(code|noformat)(?::[^}\n]*)?\}/, close: /\{(code|noformat)\}$/ },
  { open: /^<pre\b[^>\n]*>\s*(?:<code\b[^>\n]*>)?/i, close: /(?:<\/code>\s*)?<\/pre>$/i },
  { open: /^<(syntaxhighlight|source)\b[^>\n]*>/i, close: /<\/(syntaxhighlight|source)>$/i },
  ...COMMAND_TEMPLATE_OPEN.map((open) => ({ open, close: TEMPLATE_CLOSE, command: templateCommand, closeAlone: TEMPLATE_CLOSE_ALONE })),
  { open: /^\{\{bc\|(?:1=)?\s*(?:<nowiki>)?/i, close: TEMPLATE_CLOSE, closeAlone: TEMPLATE_CLOSE_ALONE },
  { open: /^#\+begin_(?:src|example)\b.*$/i, close: /^#\+end_(?:src|example)$/i },
];

/** Org mode's results of a source block: `#+RESULTS:` (perhaps named or hashed), then each line of the output after `: `. */
const ORG_RESULTS = /^\s*#\+RESULTS(?:\[[^\]\n]*\])?:.*$/i;
const ORG_RESULT_LINE = /^\s*:(?: |$)/;

/** AsciiDoc's block attributes over a listing (`[source,terminal]`, `[listing]`, `[literal]`), its delimiters, a block's `.Title`. */
const ADOC_ATTRIBUTES = /^\[(?:source|listing|literal)(?:,[^\]\n]*)?\]$/;
const ADOC_DELIMITER = /^(?:-{4,}|\.{4,})$/;
const ADOC_TITLE = /^\.[A-Za-z][^\n]*$/;

/**
 * Lines of the text's Org-mode results and AsciiDoc listings: what each holds once the markup is off (`: ` taken off a
 * result line; '' for a line of markup alone). Only a `----` or `....` under block attributes opens a listing, and only
 * the same delimiter closes it: a tool's own rule of dashes (mlxfwmanager's under `Device #1:`) has no attributes above.
 */
function orgAndAsciidoc(raws: string[]): Map<number, string> | undefined {
  const out = new Map<number, string>();
  // Per delimiter, the lines it stands alone on, and how far the search for a closer got (the scan only goes on).
  const delimiters = new Map<string, { at: number[]; next: number }>();
  raws.forEach((l, i) => {
    const t = l.trim();
    if (!ADOC_DELIMITER.test(t)) return;
    let d = delimiters.get(t);
    if (!d) delimiters.set(t, (d = { at: [], next: 0 }));
    d.at.push(i);
  });
  const nextAt = (delimiter: string, after: number): number | undefined => {
    const d = delimiters.get(delimiter)!;
    while (d.next < d.at.length && d.at[d.next]! <= after) d.next++;
    return d.at[d.next];
  };
  for (let i = 0; i < raws.length; i++) {
    const t = raws[i]!.trim();
    if (ORG_RESULTS.test(t) && /^\s*#\+begin_example\b/i.test(raws[i + 1] ?? '')) out.set(i, '');
    else if (ORG_RESULTS.test(t) && ORG_RESULT_LINE.test(raws[i + 1] ?? '')) {
      out.set(i, '');
      for (i++; i < raws.length && ORG_RESULT_LINE.test(raws[i]!); i++) out.set(i, raws[i]!.replace(ORG_RESULT_LINE, ''));
      i--;
      continue;
    }
    if (!ADOC_ATTRIBUTES.test(t) || !ADOC_DELIMITER.test(raws[i + 1]?.trim() ?? '')) continue;
    const delimiter = raws[i + 1]!.trim();
    const end = nextAt(delimiter, i + 1);
    if (end === undefined) continue;
    if (i > 0 && ADOC_TITLE.test(raws[i - 1]!.trim())) out.set(i - 1, '');
    if (i > 0 && raws[i - 1]!.trim() === '+') out.set(i - 1, '');
    if (i > 1 && raws[i - 2]!.trim() === '+' && out.has(i - 1)) out.set(i - 2, '');
    out.set(i, '').set(i + 1, '').set(end, '');
    for (let k = i + 2; k < end; k++) out.set(k, raws[k]!);
    if (raws[end + 1]?.trim() === '+') out.set(end + 1, '');
    i = end;
  }
  return out.size ? out : undefined;
}


/** Markup around or inside a line that says nothing of the output: undone wherever its closing form is in the paste. */
const BBCODE_INLINE = ['b', 'i', 'u', 's', 'font', 'size', 'color', 'colour', 'tt', 'icode', 'mono', 'quote', 'spoiler', 'highlight', 'indent', 'left', 'center', 'plain'];
const HTML_INLINE = ['b', 'strong', 'i', 'em', 'tt', 'kbd', 'samp', 'span', 'font', 'div', 'p', 'details', 'blockquote', 'code', 'pre'];
const JIRA_INLINE = ['quote', 'panel', 'color'];

/** `<summary>ethtool -i eth0</summary>`: a title the person gave a folded block; it may name the command. */
const SUMMARY = /^\s*(?:<details\b[^>]*>\s*)?<summary\b[^>]*>(.*?)<\/summary>\s*$/i;

/**
 * An HTML element a title may hold around its words (`<summary><pre>ethtool -i eth0</pre></summary>`). A tag-shaped word
 * naming none (`<MST_DEVICE_NAME>`, `<pci_device_path>`, `<NIC>`: no element has an underscore) is a manual's
 * placeholder in the command, no markup.
 */
const TITLE_TAG = new RegExp(
  `</?(?:${[...HTML_INLINE, 'summary', 'a', 'br', 'sup', 'sub', 'small', 'mark', 'del', 'ins', 'h[1-6]'].join('|')})(?:\\s[^>]*)?/?>`,
  'gi',
);

/** `<details>` or `<details open>` alone on its line. */
const DETAILS_OPEN = /^\s*<details(?:\s+open)?\s*>\s*$/i;

/**
 * Removes paired tags: each closing tag with the earliest opening tag of its name still unpaired before it, so a
 * wrapper (`[SIZE=2]…[/SIZE]`) pairs with its own opener, never with a tool's bracketed word inside it (lspci's
 * `[size=32M]`), which stays. A closing tag with no opener is removed too: no tool prints one.
 */
function stripPaired(text: string, tag: RegExp): string {
  const drop: [number, number][] = [];
  // Per name: its openers in order, and how many of them are paired already (the earliest unpaired is next).
  const open = new Map<string, { at: [number, number][]; paired: number }>();
  for (const m of text.matchAll(tag)) {
    const name = m[2]!.toLowerCase();
    const at: [number, number] = [m.index, m.index + m[0].length];
    let mine = open.get(name);
    if (!mine) open.set(name, (mine = { at: [], paired: 0 }));
    if (m[1] === '') mine.at.push(at);
    else {
      if (mine.paired < mine.at.length) drop.push(mine.at[mine.paired++]!);
      drop.push(at);
    }
  }
  if (!drop.length) return text;
  drop.sort((a, b) => a[0] - b[0]);
  let out = '';
  let from = 0;
  for (const [a, b] of drop) {
    out += text.slice(from, a);
    from = b;
  }
  return out + text.slice(from);
}

// Attributes are bounded: a tag never holds a long one, and a line of openers without their `]` stays linear.
// A page that escaped the output escaped the closing tag's slash too (`[&#x2F;COLOR]`).
const BBCODE_TAG = new RegExp(`\\[((?:/|&#x2[Ff];|&#47;)?)(${BBCODE_INLINE.join('|')})(?:=[^\\]\\n]{0,200}|\\s[^\\]\\n]{0,200})?\\]`, 'gi');
const HTML_TAG = new RegExp(`<(/?)(${HTML_INLINE.join('|')})(?:\\s[^>\\n]{0,200})?>`, 'gi');
/** Jira's `{quote}…{quote}`, `{color:red}…{color}`: the same word opens and closes (the closer has no parameter). */
const JIRA_TAG = new RegExp(`\\{(${JIRA_INLINE.join('|')})(?::[^}\\n]{0,200})?\\}`, 'g');

/** One tag of the markup undone here, with its attributes (`<syntaxhighlight lang="text">`, `[quote="jdoe, post:3"]`, `{code:bash}`). */
const ANY_TAG = new RegExp(
  `\\[/?(?:code|pre|noparse|${BBCODE_INLINE.join('|')})(?:[= ][^\\]\\n]{0,200})?\\]` +
    `|</?(?:pre|code|syntaxhighlight|source|summary|${HTML_INLINE.join('|')})(?:\\s[^>\\n]{0,200})?/?>` +
    `|\\{(?:code|noformat|${JIRA_INLINE.join('|')})(?::[^}\\n]{0,200})?\\}`,
  'i',
);
const TAGS_ALONE = new RegExp(`^\\s*(?:(?:${ANY_TAG.source})\\s*)+$`, 'i');
/** A MediaWiki heading a page puts over a pasted output (`== Output ==`). */
const WIKI_HEADING = /^\s*(={2,6}) \S.*? \1\s*$/;

/**
 * A line a page put around a pasted output that holds nothing else: tags of the markup undone here alone on it, or a
 * MediaWiki heading. An envelope decoded before the markup is undone (a quoted-printable body) is not measured by it.
 */
export const markupAlone = (line: string): boolean => TAGS_ALONE.test(line) || WIKI_HEADING.test(line);

function stripJira(text: string): string {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(JIRA_TAG)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  return text.replace(JIRA_TAG, (whole, name: string) => ((counts.get(name) ?? 0) >= 2 ? '' : whole));
}

/**
 * A forum post's bold italic as its export left it between the BBCode tags (`***driver: bnx2x***`, an empty pair
 * `******` before the next): a line wrapped whole is its words, an empty pair is nothing.
 */
function withoutForumEmphasis(body: string): string {
  return body.replace(/(?<!\*)\*{6}(?=\*{3}(?!\*)|[ \t]*$)/gm, '').replace(/^([ \t]*)\*{3}[ \t]*(?=[^\s*])(.*?)\s*\*{3}[ \t]*$/gm, '$1$2');
}

/**
 * Undoes the markup of a paste (see the file's comment). With `html` false (an XML document, whose elements are its
 * own) only block wrappers around it are undone (`<pre>`, `<syntaxhighlight>`): no inline tag, no `<summary>`.
 */
export function unwrapMarkup(raws: string[], html = true): Unwrapped {
  const prose = new Map<number, string | undefined>();
  const plain = orgAndAsciidoc(raws);
  // Lines of Org results and AsciiDoc listings are inside a block; their markup lines are blank.
  const inPlain = (i: number): boolean => plain?.has(i) === true && plain.get(i) !== '';
  if (plain) raws = raws.map((l, i) => plain.get(i) ?? l);
  const text = raws.join('\n');
  if (!/[[{<]|#\+/.test(text)) return plain ? { lines: raws, inBlock: raws.map((_, i) => inPlain(i)), prose } : { lines: raws, prose };
  let inside: Block | undefined;
  let any = plain !== undefined;
  const inBlock: boolean[] = [];
  // First pass: which lines open and close a block; an opener counts only when a closer follows it.
  const ends = raws.map((l) => {
    const t = l.trim();
    return { open: BLOCKS.find((b) => b.open.test(t)), closes: BLOCKS.filter((b) => b.close.test(t)) };
  });
  const lastClose = new Map<Block, number>();
  ends.forEach((e, i) => e.closes.forEach((b) => lastClose.set(b, i)));
  const closedLater = (i: number, b: Block): boolean => (lastClose.get(b) ?? -1) > i || b.close.test(raws[i]!.trim().replace(b.open, ''));
  // Per line, whether a closer alone on its line follows it before the next block opens (templates close on one).
  const aloneFollows: boolean[] = new Array<boolean>(raws.length).fill(false);
  if (BLOCKS.some((b) => b.closeAlone && ends.some((e) => e.open === b))) {
    for (let i = raws.length - 2, seen = false; i >= 0; i--) {
      const next = raws[i + 1]!.trim();
      if (ends[i + 1]!.open) seen = false;
      if (TEMPLATE_CLOSE_ALONE.test(next)) seen = true;
      aloneFollows[i] = seen;
    }
  }
  const lines = raws.map((l, i) => {
    let t = l;
    const e = ends[i]!;
    let here = inside !== undefined || inPlain(i);
    if (inside === undefined && e.open && closedLater(i, e.open)) {
      inside = e.open;
      any = true;
      const opener = e.open.open.exec(t.trimStart())![0];
      t = t.trimStart().slice(opener.length);
      // A template's command typed on the opener's line: a command line when no output follows it there.
      const command = e.open.command?.(opener);
      if (command !== undefined && t.trim() === '') t = command;
      here = true;
    }
    const block = inside;
    if (block !== undefined && block.close.test(t.trim()) && !(block.closeAlone && !block.closeAlone.test(t.trim()) && aloneFollows[i])) {
      t = t.trimEnd().replace(block.close, '');
      inside = undefined;
    }
    inBlock.push(here && t.trim() !== '');
    return t;
  });
  const titled = lines.map((l, i) => {
    // GitHub's fold opened alone on its line: no tool prints one, so it is markup even where its closing tag was cut off.
    if (html && DETAILS_OPEN.test(l)) return '';
    const s = html ? SUMMARY.exec(l) : null;
    if (!s) return l;
    prose.set(i, s[1]!.replace(TITLE_TAG, '').trim() || undefined);
    inBlock[i] = false;
    return '';
  });
  const joined = titled.join('\n');
  let body = stripJira(stripPaired(joined, BBCODE_TAG));
  if (body !== joined) body = withoutForumEmphasis(body);
  if (html) {
    body = stripPaired(body, HTML_TAG);
    if (any || prose.size) body = body.replace(/<br\s*\/?>[ \t]*$/gim, '');
  }
  return { lines: body.split('\n'), ...(any ? { inBlock } : {}), prose };
}
