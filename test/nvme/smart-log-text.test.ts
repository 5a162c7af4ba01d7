import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';
import { parseSmartLogJson, parseSmartLogText } from '../../analyzer/classes/nvme/nvme-smart-log-text.js';
import { parseFwLogText } from '../../analyzer/classes/nvme/nvme-text.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/smart-log/${p}`, import.meta.url), 'utf8');

describe('nvme smart-log text (nvme-cli 1.x and 2.x)', () => {
  // Real form: nvme-cli issue 1645, FreeBSD 13.1's nvme-cli 1.8.1 port tracing its Get Log Page (freebsd-ioctl.c, TRACE).
  it("nvme-cli's own trace of the admin command it sent (its FreeBSD port) is its own, not unread, above any subcommand's output", () => {
    // Its own trace read nothing back (is_read: 0, test/nvme/freebsd-unread-buffer); the same trace of a command that did.
    const text = real('freebsd-nvd1-nvmecli1645-cli181-trace.txt').replace('is_read: 0', 'is_read: 1');
    const s = parseSmartLogText(text);
    expect(s.issues).toEqual([]);
    expect(s.powerCycles).toBe(0);
    const trace = text.split('\n').slice(1, 5).join('\n');
    const fw = parseFwLogText(`${trace.replace('0x7f0002', '0x7f0003')}\nFirmware Log for device:nvd1\nafi  : 0x1\nfrs1 : 0x3430324538423245 (2B2QEXM7)\n`);
    expect(fw.issues).toEqual([]);
    expect(parseFwLogText('Passing through IOCTL 0xc0044e44\nafi : 0x1\nfrs1 : 0x3430324538423245 (2B2QEXM7)\n').issues).toEqual([]);
  });

  it('reads 1.x names with comma-grouped numbers and `36 C`; a field cut off without its value is an issue', () => {
    const s = parseSmartLogText(real('samsung-960pro-pippim-cli1-cut.txt'));
    expect(s).toMatchObject({ criticalWarning: 0, criticalWarnings: [], temperatureC: 36, dataUnitsRead: 8743226, powerOnHours: 376, errorLogEntries: 198 });
    expect(s.issues).toEqual([{ line: 18, text: 'Warning Temperature Time            :', message: 'no number in the value' }]);
  });

  // Real form: nvme-cli 1.x groups its counters with the locale's separator (printf's `'` flag): a Polish host's narrow
  // no-break spaces (Ubuntu Forums 'LVM on NVME', 2019), a German host's dots, a Swiss host's apostrophes.
  it('reads counters grouped by any locale\'s separator whole, and no single-digit run after a space as a group', () => {
    const s = parseSmartLogText(real('adata-xpg-gammix-s5-ubuntuforums-cli1-narrow-nbsp-groups.txt'));
    expect(s).toMatchObject({ dataUnitsRead: 703883, dataUnitsWritten: 998825, hostReadCommands: 4588883, hostWriteCommands: 5770518, powerOnHours: 20 });
    expect(s.issues).toEqual([]);
    for (const [printed, want] of [['4\u202f588\u202f883', 4588883], ['4\u00a0588\u00a0883', 4588883], ['4 588 883', 4588883], ['4.588.883', 4588883], ['4’588’883', 4588883], ["4'588'883", 4588883], ['4,588,883 [2.34 TB]', 4588883], ['475060001 (243.23 TB)', 475060001], ['1.234.567.890.123.456.789', '1234567890123456789']] as const) {
      expect(parseSmartLogText(`data_units_read : ${printed}\n`).dataUnitsRead, printed).toBe(want);
    }
    // Mixed separators, or groups of other than three digits, are no grouping: only the leading number is read.
    expect(parseSmartLogText('power_cycles : 23 4\n').powerCycles).toBe(23);
    expect(parseSmartLogText('critical_warning : 0\npower_cycles : 1.234,567\n')).toMatchObject({ issues: [{ line: 2, message: 'no number in the value' }] });
    expect(parseSmartLogText('temperature : 36 C\n').temperatureC).toBe(36);
  });

  it('reads 2.x spelled-out names, tab alignment, `34 °C (307 K, 93 °F)` and values with their size in brackets', () => {
    const s = parseSmartLogText(real('host-report-cli2-tabs-units-cut.txt'));
    expect(s).toMatchObject({ temperatureC: 34, availableSpareThresholdPct: 5, dataUnitsRead: 475060001, dataUnitsWritten: 290391429, warningTempMinutes: 0, criticalTempMinutes: 0 });
    // Sensor, thermal-management and endurance-group lines are known; only the cut last line is unread.
    expect(s.issues.map((i) => i.text)).toEqual(['Therma']);
  });

  it('decodes the critical warning bits, keeps counters above 2^53 exact, and refuses text with no field', () => {
    const s = parseSmartLogText('critical_warning : 0x4\ntemperature : 38°C (311 Kelvin)\ndata_units_written : 123,456,789,012,345,678\nbogus line\n');
    expect(s).toMatchObject({ criticalWarning: 4, criticalWarnings: ['reliability-degraded'], temperatureC: 38, dataUnitsWritten: '123456789012345678' });
    expect(s.issues).toEqual([{ line: 4, text: 'bogus line', message: 'not a SMART / Health log field' }]);
    expect(() => parseSmartLogText('hello\n')).toThrow(/nvme-smart-log-text/);
  });

  it('-o json: the same fields by nvme-cli\'s keys, temperature from Kelvin, counters above 2^53 from their string form', () => {
    const doc = '{"critical_warning":0,"temperature":301,"avail_spare":100,"spare_thresh":5,"percent_used":15,"data_units_read":499296134,' +
      '"power_on_hours":38313,"unsafe_shutdowns":139,"media_errors":0,"num_err_log_entries":17,"warning_temp_time":0,"critical_comp_time":0,"temperature_sensor_1":306}';
    expect(parseSmartLogJson(doc)).toEqual({ issues: [], criticalWarning: 0, criticalWarnings: [], temperatureC: 28, availableSparePct: 100, availableSpareThresholdPct: 5,
      percentageUsed: 15, dataUnitsRead: 499296134, powerOnHours: 38313, unsafeShutdowns: 139, mediaErrors: 0, errorLogEntries: 17, warningTempMinutes: 0, criticalTempMinutes: 0 });
    expect(parseSmartLogJson('{"data_units_written":"123456789012345678"}').dataUnitsWritten).toBe('123456789012345678');
    expect(() => parseSmartLogJson('{"vid":1}')).toThrow(/nvme-smart-log-json/);
    expect(() => parseSmartLogJson('[')).toThrow(/JSON/);
  });

  it('a saved smart-log, text or -o json, gives the controller its nvme.smart settings', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'tree/cmd/nvme'), { recursive: true });
    writeFileSync(join(dir, 'tree/cmd/nvme/smart-log_nvme0.out'), real('samsung-960pro-pippim-cli1-cut.txt'));
    writeFileSync(join(dir, 'tree/cmd/nvme/smart-log_nvme1_-o_json.out'), '{"critical_warning":4,"temperature":301,"power_on_hours":38313}\n');
    await collect({ output: join(dir, 'b.tar.gz'), root: join(dir, 'tree'), only: ['nvme'], isolation: 'inline' });
    const db = openDatabase(':memory:');
    await loadBundle(db, join(dir, 'b.tar.gz'));
    const rows = db.prepare(`SELECT device_key k, key, value FROM settings WHERE namespace = 'nvme.smart' AND key IN ('power_on_hours', 'temperature_c', 'critical_warnings') ORDER BY k, key`).all();
    expect(rows).toEqual([
      { k: 'nvme:nvme0', key: 'critical_warnings', value: '' }, { k: 'nvme:nvme0', key: 'power_on_hours', value: '376' }, { k: 'nvme:nvme0', key: 'temperature_c', value: '36' },
      { k: 'nvme:nvme1', key: 'critical_warnings', value: 'reliability-degraded' }, { k: 'nvme:nvme1', key: 'power_on_hours', value: '38313' }, { k: 'nvme:nvme1', key: 'temperature_c', value: '28' },
    ]);
    db.close();
  });
});
