import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hdparmIdentifyWords } from './lab-scenario.js';

/** Real outputs of hdparm (9.65) inside the lab guest (Debian 12), kept in fixtures/lab/. */
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/lab/${name}`, import.meta.url), 'utf8');

describe('the lab\'s reference outputs of hdparm (9.65)', () => {
  it('reads the 256 IDENTIFY words of hdparm --Istdout', () => {
    const words = hdparmIdentifyWords(fixture('hdparm-Istdout-sda.txt'));
    expect(words.length).toBe(256);
    expect(words[0]).toBe(0x0040);
  });
});
