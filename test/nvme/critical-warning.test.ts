import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { defaultRulesDir, loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');
const rules = loadRules(defaultRulesDir()).filter((r) => r.id.startsWith('nvme.critical-warning'));

/** Saved outputs replayed with collect --root and loaded: the critical-warning rules' findings as [rule, severity, message]. */
async function findings(files: Record<string, string>): Promise<{ stored: unknown[]; found: [string, string, string | null][] }> {
  const out = join(tempDir(), 'b.tar.gz');
  await collect({ output: out, root: treeOf(files), only: ['nvme', 'ata'], isolation: 'inline' });
  const db = openDatabase(':memory:');
  const { bundleId } = await loadBundle(db, out);
  const stored = db.prepare(`SELECT namespace, key, value FROM settings WHERE key = 'critical_warning' ORDER BY namespace`).all();
  const found = runRules(db, bundleId, rules).filter((o) => o.result === 'fail').map((o) => [o.ruleId, o.severity, o.message] as [string, string, string | null]);
  return { stored, found };
}

/** smartctl -a text of an NVMe drive with the health verdict and the Critical Warning line given. */
const smartctlText = (verdict: string, warning: string): string => real('smartctl/tg-transcend-mte850-nvme-smartctl65.txt')
  .replace('test result: PASSED', `test result: ${verdict}`).replace('Critical Warning: 0x09', `Critical Warning: ${warning}`);

describe('an NVMe Critical Warning byte is a finding, whatever the overall verdict says', () => {
  it('smartctl text: PASSED with 0x04 (reliability degraded) is critical, every bit named', async () => {
    const r = await findings({ 'cmd/smartctl/-a_nvme0.out': smartctlText('PASSED', '0x04') });
    expect(r.stored).toEqual([{ namespace: 'nvme.smart', key: 'critical_warning', value: '4' }]);
    expect(r.found).toEqual([['nvme.critical-warning-data-at-risk', 'critical', expect.stringContaining('critical warning 0x04: reliability degraded')]]);
  });

  it('smartctl text: 0x09 names the spare and read-only bits in one critical finding; 0x00 raises nothing', async () => {
    expect((await findings({ 'cmd/smartctl/-a_nvme0.out': smartctlText('PASSED', '0x09') })).found)
      .toEqual([['nvme.critical-warning-data-at-risk', 'critical', expect.stringContaining('0x09: available spare below threshold, read-only')]]);
    expect((await findings({ 'cmd/smartctl/-a_nvme0.out': smartctlText('PASSED', '0x00') })).found).toEqual([]);
  });

  it('smartctl -j: nvme_smart_health_information_log.critical_warning 2 is the temperature warning (medium)', async () => {
    const doc = JSON.parse(real('smartctl/wd-black-sn770-json.json')) as { nvme_smart_health_information_log: { critical_warning: number } };
    doc.nvme_smart_health_information_log.critical_warning = 2;
    const r = await findings({ 'cmd/smartctl/-a_-j_nvme0.out': JSON.stringify(doc, null, 2) });
    expect(r.stored).toEqual([{ namespace: 'nvme.smart', key: 'critical_warning', value: '2' }]);
    expect(r.found).toEqual([['nvme.critical-warning-temperature', 'medium', expect.stringContaining('0x02: temperature beyond a threshold')]]);
  });

  it('nvme smart-log text: critical_warning 0x1 is the spare below threshold (high)', async () => {
    const text = real('smart-log/pippim-askubuntu-quoted-cli1.txt').replace(/critical_warning(\s+): 0/, 'critical_warning$1: 0x1');
    const r = await findings({ 'cmd/nvme/smart-log_nvme0.out': text });
    expect(r.stored).toEqual([{ namespace: 'nvme.smart', key: 'critical_warning', value: '1' }]);
    expect(r.found).toEqual([['nvme.critical-warning-spare', 'high', expect.stringContaining('0x01: available spare below threshold')]]);
  });
});
