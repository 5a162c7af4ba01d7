import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../../analyzer/report/json-chunks.js';
import { jsonTerminalSafe } from '../../bundle/terminal-safe.js';

const whole = (v: object): string => jsonTerminalSafe(JSON.stringify(v, null, 2)) + '\n';
const chunked = (v: object): string => [...jsonChunks(v)].join('');

describe('a JSON document written in pieces is the document written whole', () => {
  it('arrays of objects, of strings and empty ones, nested objects, numbers, null', () => {
    const v = {
      schema: 'x/1',
      notices: [],
      hosts: [{ bundle: 1, hostname: null, tags: ['a', 'b'], nested: { deep: [1, [2, {}]] } }, { bundle: 2, hostname: 'h2', tags: [], nested: {} }],
      names: ['one', 'two'],
      empty: {},
      summary: { hosts: 2, findings: { high: 0 } },
      count: 0,
      flag: false,
      nothing: null,
    };
    expect(chunked(v)).toBe(whole(v));
  });

  it('strings a terminal would act on are escaped as in the whole document', () => {
    const v = { hostname: 'evil\u001b[2J\u202e\u0085', list: ['\u200b\r\n\t', { k: '\u{e0001}tag\u007f' }], 'key\u202e': ['\ud800'] };
    const out = chunked(v);
    expect(out).toBe(whole(v));
    expect(out).not.toMatch(/[\u001b\u202e\u0085\u200b\u007f]/);
  });

  it('fields left undefined are left out, as JSON.stringify leaves them out', () => {
    const v = { a: undefined, b: [undefined, 1], c: 'x' };
    expect(chunked(v)).toBe(whole(v));
    expect(chunked({})).toBe(whole({}));
  });
});
