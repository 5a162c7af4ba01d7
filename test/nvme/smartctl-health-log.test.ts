import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

/**
 * smartctl's NVMe health section (text and -j) is stored as `nvme smart-log` of the controller is: the same
 * `nvme.smart` rows, so the rules judge a drive alike whichever tool a host or a ticket kept. Real outputs only,
 * each replayed with collect --root and analysed; the values are those a person reads off them.
 */
const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');

const KEYS = ['critical_warning', 'critical_warnings', 'temperature_c', 'available_spare', 'available_spare_threshold', 'percentage_used', 'data_units_read',
  'data_units_written', 'power_cycles', 'power_on_hours', 'unsafe_shutdowns', 'media_errors', 'error_log_entries', 'warning_temp_minutes', 'critical_temp_minutes'];

/** The `nvme.smart` rows of the one NVMe device, by key, and every finding at medium or above as [rule, severity]. */
async function replay(files: Record<string, string>): Promise<{ device: string; smart: Record<string, string | null>; findings: [string, string][] }> {
  const { db } = await replayTree(files);
  try {
    const devices = db.prepare(`SELECT device_key FROM devices WHERE class = 'nvme'`).all() as { device_key: string }[];
    expect(devices).toHaveLength(1);
    const rows = db.prepare(`SELECT key, value FROM settings WHERE namespace = 'nvme.smart' ORDER BY key`).all() as { key: string; value: string | null }[];
    expect(new Set(rows.map((r) => r.key)).size, 'one row a key').toBe(rows.length);
    const findings = db.prepare(`SELECT rule_id, severity FROM rule_results WHERE result = 'fail' AND severity IN ('medium', 'high', 'critical') ORDER BY rule_id`).all() as { rule_id: string; severity: string }[];
    return { device: devices[0]!.device_key, smart: Object.fromEntries(rows.map((r) => [r.key, r.value])), findings: findings.map((f) => [f.rule_id, f.severity]) };
  } finally {
    db.close();
  }
}

const values = (o: Record<string, number | string>): Record<string, string> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));

describe("smartctl's NVMe health values are the nvme.smart rows nvme smart-log gives", () => {
  it('smartctl -x text (Micron 2200S, linuxhw): 342 media errors and 2,724 error-log entries stored; a medium health finding, no alarm', async () => {
    const r = await replay({ 'cmd/smartctl/-x_nvme0.out': real('smartctl/micron-2200s-linuxhw-smartctl74-media-errors-negative-thermal-time.txt') });
    expect(r.device).toBe('nvme:nvme0');
    expect(r.smart).toEqual(values({
      critical_warning: 0, critical_warnings: '', temperature_c: 67, available_spare: 100, available_spare_threshold: 50, percentage_used: 13,
      data_units_read: 146771590, data_units_written: 33803618, power_cycles: 2330, power_on_hours: 3114, unsafe_shutdowns: 824,
      media_errors: 342, error_log_entries: 2724, warning_temp_minutes: 179, critical_temp_minutes: 53,
    }));
    expect(r.findings).toEqual([['nvme.media-errors', 'medium']]);
  });

  it("a German locale's grouping (Toshiba KBG30, Fedora): 2.888 error-log entries are 2888, and no finding", async () => {
    const r = await replay({ 'cmd/smartctl/-x_nvme0.out': real('smartctl/toshiba-kbg30-fedora.txt') });
    expect([r.smart.data_units_read, r.smart.power_on_hours, r.smart.error_log_entries, r.smart.media_errors, r.smart.percentage_used]).toEqual(['35495552', '10188', '2888', '0', '33']);
    expect(r.findings).toEqual([]);
  });

  it('smartctl -x -j (Samsung 970 EVO, scrutiny): the health log members, 7 media errors a medium finding', async () => {
    const r = await replay({ 'cmd/smartctl/-x_-j_nvme0.out': real('smartctl/samsung-970-evo-x-scrutiny-json.json') });
    expect(r.smart).toEqual(values({
      critical_warning: 0, critical_warnings: '', temperature_c: 35, available_spare: 99, available_spare_threshold: 10, percentage_used: 3,
      data_units_read: 17176794, data_units_written: 65602088, power_cycles: 25, power_on_hours: 12798, unsafe_shutdowns: 10,
      media_errors: 7, error_log_entries: 62, warning_temp_minutes: 0, critical_temp_minutes: 0,
    }));
    expect(r.findings).toEqual([['nvme.media-errors', 'medium']]);
  });

  it('one drive, both tools (Crucial P3 Plus gone read-only, one blog post): the same rows and the same finding from either', async () => {
    const smartctl = await replay({ 'cmd/smartctl/-x_nvme0.out': real('smartctl/crucial-p3plus-ct4000p3pssd8-jp-diary-failed-masked.txt') });
    const nvmeCli = await replay({ 'cmd/nvme/smart-log_nvme0.out': real('smart-log/crucial-p3plus-ct4000p3pssd8-jp-diary-critical-warning.txt') });
    const same = ['critical_warning', 'critical_warnings', 'available_spare', 'available_spare_threshold', 'percentage_used', 'data_units_written', 'power_on_hours', 'unsafe_shutdowns', 'media_errors'];
    const pick = (s: Record<string, string | null>): Record<string, string | null> => Object.fromEntries(same.map((k) => [k, s[k] ?? 'no row']));
    expect(pick(smartctl.smart)).toEqual(pick(nvmeCli.smart));
    expect(pick(smartctl.smart)).toMatchObject({ critical_warning: '9', critical_warnings: 'spare-below-threshold,read-only', available_spare: '0', media_errors: '0' });
    expect(Object.keys(smartctl.smart).sort()).toEqual([...KEYS].sort());
    expect(smartctl.findings).toEqual(nvmeCli.findings);
    expect(smartctl.findings).toEqual([['nvme.critical-warning-data-at-risk', 'critical']]);
  });
});
