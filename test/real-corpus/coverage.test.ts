import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countedSamples, ISSUE_CLASSES, KNOWN_GAPS, kindCounts, renderCoverage, REQUIRED_KINDS, UNLISTED } from './coverage.js';

const DOC = new URL('../../docs/real-corpus.md', import.meta.url).pathname;
const samples = countedSamples();
const counts = kindCounts(samples);

describe('the real-output corpus covers what issue 11 asks for', () => {
  it('holds at least 120 public outputs, each with a kind', () => {
    expect(samples.length).toBeGreaterThanOrEqual(120);
    for (const s of samples) expect(s.kinds.length, s.file).toBeGreaterThan(0);
  });

  it('has a sample of every required kind, or says where none was found', () => {
    const empty = REQUIRED_KINDS.filter((k) => counts.get(k) === 0);
    expect(empty.sort()).toEqual(Object.keys(KNOWN_GAPS).sort());
  });

  it('counts only the kinds it knows: every sample of the issue-11 corpora lands on a required kind', () => {
    const required = new Set(REQUIRED_KINDS);
    const stray = samples.filter((s) => ISSUE_CLASSES.includes(s.file.split('/')[0]!) && !s.kinds.some((k) => required.has(k)));
    // The real forms of no listed kind each class names (a modem's devlink output, header-only mstconfig excerpts…).
    expect(stray.map((s) => `${s.file}: ${s.kinds.join(', ')}`).sort()).toEqual([...UNLISTED].sort());
  });

  it('docs/real-corpus.md is the table of the corpus as it is', () => {
    const text = renderCoverage(samples);
    if (process.env.FWSNAP_WRITE_CORPUS_TABLE) writeFileSync(DOC, text);
    expect(readFileSync(DOC, 'utf8'), 'regenerate with FWSNAP_WRITE_CORPUS_TABLE=1').toBe(text);
  });
});
