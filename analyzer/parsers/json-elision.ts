import { jsonSteps } from './json-scan.js';

/**
 * A JSON document in which a person elided members (`...`, `…`, `(...)` on a line of their own or between members of a
 * one-line document): what the document holds is read around the elision, and the elision is a line the reader names.
 */

/** An elision a person typed outside the document's strings. */
const ELIDED = /\(\s*(?:\.{3,}|…)\s*\)|\.{3,}|…/y;

/** Whether a text may hold a person's elision (a cheap test before reading it). */
export const mayBeElided = (text: string): boolean => text.includes('...') || text.includes('…');

/** A step of a JSON text that is not white space (a string is one), or a person's elision. */
interface Token {
  at: number;
  end: number;
  char: string;
  elision: boolean;
}

function tokens(text: string): Token[] {
  const found: Token[] = [];
  let after = 0;
  for (const { at, char, end } of jsonSteps(text)) {
    if (at < after || /\s/.test(char)) continue;
    ELIDED.lastIndex = at;
    const m = char === '"' ? null : ELIDED.exec(text);
    if (m) after = at + m[0].length;
    found.push({ at, end: m ? after - 1 : end, char, elision: m !== null });
  }
  return found;
}

/** The offsets of the elisions outside the strings of a JSON text, each with its length. */
export function elisionsOutsideStrings(text: string): { at: number; length: number }[] {
  return tokens(text)
    .filter((t) => t.elision)
    .map((t) => ({ at: t.at, length: t.end + 1 - t.at }));
}

/**
 * What a person's elision takes out of a JSON text: the elision; with the brackets around it when it is all they hold
 * and they stand as a value (`"argv": [...]`, `[1, {…}]`: no empty list or object is read), and a list whose only
 * element that value was (`"psds": [{...}]`: no empty list either); with the member's name when
 * it stands as a member's value (`"serial": ...`: the member is absent, never a value).
 */
function elidedSpans(text: string): { at: number; length: number }[] {
  const all = tokens(text);
  const char = (i: number): string | undefined => all[i]?.char;
  const spans: { at: number; length: number }[] = [];
  all.forEach((t, i) => {
    if (!t.elision) return;
    let [first, last] = [i, i];
    // The brackets go with what they held, and so does a list whose only element that was (`"psds": [{...}]`).
    for (;;) {
      const wrapped = `${char(first - 1) ?? ''}${char(last + 1) ?? ''}`;
      const value = wrapped === '[]' || (wrapped === '{}' && first === last);
      if (!value || !/^[:,[]$/.test(char(first - 2) ?? '')) break;
      [first, last] = [first - 1, last + 1];
    }
    if (char(first - 1) === ':' && char(first - 2) === '"') first -= 2;
    spans.push({ at: all[first]!.at, length: all[last]!.end + 1 - all[first]!.at });
  });
  return spans;
}

/** A JSON value's last character as it ends a member or an element. */
const VALUE_END = /["\d}\]el]/;
/** A character that starts a member's name or a value. */
const VALUE_START = /["{[\d-]/;

/**
 * The text without the elisions outside its strings (a member whose value was elided without it), and the commas they leave wrong put right: a comma before a closing
 * bracket or after an opening one dropped, two commas made one, a missing comma between a value and the next member on a
 * later line added (an elision on a line of its own is already out of the text as the text layer reads it).
 */
export function withoutElisions(text: string): string {
  let bare = '';
  let from = 0;
  for (const c of elidedSpans(text)) {
    if (c.at < from) continue;
    // A span over lines keeps its line ends: a reader numbers the lines of what is left as the output's.
    bare += text.slice(from, c.at) + text.slice(c.at, c.at + c.length).replace(/[^\n]/g, '');
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
