import { jsonTerminalSafe } from '../../bundle/terminal-safe.js';

/** `value` as JSON.stringify(whole, null, 2) writes it `depth` levels deep. */
export const nestedJson = (value: unknown, depth: number): string => JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);

/**
 * jsonTerminalSafe(JSON.stringify(value, null, 2)) + '\n', in pieces of one top-level field or one element of a
 * top-level array each, so that a large document is written without being held as one string.
 */
export function* jsonChunks(value: object): Generator<string> {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (!entries.length) {
    yield '{}\n';
    return;
  }
  yield '{\n';
  for (const [i, [key, v]] of entries.entries()) {
    yield `  ${jsonTerminalSafe(JSON.stringify(key))}: `;
    if (Array.isArray(v) && v.length) {
      yield '[\n';
      for (const [j, x] of v.entries()) yield `${j ? ',\n' : ''}    ${jsonTerminalSafe(x === undefined ? 'null' : nestedJson(x, 2))}`;
      yield '\n  ]';
    } else yield jsonTerminalSafe(nestedJson(v, 1));
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield '}\n';
}
