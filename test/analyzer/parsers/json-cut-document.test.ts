/**
 * One mechanism names where a JSON output cut short ends, for every JSON reader: given the document's lines as the reader
 * read them (numbered in the output they stand in: a run of outputs, a paste with lines above), or read from the text.
 */
import { describe, expect, it } from 'vitest';
import { cutDocument, readJsonOutput } from '../../../analyzer/parsers/json-output.js';

const doc = ['{', '   "result" : {', '      "output" : {', '         "Operational Info" : {', '            "State" : "Active",', '            "Speed" : "IB-ED'];

describe('a JSON document cut short', () => {
  it('is named at the line it is cut in, numbered as in the run of outputs it stands in', () => {
    const lines = doc.map((text, i) => ({ no: 40 + i, text }));
    const read = cutDocument(lines)!;
    expect(JSON.parse(read.closed)).toEqual({ result: { output: { 'Operational Info': { State: 'Active' } } } });
    expect(read.cut).toMatchObject({ line: 45, text: '"Speed" : "IB-ED' });
  });

  it("names the last line read when a person's words follow the cut, not the words", () => {
    const lines = [...doc.slice(0, 5), 'Any idea what is wrong? Thanks in advance.'].map((text, i) => ({ no: 10 + i, text }));
    expect(cutDocument(lines)!.cut).toMatchObject({ line: 14, text: '"State" : "Active",' });
  });

  it('readJsonOutput takes the lines a reader gives it', () => {
    const text = doc.join('\n');
    const read = readJsonOutput('test', text, doc.map((t, i) => ({ no: 7 + i, text: t })));
    expect(read.cut?.line).toBe(12);
    expect(readJsonOutput('test', text).cut?.line).toBe(6);
  });
});
