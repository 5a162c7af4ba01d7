/** A step of a walk over a JSON text: one character outside its strings, or one whole string. */
export interface JsonStep {
  /** The character's offset (a string's: its opening quote's). */
  at: number;
  /** The character; `"` for a string, which runs from `at` to `end`. */
  char: string;
  /** A string's closing quote (text.length when the text ends inside it); `at` for any other character. */
  end: number;
  /** The brackets open after this character, innermost last (`{[`): an opening bracket is in it, its closing one not. */
  open: string;
}

/**
 * Walks a JSON text (or a text holding one) from `from`: each character outside its strings, and each string (escapes
 * included) as one step. A closing bracket with none open is a step that closes nothing.
 */
export function* jsonSteps(text: string, from = 0): Generator<JsonStep> {
  let open = '';
  for (let i = Math.max(from, 0); i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      yield { at: i, char, end: Math.min(end, text.length), open };
      i = end;
      continue;
    }
    if (char === '{' || char === '[') open += char;
    else if (char === '}' || char === ']') open = open.slice(0, -1);
    yield { at: i, char, end: i, open };
  }
}

/** The brackets that close what is open (`{[` is closed by `]}`). */
export const closers = (open: string): string => [...open].reverse().map((c) => (c === '{' ? '}' : ']')).join('');
