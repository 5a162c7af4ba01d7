import { evaluate, type Lookup } from './evaluate.js';
import type { BinaryOp, Expr } from './parse.js';

/** How a `$variable` reads in a sentence: a setting by its mlxconfig name, a capability field as a firmware limit. */
export interface VariableName {
  text: string;
  /** A firmware capability (what the firmware allows), not a value someone set. */
  limit: boolean;
}

export interface ExplainContext {
  env: Lookup;
  /** `$_temp` values the vendor's temp_vars defined. */
  locals: Map<string, number>;
  name: (variable: string) => VariableName;
}

/** 4526 → "4,526" */
export const num = (x: number): string => (Number.isInteger(x) ? x.toLocaleString('en-US') : String(Math.round(x * 1000) / 1000));

const value = (e: Expr, c: ExplainContext): number => evaluate([e], c.env, new Map(c.locals));
const truth = (e: Expr, c: ExplainContext): boolean => {
  const v = value(e, c);
  return v !== 0 && !Number.isNaN(v);
};

const SYMBOL: Partial<Record<BinaryOp, string>> = { '*': '×', '/': '÷', '+': '+', '-': '−', '^': '^' };
const RANK: Partial<Record<BinaryOp, number>> = { '+': 1, '-': 1, '*': 2, '/': 2, '^': 3 };
const COMPARISON = new Set<BinaryOp>(['==', '!=', '<', '>', '<=', '>=']);
/** What holds when a comparison is false: `a <= b` false is `a > b`. */
const NEGATED: Partial<Record<BinaryOp, string>> = { '==': '≠', '!=': '=', '<': '≥', '>': '≤', '<=': '>', '>=': '<' };

/** An arithmetic expression in words and numbers: `NUM_OF_PF 2 × (NUM_PF_MSIX 63 + NUM_OF_VFS 200 × NUM_VF_MSIX 11)`. */
export function term(e: Expr, c: ExplainContext, outer = 0): string {
  switch (e.type) {
    case 'num':
      return num(e.value);
    case 'var': {
      const local = c.locals.get(e.name);
      if (local !== undefined) return `${e.name.replace(/^_/, '')} ${num(local)}`;
      return `${c.name(e.name).text} ${num(value(e, c))}`;
    }
    case 'neg':
      return `−${term(e.operand, c, 4)}`;
    case 'cond':
      // The branch the values took is the one that matters.
      return term(truth(e.test, c) ? e.then : e.else, c, outer);
    case 'call':
      return `${e.fn}(${e.args.map((a) => term(a, c)).join(', ')})`;
    case 'assign':
      return term(e.value, c, outer);
    case 'binary': {
      const rank = RANK[e.op];
      if (rank === undefined) return num(value(e, c));
      const text = `${term(e.left, c, rank)} ${SYMBOL[e.op]} ${term(e.right, c, rank + (e.op === '-' || e.op === '/' ? 1 : 0))}`;
      return rank < outer ? `(${text})` : text;
    }
  }
}

/** The side of a comparison as text, its value added when it was computed. */
function side(e: Expr, c: ExplainContext): string {
  while (e.type === 'cond') e = truth(e.test, c) ? e.then : e.else;
  const t = term(e, c);
  return e.type === 'num' || e.type === 'var' ? t : `${t} = ${num(value(e, c))}`;
}

/** A variable-against-constant guard (`$x_valid == 0`): it says when a check applies, not what broke. */
const isGuard = (e: Expr): boolean =>
  e.type === 'binary' && COMPARISON.has(e.op) && ((e.left.type === 'var' && e.right.type === 'num') || (e.left.type === 'num' && e.right.type === 'var'));

/** Why a comparison that should hold does not, in words. */
function brokenComparison(e: Expr & { type: 'binary' }, c: ExplainContext): string {
  const right = e.right.type === 'var' && !c.locals.has(e.right.name) ? c.name(e.right.name) : undefined;
  if (right?.limit && (e.op === '<=' || e.op === '<')) {
    return `${side(e.left, c)}, more than the ${num(value(e.right, c))} the firmware allows (${right.text})`;
  }
  if (right?.limit && (e.op === '>=' || e.op === '>')) {
    return `${side(e.left, c)}, less than the ${num(value(e.right, c))} the firmware requires (${right.text})`;
  }
  if (e.left.type === 'var' && e.right.type === 'num') {
    const l = c.name(e.left.name);
    const v = num(value(e.left, c));
    const what = l.limit ? `the firmware's ${l.text}` : l.text;
    if (e.op === '!=') return `${what} is ${v}`;
    if (e.op === '==') return `${what} is ${v}, not ${num(e.right.value)}`;
  }
  return `${side(e.left, c)} ${NEGATED[e.op]} ${side(e.right, c)}`;
}

/**
 * Why a vendor condition that should hold (be non-zero) came out false, in words with the values filled in:
 * the parts that failed, the guards that merely let the check apply left out.
 */
export function explainFalse(e: Expr, c: ExplainContext): string[] {
  if (e.type === 'assign' || truth(e, c)) return [];
  if (e.type === 'binary') {
    if (e.op === '&&') return [...explainFalse(e.left, c), ...explainFalse(e.right, c)];
    if (e.op === '||') {
      const parts = disjuncts(e);
      const real = parts.filter((p) => !isGuard(p));
      return (real.length ? real : parts).flatMap((p) => explainFalse(p, c));
    }
    if (COMPARISON.has(e.op)) return [brokenComparison(e, c)];
  }
  if (e.type === 'cond') return explainFalse(truth(e.test, c) ? e.then : e.else, c);
  return [`${term(e, c)} is 0`];
}

function disjuncts(e: Expr): Expr[] {
  return e.type === 'binary' && e.op === '||' ? [...disjuncts(e.left), ...disjuncts(e.right)] : [e];
}

/** How a computed bound came about: the variables it read with their values (`max_vfs_per_pf 127`). */
export function explainBound(e: Expr, c: ExplainContext): string {
  return term(e, c);
}
