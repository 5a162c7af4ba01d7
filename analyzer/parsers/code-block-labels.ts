/**
 * What a web page's code block puts on lines of its own when its text is copied, none of it the tool's: a forum's label
 * above the block (XenForo's and vBulletin's `Code:`, XenForo's `Code (Text):` for a block given a language, phpBB's
 * `Code: Select all`), and a syntax highlighter's line-number gutter copied as one line before the code (WordPress
 * Crayon's `1 2 3 … 12 |`, its gutter cell, then the code cell).
 */

/**
 * A wiki's code processor line, the first line of a code block a page converted to Markdown kept (Trac's and MoinMoin's
 * `{{{#!sh`, written `#!sh`, `#!bash`, `#!console`, `#!highlight bash`, `#!text/x-sh`): a language's name after `#!`,
 * never a path as a script's shebang has (`#!/bin/sh`). Only where a block starts is it the page's (codeProcessorAt).
 */
export const CODE_PROCESSOR = /^#!(?:highlight\s+)?[a-z][\w+.-]*(?:\/[\w+.-]+)?(?:\s+[\w-]+=\S+)*$/;

/** A forum's label above a code block, alone on its line. */
export const FORUM_CODE_LABEL = /^(?:Code|CODE)(?: \([^()\n]{1,30}\))?:(?: (?:Select all|SELECT ALL))?$/;

/**
 * Whether line `i` is a code block's line-number gutter: the numbers 1 to N (two at least) in a row on one line, and the
 * code after it has N lines (up to a blank line), or, when the gutter ends in its cell's border (` |`), the code cell
 * after it does too (the code's lines flattened onto one: N is then the count the page showed). A line of numbers that
 * fits neither is left as it is: it may be the output's own.
 */
export function isLineNumberGutter(raws: readonly string[], i: number): boolean {
  const line = raws[i]!.trim();
  const m = /^(1(?: \d+)+)( \|)?$/.exec(line);
  if (!m) return false;
  const numbers = m[1]!.split(' ').map(Number);
  if (numbers.some((n, k) => n !== k + 1)) return false;
  let count = 0;
  while (i + 1 + count < raws.length && raws[i + 1 + count]!.trim() !== '') count++;
  if (count === numbers.length && numbers.length >= 3) return true;
  return m[2] !== undefined && (count === numbers.length || (raws[i + 1]?.trimEnd().endsWith(' |') ?? false));
}
