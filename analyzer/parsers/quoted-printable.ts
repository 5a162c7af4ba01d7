/**
 * A mail body saved as sent, in quoted-printable (RFC 2045 §6.7): `=` written `=3D`, a space or tab at a line's end
 * `=20`/`=09`, bytes above 0x7e as `=XX`, and lines longer than 76 characters broken by a soft line break (`=` at the
 * end of the line). Decoded only when every `=` in the text is such an escape and something shows the encoding was
 * applied (an `=3D`, an encoded line end, a soft break that joins a line longer than a mail line, an encoded UTF-8
 * byte): a tool output that merely holds `=` followed by two hex digits stays as it is. Spaces and tabs at a line's
 * end were added on the way (the RFC says to drop them) and are dropped.
 *
 * A body quoted or indented after it was encoded (a reply's `> `, a document's indentation) carries that prefix on
 * every line, the continuation of a soft break too, which is taken off the continuation before it is joined
 * (`> …[Connect=` and `> X-5]` are `> …[ConnectX-5]`): the quote markers of the broken line's depth, and the
 * indentation every line of that depth has (a continuation's own leading spaces, `ROHS=` and ` R6`, stay).
 */
const ESCAPE_OR_SOFT = /=(?:[0-9A-F]{2}|\r?\n|$)/g;
const SOFT = /=\r?$/;
const QUOTE = /^(?:[ \t]*>)+ ?/;
const SPACES = /^[ \t\u00a0\u200b]*/;

const quoteOf = (line: string): string => QUOTE.exec(line)?.[0] ?? '';
const depthOf = (line: string): number => quoteOf(line).split('>').length - 1;

/** The lines with every soft break joined, each continuation without the quote's prefix; `aside` lines are kept as they are. */
function joinSoftBreaks(lines: readonly string[], aside: readonly boolean[], person: (line: string) => boolean): { lines: string[]; aside: boolean[] } {
  const continues = lines.map((_, i) => i > 0 && !aside[i - 1] && !aside[i] && SOFT.test(lines[i - 1]!));
  // Per quote depth: the indentation every line of that depth has (a continuation's own start does not count, nor a
  // line a person wrote around the body at the margin, such as a heading over an indented block).
  const indent = new Map<number, number>();
  lines.forEach((l, i) => {
    const body = l.slice(quoteOf(l).length);
    if (continues[i] || aside[i] || body.trim() === '' || person(body)) return;
    const d = depthOf(l);
    indent.set(d, Math.min(indent.get(d) ?? Infinity, SPACES.exec(body)![0].length));
  });
  const out: string[] = [];
  const outAside: boolean[] = [];
  const depths: number[] = [];
  lines.forEach((l, i) => {
    if (!continues[i]) {
      out.push(l);
      outAside.push(aside[i]!);
      depths.push(depthOf(l));
      return;
    }
    const d = depths.at(-1)!;
    const body = d > 0 && depthOf(l) === d ? l.slice(quoteOf(l).length) : l;
    const cut = Math.min(indent.get(d) ?? 0, SPACES.exec(body)![0].length);
    out[out.length - 1] = out.at(-1)!.replace(SOFT, '') + body.slice(cut);
  });
  return { lines: out, aside: outAside };
}

/**
 * The body decoded, or undefined when it is no quoted-printable body. Lines `aside` says were added around the body
 * after it was encoded (Ansible's `host | CHANGED | rc=0 >>`) are no part of it: neither their `=` nor their end counts.
 * Lines `person` says a person wrote do not measure the indentation added to the body.
 */
export function decodeQuotedPrintable(raw: string, aside: (line: string) => boolean = () => false, person: (line: string) => boolean = () => false): string | undefined {
  const all = raw.replace(/[ \t]+(?=\r?\n|$)/g, '').split('\n');
  const around = all.map((l) => aside(l));
  const body = all.filter((_, i) => !around[i]);
  const text = body.join('\n');
  const equals = text.match(/=/g)?.length ?? 0;
  if (equals === 0) return undefined;
  if ((text.match(ESCAPE_OR_SOFT)?.length ?? 0) !== equals) return undefined;
  const softOnly = (text.match(/=\r?(?:\n|$)/g)?.length ?? 0) === equals;
  const joined = joinSoftBreaks(all, around, person);
  const shown =
    /=3D/.test(text) ||
    /=(?:20|09)\r?$/m.test(text) ||
    /=[C-F][0-9A-F]=[89AB][0-9A-F]/.test(text) ||
    (/=\r?\n/.test(text) && joined.lines.some((l, i) => !joined.aside[i] && l.length > 76)) ||
    // Soft breaks and no other `=` in the whole text (`firmware-version: =` / `16.35.2000`): no output in the corpus ends
    // a line in a lone `=` with no `=` elsewhere, a mail client's encoder does.
    (softOnly && /=\r?\n/.test(text));
  if (!shown) return undefined;
  const decode = (l: string): string => l.replace(/(?:=[0-9A-F]{2})+/g, (run) => Buffer.from(run.replace(/=/g, ''), 'hex').toString('utf8'));
  return joined.lines.map((l, i) => (joined.aside[i] ? l : decode(l))).join('\n');
}
