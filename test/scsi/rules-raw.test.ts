import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRulesDir, loadRules } from '../../analyzer/rules/load-rules.js';
import { tempDir } from '../helpers/tmp.js';
import { rawCoverageGaps, replayRule } from '../rules/raw-bytes.js';

describe('scsi rules from raw bytes (collector/classes/scsi/fake-host.ts → collect --root → loaders → rule)', () => {
  const rules = loadRules(defaultRulesDir()).filter((r) => r.id.startsWith('scsi.'));

  it('there are at least five, each with a source', () => {
    expect(rules.length).toBeGreaterThanOrEqual(5);
    for (const r of rules) expect(r.references.length, r.id).toBeGreaterThan(0);
  });

  it('every test of every scsi rule is replayed and gives its fact-level result; each rule fires and stays quiet', async () => {
    const dir = tempDir();
    for (const [i, rule] of rules.entries()) {
      const d = join(dir, String(i));
      mkdirSync(d);
      const cases = await replayRule(rule, d);
      expect(cases.filter((c) => c.notRendered || c.problem).map((c) => `${c.test}: ${c.notRendered ?? c.problem}`), rule.id).toEqual([]);
      expect(rawCoverageGaps(rule, cases), rule.id).toBeUndefined();
    }
  }, 120_000);
});
