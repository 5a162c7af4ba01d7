/**
 * Characters that make a terminal do something instead of showing a character: C0 and C1 controls
 * (ESC, CR, BEL, NUL, CSI…), DEL, line and paragraph separators, and the invisible format characters
 * (bidirectional overrides such as U+202E, zero-width joiners, BOM). Lone surrogates too: they are not text.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.codePointAt(0)!;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * A string from a bundle (or any other outside source) made safe to print: every such character is shown
 * as an escape (`\x1b`, `\r`, `\u202e`); everything else is left as it is. Used by every output meant for
 * a terminal; JSON output goes through jsonTerminalSafe instead.
 */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, escapeOne);
}

/** The same string or structure with every string in it made terminal-safe (for reports built from bundle data). */
export function terminalSafeDeep<T>(v: T): T {
  if (typeof v === 'string') return terminalSafe(v) as T;
  if (Array.isArray(v)) return v.map(terminalSafeDeep) as T;
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[terminalSafe(k)] = terminalSafeDeep(x);
    return out as T;
  }
  return v;
}

const JSON_UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * JSON text in which the characters JSON.stringify leaves raw but a terminal acts on (DEL, C1 controls,
 * bidi and other format characters) are written as \u escapes: the same JSON value, safe to print.
 * (JSON.stringify already escapes C0 controls and lone surrogates; raw C0 left here is JSON's own whitespace.)
 */
export function jsonTerminalSafe(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => {
    if (c.charCodeAt(0) < 0x7f) return c;
    let out = '';
    for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
}
