/**
 * A mail body saved as sent, in quoted-printable (RFC 2045 §6.7): `=` written `=3D`, a space or tab at a line's end
 * `=20`/`=09`, bytes above 0x7e as `=XX`, and lines longer than 76 characters broken by a soft line break (`=` at the
 * end of the line). Decoded only when every `=` in the text is such an escape and something shows the encoding was
 * applied (an `=3D`, an encoded line end, a soft break that joins a line longer than a mail line, an encoded UTF-8
 * byte): a tool output that merely holds `=` followed by two hex digits stays as it is. Spaces and tabs at a line's
 * end were added on the way (the RFC says to drop them) and are dropped.
 */
const ESCAPE_OR_SOFT = /=(?:[0-9A-F]{2}|\r?\n|$)/g;
const SOFT_BREAK = /=\r?\n/g;

export function decodeQuotedPrintable(raw: string): string | undefined {
  const equals = raw.match(/=/g)?.length ?? 0;
  if (equals === 0) return undefined;
  const text = raw.replace(/[ \t]+(?=\r?\n|$)/g, '');
  if ((text.match(ESCAPE_OR_SOFT)?.length ?? 0) !== equals) return undefined;
  const joined = text.replace(SOFT_BREAK, '');
  const shown =
    /=3D/.test(text) ||
    /=(?:20|09)\r?$/m.test(text) ||
    /=[C-F][0-9A-F]=[89AB][0-9A-F]/.test(text) ||
    (/=\r?\n/.test(text) && joined.split('\n').some((l) => l.length > 76));
  if (!shown) return undefined;
  return joined.replace(/(?:=[0-9A-F]{2})+/g, (run) => Buffer.from(run.replace(/=/g, ''), 'hex').toString('utf8'));
}
