import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulesDoc } from '../../analyzer/rules/doc.js';
import { defaultRulesDir, loadRules } from '../../analyzer/rules/load-rules.js';
import { testRules } from '../../analyzer/rules/self-test.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('the shipped rule library', () => {
  const rules = loadRules(defaultRulesDir());

  it('holds at least 80 rules, each with a reference and tests that fire and must not fire', () => {
    expect(rules.length).toBeGreaterThanOrEqual(80);
    for (const r of rules) {
      expect(r.references.length, r.id).toBeGreaterThan(0);
      expect(r.tests.some((t) => t.expect === 'fail'), r.id).toBe(true);
      expect(r.tests.some((t) => t.expect === 'pass' || t.expect === 'skip' || t.expect === 'not_applicable'), r.id).toBe(true);
    }
  });

  it("passes every rule's own tests", () => {
    const { run, failures } = testRules(rules);
    expect(failures).toEqual([]);
    expect(run).toBeGreaterThanOrEqual(rules.length * 2);
  });

  it('is described by docs/rules.md, regenerated from the rules', () => {
    const committed = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
    expect(committed, 'docs/rules.md is stale: run `fwsnap rules doc -o docs/rules.md`').toBe(rulesDoc(rules));
  });

  it('passes `fwsnap rules test` from the built CLI', () => {
    const cli = join(ROOT, 'dist', 'cli', 'main.js');
    expect(existsSync(cli), 'dist/cli/main.js is missing: run `npm run build` first').toBe(true);
    const out = execFileSync(process.execPath, [cli, 'rules', 'test'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toMatch(new RegExp(`^${rules.length} rules, (\\d+) tests: \\1 passed, 0 failed$`, 'm'));
  });
});
