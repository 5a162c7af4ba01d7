import { jsonSteps } from './json-scan.js';

/**
 * A JSON document in which a person elided members (`...`, `…`, `(...)` on a line of their own or between members of a
 * one-line document): what the document holds is read around the elision, and the elision is a line the reader names.
 */

/** An elision a person typed outside the document's strings. */
const ELIDED = /\(\s*(?:\.{3,}|…)\s*\)|\.{3,}|…/y;

/** Whether a text may hold a person's elision (a cheap test before reading it). */
export const mayBeElided = (text: string): boolean => text.includes('...') || text.includes('…');

/** The offsets of the elisions outside the strings of a JSON text, each with its length. */
export function elisionsOutsideStrings(text: string): { at: number; length: number }[] {
  const found: { at: number; length: number }[] = [];
  let after = 0;
  for (const { at, char } of jsonSteps(text)) {
    if (at < after || char === '"') continue;
    ELIDED.lastIndex = at;
    const m = ELIDED.exec(text);
    if (m) {
      found.push({ at, length: m[0].length });
      after = at + m[0].length;
    }
  }
  return found;
}

/** A JSON value's last character as it ends a member or an element. */
const VALUE_END = /["\d}\]el]/;
/** A character that starts a member's name or a value. */
const VALUE_START = /["{[\d-]/;

/**
 * The text without the elisions outside its strings, and the commas they leave wrong put right: a comma before a closing
 * bracket or after an opening one dropped, two commas made one, a missing comma between a value and the next member on a
 * later line added (an elision on a line of its own is already out of the text as the text layer reads it).
 */
export function withoutElisions(text: string): string {
  const cuts = elisionsOutsideStrings(text);
  let bare = '';
  let from = 0;
  for (const c of cuts) {
    bare += text.slice(from, c.at);
    from = c.at + c.length;
  }
  bare += text.slice(from);
  let out = '';
  let last = '';
  let lastAt = -1;
  let newline = false;
  for (const { at, char: c, end } of jsonSteps(bare)) {
    if (/\s/.test(c)) {
      if (c === '\n') newline = true;
      out += c;
      continue;
    }
    if (c === ',' && (last === ',' || last === '{' || last === '[')) continue;
    if ((c === '}' || c === ']') && last === ',') out = out.slice(0, lastAt) + out.slice(lastAt + 1);
    else if (VALUE_START.test(c) && newline && VALUE_END.test(last) && lastAt >= 0) {
      out = `${out.slice(0, lastAt + 1)},${out.slice(lastAt + 1)}`;
    }
    out += bare.slice(at, end + 1);
    last = c;
    lastAt = out.length - 1;
    newline = false;
  }
  return out;
}
