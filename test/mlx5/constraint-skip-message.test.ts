/**
 * A pasted mlxconfig query never carries the device's capability registers, so most vendor constraints are skipped; the
 * skip's message is one line a person reads (a BlueField-3 query of a public PTP-operator README skipped 87 constraints
 * and named all 81 capability fields inline), while `missing` keeps every name for a query.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaySaved } from '../helpers/replay-tree.js';

const QUERY = readFileSync(new URL('./fixtures/real/mstconfig/bf3-dpu-next-boot-ptp-tools.txt', import.meta.url), 'utf8');

describe('constraints of a pasted mlxconfig query that were not checked', () => {
  it('are told in one short line: how many, the first settings and capability fields, that only a collection on the host reads them', async () => {
    const { db } = await replaySaved('cmd/mstconfig/-d_0002:01:00.0_q.out', QUERY);
    try {
      const skip = db.prepare(`SELECT message, missing FROM rule_results WHERE rule_id = 'mlx5.nvconfig-constraints' AND result = 'skip'`).get() as { message: string; missing: string };
      expect(skip.message.length).toBeLessThan(400);
      expect(skip.message).toMatch(/^\d+ constraint\(s\) of \d+ setting\(s\) \(MEMIC_BAR_SIZE, MEMIC_SIZE_LIMIT, MEMIC_ATOMIC, \S+ and \d+ more\) not checked: the bundle lacks \d+ capability field\(s\) of the device \(nv_memic_cap\.max_log_memic_bar_size, \S+ and \d+ more\), which only a collection on the host reads from its registers/);
      expect(skip.missing.split(', ').filter((m) => m.startsWith('capability ')).length).toBeGreaterThan(50);
    } finally {
      db.close();
    }
  });
});
