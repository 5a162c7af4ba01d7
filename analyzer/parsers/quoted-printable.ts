/**
 * A mail body saved as sent, in quoted-printable (RFC 2045 §6.7): `=` written `=3D`, a space or tab at a line's end
 * `=20`/`=09`, bytes above 0x7e as `=XX`, and lines longer than 76 characters broken by a soft line break (`=` at the
 * end of the line). Decoded only when every `=` in the text is such an escape and something shows the encoding was
 * applied (an `=3D`, an encoded line end, a soft break that joins a line longer than a mail line, an encoded UTF-8
 * byte): a tool output that merely holds `=` followed by two hex digits stays as it is. Spaces and tabs at a line's
 * end were added on the way (the RFC says to drop them) and are dropped.
 *
 * A body quoted or indented after it was encoded (a reply's `> `, a document's indentation) carries that prefix on
 * every line, the continuation of a soft break too: the prefix the encoded lines share is the quote's, and is taken
 * off a continuation before it is joined (`> …[Connect=` and `> X-5]` are `> …[ConnectX-5]`).
 */
const ESCAPE_OR_SOFT = /=(?:[0-9A-F]{2}|\r?\n|$)/g;
const SOFT = /=\r?$/;
/** Characters a quote or an indentation puts before every line: quote markers and spaces of any kind. */
const PREFIX = /^[ \t\u00a0\u200b>]*/;

const prefixOf = (line: string): string => PREFIX.exec(line)![0];
function common(a: string, b: string): string {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return a.slice(0, k);
}

/** The lines with every soft break joined, each continuation without the prefix the encoded lines share. */
function joinSoftBreaks(lines: readonly string[]): string[] {
  const continues = lines.map((_, i) => i > 0 && SOFT.test(lines[i - 1]!));
  // The encoded lines (an escape or a soft break in them) that start a line of the body: their prefix is the quote's.
  const encoded = lines.filter((l, i) => !continues[i] && (SOFT.test(l) || /=[0-9A-F]{2}/.test(l))).map(prefixOf);
  const quote = encoded.reduce(common, encoded[0] ?? '');
  const out: string[] = [];
  lines.forEach((l, i) => {
    if (!continues[i]) out.push(l);
    else out[out.length - 1] = out.at(-1)!.replace(SOFT, '') + l.slice(common(quote, prefixOf(l)).length);
  });
  return out;
}

export function decodeQuotedPrintable(raw: string): string | undefined {
  const equals = raw.match(/=/g)?.length ?? 0;
  if (equals === 0) return undefined;
  const text = raw.replace(/[ \t]+(?=\r?\n|$)/g, '');
  if ((text.match(ESCAPE_OR_SOFT)?.length ?? 0) !== equals) return undefined;
  const joined = joinSoftBreaks(text.split('\n')).join('\n');
  const shown =
    /=3D/.test(text) ||
    /=(?:20|09)\r?$/m.test(text) ||
    /=[C-F][0-9A-F]=[89AB][0-9A-F]/.test(text) ||
    (/=\r?\n/.test(text) && joined.split('\n').some((l) => l.length > 76));
  if (!shown) return undefined;
  return joined.replace(/(?:=[0-9A-F]{2})+/g, (run) => Buffer.from(run.replace(/=/g, ''), 'hex').toString('utf8'));
}
