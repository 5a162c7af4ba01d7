/**
 * A devlink dev info JSON whose version names a paste damaged (a word dropped before `_version` and `_type`, found by
 * the mutated-samples fuzz, seeds 7, 8 and 10) keeps its other versions; a name devlink never prints is named (PARSE),
 * not stored, as the text form already did. Before, the loader stored it, an undeclared component the load refused.
 * A word capitalised (`FW_VERSION`) is a name devlink may print (a driver gives names as it likes, mtk_t7xx the
 * modem's): it is stored as printed (test/nic/devlink-version-names-as-printed). Real output: test/nic/fixtures/real/devlink-dev-info/ionic-first-devlink-tab-indented (its
 * provenance file says where it was published).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const SAMPLE = readFileSync(new URL('./fixtures/real/devlink-dev-info/ionic-first-devlink-tab-indented.json', import.meta.url), 'utf8');

describe('devlink dev info JSON with damaged version names', () => {
  it('stores the names devlink prints and names the others', async () => {
    const damaged = SAMPLE.replace('"fw_version"', '"_version"').replace('"asic_type"', '"_type"');
    expect(damaged).not.toBe(SAMPLE);
    const { db } = await replayTree({ 'cmd/devlink/-j_-p_dev_info.out': damaged });
    try {
      const components = (db.prepare(`SELECT component FROM firmware ORDER BY component`).all() as { component: string }[]).map((r) => r.component);
      expect(components).toEqual(['asic_rev', 'fw_heartbeat', 'fw_status']);
      const named = (db.prepare(`SELECT message FROM collection_issues WHERE code = 'PARSE' ORDER BY message`).all() as { message: string }[]).map((r) => r.message);
      expect(named).toEqual([expect.stringContaining('"_type" of pci/0000:b6:00.0'), expect.stringContaining('"_version" of pci/0000:b6:00.0')]);
    } finally {
      db.close();
    }
  });
});
