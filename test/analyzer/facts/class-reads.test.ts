import { describe, expect, it } from 'vitest';
import { FactContract } from '../../../analyzer/facts/contract.js';
import type { ClassFacts } from '../../../analyzer/facts/types.js';
import { validateRule } from '../../../analyzer/rules/validate.js';

// Two made-up classes: alpha fills a table of its own and reads a rule-test field; beta's rules read alpha's table.
const alpha: ClassFacts = {
  name: 'alpha', doc: 'x', devices: [{ class: 'alpha', key: 'alpha:N', doc: 'x' }], firmware: [], settings: [],
  tables: ['alpha_lines'], testFields: [{ name: 'alpha_lines', type: 'lines', doc: 'lines of the bundle\'s alpha log' }],
};
const beta = (reads?: string[]): ClassFacts => ({ name: 'beta', doc: 'x', devices: [{ class: 'beta', key: 'beta:N', doc: 'x' }], firmware: [], settings: [], ...(reads ? { reads } : {}) });

const rule = (id: string, tests: Record<string, unknown>[] = [{ name: 'fires', expect: 'fail' }, { name: 'quiet', expect: 'pass' }]): Record<string, unknown> => ({
  id, title: 't', severity: 'medium', message: 'm', remediation: 'r', references: ['x'],
  sql: 'SELECT a.bundle_id, a.device_key FROM rule_bundles b JOIN alpha_lines a ON a.bundle_id = b.bundle_id ORDER BY 1, 2',
  tests,
});
const problems = (raw: Record<string, unknown>, facts: FactContract): string[] => validateRule(raw, 'x.yaml', facts).problems.map((p) => p.message);

describe('a class reading another class\'s table', () => {
  it('is refused unless the class declares that it reads the other class, naming the table and what to declare', () => {
    expect(problems(rule('beta.reads-alpha'), new FactContract([alpha, beta()]))).toEqual([
      "sql reads alpha_lines, a table of class alpha; declare reads: ['alpha'] in class beta's facts.ts for its rules to read it",
    ]);
    expect(problems(rule('beta.reads-alpha'), new FactContract([alpha, beta(['alpha'])]))).toEqual([]);
  });

  it('the owning class and rules across classes (an id naming no class) read it without declaring anything', () => {
    expect(problems(rule('alpha.own'), new FactContract([alpha, beta()]))).toEqual([]);
    expect(problems(rule('core.across'), new FactContract([alpha, beta()]))).toEqual([]);
  });
});

describe('a rule-test field a class declares', () => {
  const facts = new FactContract([alpha, beta(['alpha'])]);
  it('is accepted as a list of lines, refused otherwise with what it holds', () => {
    expect(problems(rule('beta.t', [{ name: 'fires', expect: 'fail', alpha_lines: ['one', 'two'] }, { name: 'quiet', expect: 'pass' }]), facts)).toEqual([]);
    expect(problems(rule('beta.t', [{ name: 'fires', expect: 'fail', alpha_lines: 'one' }, { name: 'quiet', expect: 'pass' }]), facts)).toEqual([
      "alpha_lines is a list of lines (lines of the bundle's alpha log)",
    ]);
  });

  it('is unknown when no class declares it', () => {
    expect(problems(rule('beta.t', [{ name: 'fires', expect: 'fail', gamma_lines: ['one'] }, { name: 'quiet', expect: 'pass' }]), facts)).toEqual(['unknown test field "gamma_lines"']);
  });
});
