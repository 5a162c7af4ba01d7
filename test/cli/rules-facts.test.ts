import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, fwsnap } from './cli-helpers.js';

// A rule naming an undeclared key is refused by `rules test`: test/nvme/rules-test-undeclared-key.test.ts.
describe('fwsnap rules and the declared facts', () => {
  beforeAll(() => ensureBuilt());

  // Nothing here is about time: `rules test` runs every rule's examples (some 6 s of CPU), which take minutes on a loaded machine.
  it('rules test passes on the shipped rules, and rules facts prints the committed reference', () => {
    const tested = fwsnap(['rules', 'test'], { timeout: 600_000 });
    expect(tested.status, tested.stderr).toBe(0);
    const r = fwsnap(['rules', 'facts'], { timeout: 600_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync('docs/facts.md', 'utf8'));
  }, 900_000);
});
