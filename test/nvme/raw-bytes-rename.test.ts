import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLASS_LOADERS } from '../../analyzer/classes/index.js';
import { nvmeLoader } from '../../analyzer/classes/nvme/loader.js';
import type { FactSink } from '../../analyzer/db/rows.js';
import type { ClassLoader, LoadContext } from '../../analyzer/load/types.js';
import { defaultRulesDir, loadRules } from '../../analyzer/rules/load-rules.js';
import { tempDir } from '../helpers/tmp.js';
import { replayRule } from '../rules/raw-bytes.js';

/** The NVMe loader as it would be after renaming one key it writes (nvme.feature/apst_enabled → apst_on). */
const renamedLoader: ClassLoader = {
  name: nvmeLoader.name,
  load(ctx) {
    const sink: FactSink = Object.create(ctx.sink) as FactSink;
    sink.setting = (s) => ctx.sink.setting(s.namespace === 'nvme.feature' && s.key === 'apst_enabled' ? { ...s, key: 'apst_on' } : s);
    const patched: LoadContext = Object.create(ctx) as LoadContext;
    Object.defineProperty(patched, 'sink', { value: sink });
    nvmeLoader.load(patched);
  },
};

describe('the issue\'s experiment: a key renamed in a loader', () => {
  const rules = loadRules(defaultRulesDir()).filter((r) => JSON.stringify(r.when ?? []).includes('"apst_enabled"'));

  it('makes the raw-byte tests of every rule reading that key fail, naming the tests', async () => {
    expect(rules.length).toBeGreaterThanOrEqual(13);
    const loaders = CLASS_LOADERS.map((l) => (l === nvmeLoader ? renamedLoader : l));
    const dir = tempDir();
    const failing = new Set<string>();
    for (const [i, rule] of rules.entries()) {
      const d = join(dir, String(i));
      mkdirSync(d);
      const unchanged = await replayRule(rule, d);
      expect(unchanged.filter((c) => c.problem), rule.id).toEqual([]);
      mkdirSync(join(d, 'renamed'));
      const renamed = await replayRule(rule, join(d, 'renamed'), { loaders, undeclared: 'issue' });
      const problems = renamed.filter((c) => c.problem);
      if (problems.some((c) => c.expect === 'fail' && /expected fail for nvme:nvme\d+, got skip/.test(c.problem!))) failing.add(rule.id);
    }
    // Every one of them: the firing case now skips for want of the setting, instead of passing silently.
    expect([...failing].sort()).toEqual(rules.map((r) => r.id).sort());
  }, 300_000);
});
