/**
 * A session saved with `nvme list` typed again after a firmware update (drives trial of issue 11: a person's notes of a
 * Seagate XP12800LE70025 update with the vendor's DLMC tool run between the two lists). The first list shows nvme1 at
 * SE4SA531, the second at SE4SA550, which is what the drive runs now. Before, the first row naming a controller gave
 * its running firmware (SE4SA531 stored); the last listing of it does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const NOTES = readFileSync(new URL('./fixtures/seagate-xp12800le70025-fw-update-notes-list-twice.txt', import.meta.url));

describe('nvme list typed twice in one saved session', () => {
  it('gives each controller the firmware of its last listing', async () => {
    const r = await replayTree({ 'cmd/nvme/nvme-list.txt': NOTES });
    const rows = r.db.prepare(`SELECT device_key AS k, version AS v FROM firmware WHERE state = 'running' ORDER BY device_key`).all() as { k: string; v: string }[];
    expect(Object.fromEntries(rows.map((x) => [x.k, x.v]))).toEqual({
      'nvme:nvme0': 'ECPG13.0', 'nvme:nvme1': 'SE4SA550', 'nvme:nvme2': 'SE4SA531', 'nvme:nvme3': 'SE4SA531', 'nvme:nvme4': 'SE4SA531',
    });
    const alarms = r.db.prepare(`SELECT rule_id FROM rule_results WHERE result = 'fail' AND severity IN ('high', 'critical')`).all();
    expect(alarms).toEqual([]);
  });
});
