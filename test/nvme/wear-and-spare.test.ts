import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { defaultRulesDir, loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

/**
 * Percentage Used (byte 5 of the SMART / Health log) and Available Spare against its threshold (bytes 3 and 4), judged
 * on their own: Percentage Used at or above 100 is a medium wear finding; a spare below its threshold a high one, unless
 * the Critical Warning byte read with it has bit 0 set, which the critical-warning rules already report (one condition,
 * one finding). Saved outputs replayed with collect --root through the real loaders; real ones unless said edited.
 */
const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');
const rules = loadRules(defaultRulesDir()).filter((r) => /^nvme\.(?:critical-warning|percentage-used|available-spare)/.test(r.id));

async function findings(files: Record<string, string>): Promise<[string, string, string | null][]> {
  const out = join(tempDir(), 'b.tar.gz');
  await collect({ output: out, root: treeOf(files), only: ['nvme', 'ata'], isolation: 'inline' });
  const db = openDatabase(':memory:');
  try {
    const { bundleId } = await loadBundle(db, out);
    return runRules(db, bundleId, rules).filter((o) => o.result === 'fail').map((o) => [o.ruleId, o.severity, o.message] as [string, string, string | null])
      .sort((a, b) => a[0].localeCompare(b[0]));
  } finally {
    db.close();
  }
}

describe('NVMe wear and spare, each its own finding', () => {
  it('smartctl -a of a Sabrent Rocket Q (linuxhw): Percentage Used 100% with a PASSED verdict and no Critical Warning is a medium finding', async () => {
    expect(await findings({ 'cmd/smartctl/-a_nvme0.out': real('smartctl/phison-sabrent-rocket-q-linuxhw-smartctl70.txt') }))
      .toEqual([['nvme.percentage-used-endurance', 'medium', expect.stringContaining('reports Percentage Used 100%: the vendor\'s endurance estimate is consumed')]]);
  });

  it('a failed Samsung MZVLB512HAJQ at 106% with warning 0x04: the critical finding and the wear one, two conditions', async () => {
    expect(await findings({ 'cmd/smartctl/-a_nvme0.out': real('smartctl/samsung-mzvlb512hajq-00000-failed-linuxhw-smartctl70.txt') })).toEqual([
      ['nvme.critical-warning-data-at-risk', 'critical', expect.stringContaining('0x04: reliability degraded')],
      ['nvme.percentage-used-endurance', 'medium', expect.stringContaining('Percentage Used 106%')],
    ]);
  });

  it('nvme smart-log text: 0% and 99% (edited) are no finding; 255% (edited) is the capped value', async () => {
    const log = real('smart-log/pippim-askubuntu-quoted-cli1.txt');
    expect(log).toMatch(/percentage_used(\s+): 0%/);
    const used = (v: string): string => log.replace(/percentage_used(\s+): 0%/, `percentage_used$1: ${v}`);
    expect(await findings({ 'cmd/nvme/smart-log_nvme0.out': log })).toEqual([]);
    expect(await findings({ 'cmd/nvme/smart-log_nvme0.out': used('99%') })).toEqual([]);
    expect(await findings({ 'cmd/nvme/smart-log_nvme0.out': used('255%') }))
      .toEqual([['nvme.percentage-used-endurance', 'medium', expect.stringContaining('Percentage Used 255% (254% or more)')]]);
  });

  it('a spare of 0% against a threshold of 0% (WD_BLACK AN1500, linuxhw) is not below it', async () => {
    expect(await findings({ 'cmd/smartctl/-a_nvme0.out': real('smartctl/sandisk-wd-black-an1500-linuxhw-smartctl74.txt') })).toEqual([]);
  });

  it('Crucial P3 Plus, spare 0% under 5% with warning 0x09: only the critical finding names it; without the byte (a grep, edited) the spare rule does', async () => {
    const text = real('smartctl/crucial-p3plus-ct4000p3pssd8-jp-diary-failed-masked.txt');
    expect(await findings({ 'cmd/smartctl/-x_nvme0.out': text }))
      .toEqual([['nvme.critical-warning-data-at-risk', 'critical', expect.stringContaining('0x09: available spare below threshold, read-only')]]);
    const noByte = text.replace(/^Critical Warning: +0x09\n/m, '');
    expect(noByte).not.toContain('Critical Warning:');
    expect(await findings({ 'cmd/smartctl/-x_nvme0.out': noByte }))
      .toEqual([['nvme.available-spare-below-threshold', 'high', expect.stringContaining('reports available spare 0%, below its threshold of 5%')]]);
  });

  it('nvme smart-log text (edited): spare 5% under 10% with bit 0 is the critical-warning-spare finding alone; with the byte 0 it is the spare rule\'s', async () => {
    const log = real('smart-log/pippim-askubuntu-quoted-cli1.txt').replace(/available_spare(\s+): 100%/, 'available_spare$1: 5%');
    const warned = log.replace(/critical_warning(\s+): 0/, 'critical_warning$1: 0x1');
    expect(await findings({ 'cmd/nvme/smart-log_nvme0.out': warned }))
      .toEqual([['nvme.critical-warning-spare', 'high', expect.stringContaining('0x01: available spare below threshold')]]);
    expect(await findings({ 'cmd/nvme/smart-log_nvme0.out': log }))
      .toEqual([['nvme.available-spare-below-threshold', 'high', expect.stringContaining('available spare 5%, below its threshold of 10%')]]);
  });
});
