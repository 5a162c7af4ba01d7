import { ParseError } from '../../parsers/errors.js';

/**
 * os-release(5): KEY=value lines; values may be in double or single quotes, with backslash escapes
 * (\\ \" \$ \`) inside double quotes; '#' starts a comment line.
 */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) throw new ParseError('os-release', `not KEY=value: "${line.slice(0, 60)}"`, i + 1);
    out[m[1]!] = unquote(m[2]!, i + 1);
  });
  return out;
}

function unquote(v: string, line: number): string {
  const q = v[0];
  if (q !== '"' && q !== "'") return v;
  if (v.length < 2 || v[v.length - 1] !== q) throw new ParseError('os-release', `unterminated ${q} quote`, line);
  const inner = v.slice(1, -1);
  return q === '"' ? inner.replace(/\\([\\"$`])/g, '$1') : inner;
}
