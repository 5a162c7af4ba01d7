import { describe, expect, it } from 'vitest';
import { assertNoFalseAlarm, assertTruth, realSamples, replaySample } from '../helpers/real-corpus.js';
import { tempDir } from '../helpers/tmp.js';

const CORPUS = new URL('./fixtures/real', import.meta.url).pathname;
const samples = realSamples(CORPUS);

describe('real smartctl and hdparm outputs of SATA and SAS drives, replayed as a user would', () => {
  it('has the corpus (smartctl text and JSON, hdparm -I)', () => {
    expect(samples.length).toBeGreaterThanOrEqual(10);
    const kinds = new Set(samples.map((s) => `${s.provenance.tool}/${s.provenance.format}`));
    expect([...kinds].sort()).toEqual(['hdparm/text', 'smartctl/json', 'smartctl/text']);
  });

  it.each(samples.map((s) => [s.name, s] as const))('%s: saved under its name, collected, loaded, its truth in the rows', async (_, s) => {
    const r = await replaySample(s, tempDir(), ['ata']);
    assertTruth(s, r);
    assertNoFalseAlarm(s, r);
  });
});
