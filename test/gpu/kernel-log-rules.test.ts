import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { collect } from '../../collector/collect.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { defaultRulesDir, loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';
import type { RuleOutcome } from '../../analyzer/rules/types.js';
import { writeTree } from '../faults/fault-helpers.js';

const dir = mkdtempSync(join(process.env.TMPDIR ?? tmpdir(), 'fwsnap-gpu-klog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const REAL = new URL('./fixtures/real/', import.meta.url);
const LINES = readFileSync(new URL('gpu-kernel-log-failures.txt', REAL), 'utf8').split('\n').filter(Boolean);
const FIRES = (parse(readFileSync(new URL('gpu-kernel-log-failures.provenance.yaml', REAL), 'utf8')) as { truth: { fires: Record<number, string> } }).truth.fires;
const RULES = loadRules(defaultRulesDir()).filter((r) => new Set(Object.values(FIRES)).has(r.id));

/** A published line as a /dev/kmsg record: its printed level, timestamp and journal prefix taken off. */
function kmsg(line: string, seq: number): string {
  const level = /^<(\d)>/.exec(line)?.[1] ?? '3';
  const text = line.replace(/^<\d>\s*/, '').replace(/^\[\s*[\d.]+\]\s*/, '').replace(/^kernel:\s*/, '');
  return `${level},${seq},${1_000_000 + seq},-;${text}`;
}

/** A host of which only the kernel log was collected: no PCI function, no NVIDIA proc files, no nvidia-smi. */
async function judge(name: string, records: string[]): Promise<RuleOutcome[]> {
  const tree = join(dir, name);
  writeTree(tree, { 'dev/kmsg': `${records.join('\n')}\n` });
  const out = join(dir, `${name}.tar.gz`);
  await collect({ output: out, root: tree, isolation: 'inline' });
  const db = openDatabase(':memory:');
  const { bundleId } = await loadBundle(db, out);
  expect(db.prepare(`SELECT count(*) AS n FROM devices WHERE class IN ('gpu', 'pci')`).get()).toEqual({ n: 0 });
  return runRules(db, bundleId, RULES);
}

describe('GPU kernel-log rules on real published lines, from the kernel log alone', () => {
  it('knows a rule for every line', () => {
    expect(LINES).toHaveLength(Object.keys(FIRES).length);
    expect(RULES.map((r) => r.id).sort()).toEqual([...new Set(Object.values(FIRES))].sort());
  });

  for (const [n, rule] of Object.entries(FIRES)) {
    it(`line ${n} fires ${rule} with no GPU file collected`, async () => {
      const line = LINES[Number(n) - 1]!;
      const outcomes = await judge(`line-${n}`, [kmsg(line, 1)]);
      const fired = outcomes.filter((o) => o.result === 'fail');
      expect(fired.map((o) => o.ruleId)).toEqual([rule]);
      expect(fired[0]!.message).toMatch(/\S/);
    }, 60_000);
  }

  it('a clean log fires none of them', async () => {
    const outcomes = await judge('clean', [
      kmsg('NVRM: loading NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 01:15:15 UTC 2023', 1),
      kmsg('<6>[   61.507354] i915 0000:00:02.0: [drm] GT0: GuC firmware i915/adlp_guc_70.bin version 70.5.1', 2),
    ]);
    expect(outcomes.filter((o) => o.result === 'fail')).toEqual([]);
  }, 60_000);
});
