/** Tokens of the mlxconfig constraint language (muParser syntax with mstflint's `$variables`). */
export type Token =
  | { kind: 'num'; value: number; at: number }
  | { kind: 'var'; name: string; at: number }
  | { kind: 'ident'; name: string; at: number }
  | { kind: 'op'; op: Operator; at: number }
  | { kind: 'end'; at: number };

export const OPERATORS = ['<=', '>=', '!=', '==', '&&', '||', '<', '>', '+', '-', '*', '/', '^', '=', '(', ')', '?', ':', ',', ';'] as const;
export type Operator = (typeof OPERATORS)[number];

export class ExprSyntaxError extends Error {
  constructor(
    readonly source: string,
    readonly at: number,
    message: string,
  ) {
    super(`${message} at column ${at + 1} of "${source}"`);
    this.name = 'ExprSyntaxError';
  }
}

const NUMBER = /^(0x[0-9a-fA-F]+|\d+(\.\d+)?([eE][+-]?\d+)?|\.\d+)/;
const VARIABLE = /^\$([A-Za-z0-9_.]+)/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const rest = src.slice(i);
    const num = NUMBER.exec(rest);
    if (num) {
      const text = num[1]!;
      out.push({ kind: 'num', value: text.startsWith('0x') ? Number.parseInt(text.slice(2), 16) : Number(text), at: i });
      i += text.length;
      continue;
    }
    if (c === '$') {
      const v = VARIABLE.exec(rest);
      if (!v) throw new ExprSyntaxError(src, i, 'a "$" without a variable name');
      out.push({ kind: 'var', name: v[1]!, at: i });
      i += v[0].length;
      continue;
    }
    const id = IDENT.exec(rest);
    if (id) {
      out.push({ kind: 'ident', name: id[0], at: i });
      i += id[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (!op) throw new ExprSyntaxError(src, i, `unexpected character "${c}"`);
    out.push({ kind: 'op', op, at: i });
    i += op.length;
  }
  out.push({ kind: 'end', at: src.length });
  return out;
}
