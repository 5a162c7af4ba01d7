import { describe, expect, it } from 'vitest';
import { jsonValueEnd } from '../../../analyzer/parsers/json-extent.js';

describe('the end of a JSON value in pasted text', () => {
  it('skips brackets and escaped quotes inside strings', () => {
    const text = 'out: {"a": "x}\\"]", "b": [1, {"c": "["}]} trailer';
    expect(text.slice(5, jsonValueEnd(text, 5) + 1)).toBe('{"a": "x}\\"]", "b": [1, {"c": "["}]}');
  });
  it('is -1 for a value cut before it closes', () => {
    expect(jsonValueEnd('["a", ["b"]', 0)).toBe(-1);
  });
});
