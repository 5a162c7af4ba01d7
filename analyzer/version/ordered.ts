import { encodeTuple } from './encode.js';
import { normalizeText } from './text.js';
import { compareTuples, type SchemeHandler, type SchemeParse, type VersionContext } from './types.js';

/** A scheme module's reading of one string; `order` undefined means the string can only be tested for equality. */
export interface Analysis extends SchemeParse {
  order?: readonly number[];
}

/**
 * A scheme whose versions order as tuples of non-negative safe integers (compareTuples), keyed by encodeTuple
 * unless the module supplies a more readable order-preserving key.
 */
export function orderedScheme(
  analyse: (text: string, context: VersionContext) => Analysis,
  keyOf: (order: readonly number[]) => string = encodeTuple,
): SchemeHandler {
  const orderOf = (raw: string): readonly number[] | undefined => analyse(normalizeText(raw), {}).order;
  return {
    parse: (text, context) => {
      const { order: _order, ...rest } = analyse(text, context);
      return rest;
    },
    compare: (a, b) => {
      const x = orderOf(a.raw);
      const y = orderOf(b.raw);
      if (x === undefined || y === undefined) return normalizeText(a.raw) === normalizeText(b.raw) ? 0 : null;
      return compareTuples(x, y);
    },
    key: (v) => {
      const order = orderOf(v.raw);
      return order === undefined ? null : keyOf(order);
    },
  };
}

/** A decimal field that fits a safe integer, or undefined. */
export function decimal(s: string | undefined): number | undefined {
  if (s === undefined || !/^\d{1,15}$/.test(s)) return undefined;
  return Number(s);
}

/** A hexadecimal field of up to 12 digits, or undefined. */
export function hexadecimal(s: string | undefined): number | undefined {
  if (s === undefined || !/^[0-9a-fA-F]{1,12}$/.test(s)) return undefined;
  return Number.parseInt(s, 16);
}
