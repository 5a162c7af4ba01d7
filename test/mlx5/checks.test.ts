import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';
import { testRules } from '../../analyzer/rules/self-test.js';
import { fakehostBundle } from '../analyzer/load/fakehost-bundle.js';

const RULES = fileURLToPath(new URL('../../rules/mlx5', import.meta.url));

describe('rules/mlx5', () => {
  it('pass their own tests', () => {
    const rules = loadRules(RULES);
    expect(rules.map((r) => r.id).sort()).toEqual(['mlx5.firmware-family', 'mlx5.nvconfig-changed-from-default', 'mlx5.nvconfig-constraints', 'mlx5.nvconfig-database-differs', 'mlx5.nvconfig-pending']);
    const { run, failures } = testRules(rules);
    expect(failures).toEqual([]);
    expect(run).toBe(15);
  });
});

describe('the fake host with two ConnectX-6 Dx functions', () => {
  let db: Db;
  let bundleId: number;
  let cleanup: () => void;
  beforeAll(async () => {
    const b = await fakehostBundle();
    cleanup = b.cleanup;
    db = openDatabase(':memory:');
    bundleId = (await loadBundle(db, b.path)).bundleId;
  });
  afterAll(() => cleanup?.());

  it('loads without parse problems in the ConnectX artifacts', () => {
    const bad = db.prepare(`SELECT name, parse_error FROM artifacts WHERE parse_error IS NOT NULL AND (name LIKE 'cmd/mst%' OR name LIKE 'ioctl/fwctl/%')`).all();
    expect(bad).toEqual([]);
    const issues = db.prepare(`SELECT code, message FROM collection_issues WHERE stage = 'analyze' AND (message LIKE '%fwctl%' OR message LIKE '%mst%' OR code IN ('NO-ADB', 'FW-STATUS', 'NO-DEVICE', 'MSTCONFIG'))`).all();
    expect(issues).toEqual([]);
  });

  it('yields exactly the expected findings', () => {
    const outcomes = runRules(db, bundleId, loadRules(RULES));
    const got = outcomes.filter((o) => o.result === 'fail').map((o) => [o.ruleId, o.deviceKey, o.message]);
    expect(got).toEqual([
      ['mlx5.nvconfig-changed-from-default', '0000:3b:00.0', '0000:3b:00.0: 3 NV setting(s) differ from the factory default — NUM_OF_VFS=200 (default 8, current 8), SRIOV_EN=1 (default 0), EXP_ROM_PXE_ENABLE=0 (default 1)'],
      ['mlx5.nvconfig-changed-from-default', '0000:3b:00.1', '0000:3b:00.1: 1 NV setting(s) differ from the factory default — EXP_ROM_PXE_ENABLE=0 (default 1)'],
      ['mlx5.nvconfig-constraints', '0000:3b:00.0', expect.stringMatching(/^NUM_OF_VFS next boot value 200 exceeds the maximum 127 the firmware allows/)],
      ['mlx5.nvconfig-constraints', '0000:3b:00.0', expect.stringMatching(/^next boot values break a vendor rule of NUM_OF_VFS: NUM_OF_PF 2 × \(NUM_PF_MSIX 63 \+ NUM_OF_VFS 200 × NUM_VF_MSIX 11\) = 4,526, more than the 4,096 the firmware allows \(max_total_msix\)$/)],
      ['mlx5.nvconfig-constraints', '0000:3b:00.0', expect.stringMatching(/^next boot values break a vendor rule of NUM_PF_MSIX: .* = 4,526, more than the 4,096 the firmware allows/)],
      ['mlx5.nvconfig-pending', '0000:3b:00.0', '0000:3b:00.0: 1 NV setting(s) differ between current and next boot — NUM_OF_VFS 8 → 200; they apply only after a firmware reset or a cold boot'],
    ]);
    const skips = outcomes.filter((o) => o.ruleId === 'mlx5.nvconfig-constraints' && o.result !== 'fail').map((o) => [o.deviceKey, o.result, o.missing]);
    expect(skips).toEqual([
      ['0000:3b:00.0', 'skip', expect.stringContaining('capability nv_flex_parser_cap.flex_parser_profile_0_supported')],
      ['0000:3b:00.1', 'skip', expect.stringContaining('capability nv_flex_parser_cap.flex_parser_profile_0_supported')],
    ]);
    const family = outcomes.filter((o) => o.ruleId === 'mlx5.firmware-family').map((o) => [o.deviceKey, o.result, o.message]);
    expect(family).toEqual([
      ['0000:3b:00.0', 'pass', '0000:3b:00.0 (ConnectX-6 Dx) runs 22.39.1002, family 22 as expected (PSID MT_0000000359)'],
      ['0000:3b:00.1', 'pass', '0000:3b:00.1 (ConnectX-6 Dx) runs 22.39.1002, family 22 as expected (PSID MT_0000000359)'],
    ]);
  });
});
