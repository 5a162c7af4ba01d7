import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRulesDir, loadRules } from '../../analyzer/rules/load-rules.js';
import { tempDir } from '../helpers/tmp.js';
import { rawCoverageGaps, replayRule, type RawCase } from './raw-bytes.js';

const EXCEPTIONS = join(import.meta.dirname, 'raw-bytes-exceptions.json');

describe('rule tests replayed from raw bytes (fake host → collect --root → bundle → loaders → rule)', () => {
  const rules = loadRules(defaultRulesDir());
  let cases: RawCase[] = [];

  it('give every replayed test the result of its fact-level test', async () => {
    const dir = tempDir();
    for (const [i, rule] of rules.entries()) {
      const d = join(dir, String(i));
      mkdirSync(d);
      cases.push(...(await replayRule(rule, d)));
    }
    expect(cases.filter((c) => c.problem).map((c) => `${c.rule} "${c.test}": ${c.problem}`)).toEqual([]);
    expect(cases.filter((c) => !c.notRendered).length).toBeGreaterThan(50);
  }, 600_000);

  it('cover every rule with a firing and an applicable quiet case, except the listed rules, each with its reason', () => {
    const gaps: Record<string, string> = {};
    for (const rule of rules) {
      const g = rawCoverageGaps(rule, cases.filter((c) => c.rule === rule.id));
      if (g) gaps[rule.id] = g;
    }
    if (process.env.FWSNAP_WRITE_RAW_EXCEPTIONS) writeFileSync(EXCEPTIONS, JSON.stringify(gaps, null, 1) + '\n');
    const listed = JSON.parse(readFileSync(EXCEPTIONS, 'utf8')) as Record<string, string>;
    // Equal both ways: a rule that gains raw cases must leave the list (it only shrinks), a new gap must be listed.
    expect(gaps, 'regenerate with FWSNAP_WRITE_RAW_EXCEPTIONS=1 only when a gap is intended').toEqual(listed);
  });
});
