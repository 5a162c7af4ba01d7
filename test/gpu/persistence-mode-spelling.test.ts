/**
 * nvidia-smi -q's `Persistence Mode` in another case (a paste that capitalised it, found by the mutated-samples fuzz,
 * seeds 6–9) is the same word: stored as nvidia-smi spells it. Another word is named, not stored. Before, the loader
 * stored `ENABLED`, an undeclared value the load refused. Real output:
 * test/gpu/fixtures/real/nvidia-smi-q-9x-rtx-a6000-550-gls-simulator (its provenance file says where it was published).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const SAMPLE = readFileSync(new URL('./fixtures/real/nvidia-smi-q-9x-rtx-a6000-550-gls-simulator.txt', import.meta.url), 'utf8');
const LINE = 'Persistence Mode                      : Enabled';

async function persistence(text: string): Promise<{ values: string[]; issues: string[] }> {
  const { db } = await replayTree({ 'cmd/nvidia-smi/-q.out': text });
  try {
    const values = (db.prepare(`SELECT value FROM settings WHERE key = 'persistence_mode'`).all() as { value: string }[]).map((r) => r.value);
    const issues = (db.prepare(`SELECT message FROM collection_issues WHERE message LIKE '%persistence_mode%'`).all() as { message: string }[]).map((r) => r.message);
    return { values, issues };
  } finally {
    db.close();
  }
}

describe("nvidia-smi's persistence mode in another spelling", () => {
  it('in capitals is stored as nvidia-smi spells it', async () => {
    const damaged = SAMPLE.replace(LINE, LINE.replace('Enabled', 'ENABLED'));
    expect(damaged).not.toBe(SAMPLE);
    const { values, issues } = await persistence(damaged);
    expect(values).toHaveLength(9);
    expect(new Set(values)).toEqual(new Set(['Enabled']));
    expect(issues).toEqual([]);
  });

  it('another word is named and not stored; the other GPUs keep theirs', async () => {
    const { values, issues } = await persistence(SAMPLE.replace(LINE, LINE.replace('Enabled', 'Enab1ed')));
    expect(values).toHaveLength(8);
    expect(issues).toEqual([expect.stringContaining('"Enab1ed"')]);
  });
});
