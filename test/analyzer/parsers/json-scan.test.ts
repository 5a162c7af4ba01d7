import { describe, expect, it } from 'vitest';
import { closers, jsonSteps } from '../../../analyzer/parsers/json-scan.js';

const steps = (text: string, from?: number): string[] => [...jsonSteps(text, from)].map((s) => `${s.at}${s.char === '"' ? `"${text.slice(s.at, s.end + 1)}` : s.char}${s.open}`);

describe('a walk over JSON text outside its strings', () => {
  it('takes a string with escaped quotes and backslashes as one step', () => {
    const text = '{"a\\"}":"\\\\","b":"x\\\\\\"]"}';
    expect(steps(text)).toEqual(['0{{', '1""a\\"}"{', '7:{', '8""\\\\"{', '12,{', '13""b"{', '16:{', '17""x\\\\\\"]"{', '25}']);
  });

  it('counts nested brackets open after each character, a closing one with none open closing nothing', () => {
    expect(steps('[{"k":[1]}]]')).toEqual(['0[[', '1{[{', '2""k"[{', '5:[{', '6[[{[', '71[{[', '8][{', '9}[', '10]', '11]']);
  });

  it('a string the text ends inside runs to the end, a backslash last included', () => {
    expect(steps('[1,"ab\\')).toEqual(['0[[', '11[', '2,[', '3""ab\\[']);
    expect([...jsonSteps('{"cut')].at(-1)).toEqual({ at: 1, char: '"', end: 5, open: '{' });
  });

  it('starts where asked, and names what closes what is open', () => {
    expect(steps('"x" {}', 4)).toEqual(['4{{', '5}']);
    expect(closers('{[{')).toBe('}]}');
  });
});
