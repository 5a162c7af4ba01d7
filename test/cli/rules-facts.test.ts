import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, fwsnap } from './cli-helpers.js';

// A rule naming an undeclared key is refused by `rules test`: test/nvme/rules-test-undeclared-key.test.ts.
describe('fwsnap rules and the declared facts', () => {
  beforeAll(() => ensureBuilt());

  it('rules test passes on the shipped rules, and rules facts prints the committed reference', () => {
    expect(fwsnap(['rules', 'test']).status).toBe(0);
    const r = fwsnap(['rules', 'facts']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync('docs/facts.md', 'utf8'));
  });
});
