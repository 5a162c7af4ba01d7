import { variablesOf, type Expr } from './parse.js';

/** Looks a `$variable` up (without the `$`); undefined when the value is not known. */
export type Lookup = (name: string) => number | undefined;

export class MissingValues extends Error {
  constructor(readonly names: string[]) {
    super(`no value for ${names.map((n) => `$${n}`).join(', ')}`);
    this.name = 'MissingValues';
  }
}

const FUNCTIONS: Record<string, (...a: number[]) => number> = {
  log2: Math.log2,
  log10: Math.log10,
  log: Math.log,
  ln: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  rint: (x) => {
    const r = Math.round(x);
    return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r;
  },
  min: (...a) => Math.min(...a),
  max: (...a) => Math.max(...a),
  sum: (...a) => a.reduce((s, x) => s + x, 0),
  // mstflint registers these two on top of muParser (mlxcfg_expression.cpp).
  BitwiseOr: (a, b) => (toU32(a) | toU32(b)) >>> 0,
  BitwiseAnd: (a, b) => (toU32(a) & toU32(b)) >>> 0,
};

/** mstflint hands every variable to muParser as u_int32_t and casts each result back the same way. */
export function toU32(x: number): number {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 0 : x > 0 ? 0xffffffff : 0;
  return Math.trunc(x) >>> 0;
}

const truth = (x: number): boolean => x !== 0 && !Number.isNaN(x);
const b = (x: boolean): number => (x ? 1 : 0);

function evalNode(e: Expr, env: Lookup, locals: Map<string, number>): number {
  switch (e.type) {
    case 'num':
      return e.value;
    case 'var': {
      const v = locals.get(e.name) ?? env(e.name);
      if (v === undefined) throw new MissingValues([e.name]);
      return locals.has(e.name) ? v : toU32(v);
    }
    case 'neg':
      return -evalNode(e.operand, env, locals);
    case 'cond':
      return truth(evalNode(e.test, env, locals)) ? evalNode(e.then, env, locals) : evalNode(e.else, env, locals);
    case 'call': {
      const f = FUNCTIONS[e.fn];
      if (!f) throw new Error(`unknown function ${e.fn}()`);
      return f(...e.args.map((a) => evalNode(a, env, locals)));
    }
    case 'assign': {
      const v = evalNode(e.value, env, locals);
      locals.set(e.name, v);
      return v;
    }
    case 'binary': {
      const l = evalNode(e.left, env, locals);
      const r = evalNode(e.right, env, locals);
      switch (e.op) {
        case '||': return b(truth(l) || truth(r));
        case '&&': return b(truth(l) && truth(r));
        case '==': return b(l === r);
        case '!=': return b(l !== r);
        case '<': return b(l < r);
        case '>': return b(l > r);
        case '<=': return b(l <= r);
        case '>=': return b(l >= r);
        case '+': return l + r;
        case '-': return l - r;
        case '*': return l * r;
        case '/': return l / r;
        case '^': return Math.pow(l, r);
      }
    }
  }
}

/**
 * Evaluates statements in order (assignments define `$_temp` locals for later ones) and returns the last
 * value, unconverted. Throws MissingValues naming every variable without a value, before evaluating anything.
 */
export function evaluate(exprs: Expr[], env: Lookup, locals: Map<string, number> = new Map()): number {
  const missing = variablesOf(exprs).filter((n) => !locals.has(n) && env(n) === undefined);
  if (missing.length) throw new MissingValues(missing);
  let last = Number.NaN;
  for (const e of exprs) last = evalNode(e, env, locals);
  return last;
}
