import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUEST_TIMEOUT_MS, PROJECT_DIR, TOOL_KILL_S } from '../lab-machine.js';

describe('the guest kills a collection that runs too long', () => {
  it('after a third of the guest deadline, 120 s at least: a bound that grows with FWSNAP_LAB_TIMEOUT', () => {
    expect(TOOL_KILL_S).toBeGreaterThanOrEqual(120);
    expect(TOOL_KILL_S).toBeGreaterThanOrEqual(Math.floor(GUEST_TIMEOUT_MS / 3000));
    // Collect and check together fit in the deadline whenever it allows two 120 s runs.
    if (GUEST_TIMEOUT_MS >= 240_000) expect(2 * TOOL_KILL_S * 1000).toBeLessThan(GUEST_TIMEOUT_MS);
  });

  it('collect and check both run under that bound, not under a fixed number', () => {
    const script = readFileSync(join(PROJECT_DIR, 'test/lab/guest/scenario.sh'), 'utf8');
    const killed = script.split('\n').filter((l) => /dist\/cli\/main\.js" (collect|check) /.test(l));
    expect(killed).toHaveLength(2);
    for (const line of killed) expect(line).toMatch(/^\s*timeout -s KILL "\$\{LAB_KILL_AFTER:-120\}" /);
  });
});
