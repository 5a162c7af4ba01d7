import { ELISION } from './line-marks.js';
import { looksLikeProse, trailingProse } from './prose.js';

/** Markdown and reST around a pasted output: fences, tables, headings, indented code blocks, inline marks and escapes, literal blocks and directives. */

/**
 * A Markdown table's delimiter row (`|---|:---:|`, `--- | ---`): cells of dashes with alignment colons, two at least.
 * No tool fwsnap reads prints one (nvidia-smi's rules join their dashes with `+`, smartctl's flag legend has no dashes).
 */
const TABLE_DELIMITER = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?$/;

/** A table row's cells: between its pipes, the outer ones optional, an escaped `\|` inside a cell. */
const tableCells = (row: string): number => row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/).length;

/**
 * The rows of the Markdown tables a person wrote around an output (GitHub comments, docs: the host and versions, or the
 * output's values in their own words): a header row with as many cells as the delimiter row under it, and the rows
 * after it with as many cells, up to a line that is no such row. `unquoted` is a line without its mail quote marks.
 */
export function markdownTables(raws: readonly string[], unquoted: (l: string) => string): Set<number> {
  const rows = new Set<number>();
  raws.forEach((l, i) => {
    const delimiter = unquoted(l);
    if (i === 0 || !TABLE_DELIMITER.test(delimiter)) return;
    const cells = tableCells(delimiter);
    const isRow = (x: string | undefined): boolean => x !== undefined && x.includes('|') && tableCells(x) === cells;
    if (!isRow(unquoted(raws[i - 1]!))) return;
    rows.add(i - 1).add(i);
    for (let j = i + 1; j < raws.length && isRow(unquoted(raws[j]!)) && !TABLE_DELIMITER.test(unquoted(raws[j]!)); j++) rows.add(j);
  });
  return rows;
}

/** A value a forum post set in Markdown bold or code (`**16.35.2000**`, `` `SBFK71E0` ``), both marks on one line. */
export const INLINE_MARKUP = /(?<!\*)\*\*(?=[^\s*])([^*\n]*?[^\s*])\*\*(?!\*)|`(?=[^`\s])([^`\n]*?[^`\s])`/g;

/**
 * Markdown bold a person put around several lines of a paste (`**NVME Identify Controller:` … `**` alone under the
 * last line): the opening mark glued before the first line's words, the closing one alone on its line or glued after
 * the last line's words, no other `**` between. The lines without the marks (a mark alone, a blank line).
 */
export function boldAcrossLines(raws: readonly string[]): string[] {
  const out = [...raws];
  const OPEN = /^(\s*)\*\*(?=[^\s*])/;
  const CLOSE = /(?<=[^\s*]|^)\*\*\s*$/;
  const pairs = (l: string): number => (l.match(/\*\*/g) ?? []).length;
  for (let i = 0; i < out.length; i++) {
    if (!OPEN.test(out[i]!) || pairs(out[i]!) !== 1) continue;
    let j = i + 1;
    while (j < out.length && pairs(out[j]!) === 0) j++;
    if (j >= out.length || pairs(out[j]!) !== 1 || !CLOSE.test(out[j]!.trim())) continue;
    out[i] = out[i]!.replace(OPEN, '$1');
    out[j] = out[j]!.trim() === '**' ? '' : out[j]!.replace(/\*\*(\s*)$/, '$1');
    i = j;
  }
  return out;
}

/** A Markdown link (`[text](target)`), its text and target without spaces; neither holds a bracket that could open another link. */
const MARKDOWN_LINK = /\[([^[\]\s]+)\]\(([^()[\]\s]+)\)/g;

/**
 * A converter's link of an address to itself (`[http://smartmontools.sourceforge.net/](http://smartmontools.sourceforge.net/)`,
 * `[www.smartmontools.org](http://www.smartmontools.org)`) is the address as the tool printed it; a link with words of its own stays.
 */
