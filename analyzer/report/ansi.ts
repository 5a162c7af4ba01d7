/** ANSI styling of the text formats (report, diff, fleet); the caller decides whether colour is wanted. */

const SEVERITY_SGR: Record<string, string> = { critical: '1;31', high: '1;31', medium: '33', low: '36', info: '2' };

export interface TextStyle {
  /** ANSI colour for severities, summaries and changes (the caller decides: a terminal, and no NO_COLOR). */
  colour?: boolean;
}

export interface Painter {
  bold(s: string): string;
  /** A severity in capitals, in its colour. */
  severity(s: string): string;
  /** Something that appeared (added, new). */
  added(s: string): string;
  /** Something that went (removed, resolved). */
  removed(s: string): string;
  /** Something that differs from the rest (mixed firmware, an outlier). */
  odd(s: string): string;
}

export function painter(style: TextStyle = {}): Painter {
  const paint = (code: string | undefined) => (s: string): string => (style.colour && code ? `\x1b[${code}m${s}\x1b[0m` : s);
  return {
    bold: paint('1'),
    severity: (s) => paint(SEVERITY_SGR[s])(s.toUpperCase()),
    added: paint('32'),
    removed: paint('31'),
    odd: paint('33'),
  };
}
