import { describe, expect, it } from 'vitest';
import { trailingProse } from '../../../analyzer/parsers/prose.js';

describe('a long line under a signature marker at the end of an output', () => {
  it('is read in time linear in its length (a mail address is looked for once per word, not at every character)', () => {
    // Found by the mutated-samples fuzz: an ethtool -i output shuffled so `--` came second to last, above a line of
    // a megabyte of word characters, took minutes to analyze.
    const texts = ['driver: igb', 'bus-info: 0000:44:00.0', '--', `${'x'.repeat(200_000)}: ${'9'.repeat(1000)}`];
    const started = Date.now();
    trailingProse(texts);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