export const undoSelfLinks = (line: string): string =>
  line.replace(MARKDOWN_LINK, (whole, text: string, target: string) => (target.replace(/^[a-z]+:\/\//i, '') === text.replace(/^[a-z]+:\/\//i, '') ? text : whole));

/** A backslash before a character Markdown would take as markup, as a blog's Markdown export writes it (`MT\\_0000000008`, `\\-\\-\\-`). */
const MARKDOWN_ESCAPE = /\\(.)/g;

const MARKDOWN_PUNCT = new Set([...'_*-`#+.!|<>[](){}~']);

/**
 * Undoes a Markdown export's escapes when the text has `\\_`, `\\-` or `\\*`, which no tool fwsnap reads prints (JSON
 * allows no such escape; a Windows path's backslash stands before a name). A backslash escaping a backslash stays.
 */
export function undoMarkdownEscapes(text: string): string | undefined {
  let found = false;
  for (const m of text.matchAll(MARKDOWN_ESCAPE)) if ('_-*'.includes(m[1]!)) found = true;
  if (!found) return undefined;
  return text.replace(MARKDOWN_ESCAPE, (whole, ch: string) => (MARKDOWN_PUNCT.has(ch) ? ch : whole));
}

/** A Markdown heading (`### Network configuration`): its words. */
const MARKDOWN_HEADING = /^#{1,6}\s+(\S.*?)\s*#*$/;

/**
 * The lines (by index) of each fenced block after the first that held lines, when a Markdown heading outside the fences
 * is between it and the block before, and no command line is inside it: each with its heading's words.
 */
export function laterSections(raws: readonly string[], inFence: readonly boolean[], commandLine: (l: string) => boolean): Map<number, string> {
  const out = new Map<number, string>();
  let heading: string | undefined;
  let seenBlock = false;
  for (let i = 0; i < raws.length; ) {
    if (!inFence[i]) {
      const h = MARKDOWN_HEADING.exec(raws[i]!.trim());
      if (h && !commandLine(raws[i]!.trim())) heading = h[1]!;
      i++;
      continue;
    }
    let end = i;
    while (end < raws.length && inFence[end]) end++;
    const block = raws.slice(i, end).map((l) => l.trim()).filter((l) => l !== '');
    if (seenBlock && heading !== undefined && block.length && !block.some(commandLine)) for (let j = i; j < end; j++) out.set(j, heading);
    if (block.length) seenBlock = true;
    heading = undefined;
    i = end;
  }
  return out;
}

/** Columns of a line's indentation, a tab to the next multiple of four (Markdown's tab stop). */
function indentWidth(line: string): number {
  let w = 0;
  for (const ch of line) {
    if (ch === ' ') w++;
    else if (ch === '\t') w += 4 - (w % 4);
    else break;
  }
  return w;
}

/**
 * The writer's paragraphs of a Markdown text whose commands and outputs are indented code blocks (a blog's or README's
 * session: each block four columns in, the writer's steps at the margin between them): the line numbers of each
 * paragraph at the margin, when at least two indented blocks have one between them. None when an indented line is right
 * under or over a margin line with no blank line between: that is a tool's own nesting (`Standards:` over its indented
 * lines, a devlink handle over its attributes), or the writer's words run into a block, and no code block.
 */
export function marginParagraphs(raws: readonly string[]): number[][] {
  const widths = raws.map((l) => (l.trim() === '' ? Infinity : indentWidth(l)));
  const base = Math.min(...widths);
  if (!Number.isFinite(base)) return [];
  const groups: number[][] = [];
  widths.forEach((w, i) => {
    if (w === Infinity) return;
    if (i > 0 && widths[i - 1] !== Infinity) groups.at(-1)!.push(i);
    else groups.push([i]);
  });
  const indented = (i: number): boolean => widths[i]! >= base + 4;
  if (groups.some((g) => g.some(indented) && !g.every(indented))) return [];
  const blocks = groups.map((g) => indented(g[0]!));
  const between = blocks.some((b, k) => !b && blocks.slice(0, k).includes(true) && blocks.slice(k + 1).includes(true));
  return between ? groups.filter((_, k) => !blocks[k]).map((g) => g.map((i) => i + 1)) : [];
}

/** `Output example::`, or `::` alone: reST's mark that an indented literal block follows. */
const REST_LITERAL = /^(?:::|(.*\S)::)$/;

/** A reST directive (`.. code-block:: console`, `.. rubric:: Get driver information`) and its options (`:name: …`) under it. */
const REST_DIRECTIVE = /^\.\. [A-Za-z][\w-]*::(?:\s.*)?$/;

const REST_OPTION = /^:[\w-]+:(?:\s.*)?$/;

/** The lines of reST directives and of their options: the document's markup around a block, not the block's lines. */
export function restDirectives(raws: readonly string[]): number[] {
  const out: number[] = [];
  raws.forEach((l, i) => {
    if (!REST_DIRECTIVE.test(l.trim())) return;
    out.push(i);
    const base = l.length - l.trimStart().length;
    for (let j = i + 1; j < raws.length && REST_OPTION.test(raws[j]!.trim()) && raws[j]!.length - raws[j]!.trimStart().length > base; j++) out.push(j);
  });
  return out;
}

/**
 * A reST literal block: the line ending in `::` and every line outside the indented block after it are the author's
 * (indices of those lines); none when the text has no such block. The `::` line reads as a sentence or heading.
 */
export function restLiteralProse(raws: readonly string[]): number[] {
  const at = raws.findIndex((l) => {
    const m = REST_LITERAL.exec(l.trim());
    return m !== null && (m[1] === undefined || looksLikeProse(`${m[1]}:`));
  });
  if (at < 0) return [];
  const indent = (l: string): number => l.length - l.trimStart().length;
  const base = indent(raws[at]!);
  let end = at + 1;
  while (end < raws.length && raws[end]!.trim() === '') end++;
  if (end === raws.length || indent(raws[end]!) <= base) return [];
  // An elision a person typed at the margin (`...`) is inside the block it cuts.
  while (end < raws.length && (raws[end]!.trim() === '' || indent(raws[end]!) > base || ELISION.test(raws[end]!.trim()))) end++;
  const before = raws.slice(0, at).filter((l) => l.trim() !== '');
  const after = raws.slice(end).filter((l) => l.trim() !== '');
  // Only words around it: a line after the block that is no sentence (another output, a tool's line) leaves the text as it is.
  if (!before.every(looksLikeProse) || !trailingProse(after).every(Boolean)) return [];
  const out: number[] = [];
  raws.forEach((l, i) => {
    if (l.trim() !== '' && (i <= at || i >= end)) out.push(i);
  });
  return out;
}

/** A reST section title's underline (or overline): one punctuation character repeated. */
const REST_UNDERLINE = /^([=\-~^"`#*+])\1{2,}$/;

/**
 * A reST document's section titles and its `::` markers alone on their lines (`Mellanox` over `--------` over `::`): the
 * author's, not the literal blocks' lines. Only in a text that is reST by its marks (a `::` alone or a directive): a
 * tool's own titles over dashes (mlxlink's `Operational Info` / `----------------`) stay in an output. A title starts at
 * the document's margin after a blank line, does not end in `:` as a tool's `MST devices:` does, and its underline is no shorter.
 */
export function restHeadings(raws: readonly string[]): number[] {
  if (!raws.some((l) => l.trim() === '::' || REST_DIRECTIVE.test(l.trim()))) return [];
  // The document's margin: the least indentation of its lines (a document pasted indented as a whole keeps its titles).
  const margin = Math.min(...raws.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  const out: number[] = [];
  raws.forEach((l, i) => {
    const t = l.trim();
    if (t === '::') out.push(i);
    const under = raws[i + 1]?.trim() ?? '';
    if (t === '' || l.length - l.trimStart().length !== margin || t.endsWith(':') || !REST_UNDERLINE.test(under) || under.length < t.length || (i > 0 && raws[i - 1]!.trim() !== '' && !REST_UNDERLINE.test(raws[i - 1]!.trim()))) return;
    out.push(i, i + 1);
  });
  return out;
}
