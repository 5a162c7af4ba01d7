/**
 * A ticket's `nvme fw-log /dev/nvme0n1 | grep frs`, followed by the slot lines grep kept: an excerpt of the output.
 * Before, it was refused for lacking the `afi` line grep left out, and the slots' revisions were lost. The output is the
 * corpus sample fw-log/dell-p4610-vdv1dp25-two-slots-notes (a Dell P4610 with VDV1DP25 in slots 1 and 2) filtered as a
 * person would.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const OUTPUT = readFileSync(new URL('./fixtures/real/fw-log/dell-p4610-vdv1dp25-two-slots-notes.txt', import.meta.url), 'utf8').split('\n').slice(1);

describe('an nvme fw-log output filtered by a pipe', () => {
  it("is an excerpt: the slots grep kept are stored; the active and next slots its afi line would say are not guessed", async () => {
    const ticket = `[root@r8402 ~]# nvme fw-log /dev/nvme0n1 | grep frs\n${OUTPUT.filter((l) => l.includes('frs')).join('\n')}\n`;
    const { db } = await replayTree({ 'ticket.txt': ticket });
    try {
      const rows = (db.prepare(`SELECT 'firmware ' || device_key || ' ' || version || ' ' || state AS f FROM firmware UNION ALL SELECT 'setting ' || device_key || ' ' || namespace || ' ' || key || ' ' || value FROM settings ORDER BY 1`).all() as { f: string }[]).map((r) => r.f);
      expect(rows).toEqual(['firmware nvme:nvme0 VDV1DP25 slot-1', 'firmware nvme:nvme0 VDV1DP25 slot-2']);
      const issues = (db.prepare(`SELECT code || ' ' || message AS m FROM collection_issues`).all() as { m: string }[]).map((r) => r.m);
      expect(issues).toEqual(['PASTE-FILTERED line 1: the output was filtered by `grep frs`: only the lines it kept were pasted, read as far as they go; what it left out is unknown, not absent']);
    } finally {
      db.close();
    }
  });
});
