import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSmartLogText } from '../../analyzer/classes/nvme/nvme-smart-log-text.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/smart-log/${p}`, import.meta.url), 'utf8');

describe('nvme smart-log text (nvme-cli 1.x and 2.x)', () => {
  it('reads 1.x names with comma-grouped numbers and `36 C`; a field cut off without its value is an issue', () => {
    const s = parseSmartLogText(real('samsung-960pro-pippim-cli1-cut.txt'));
    expect(s).toMatchObject({ criticalWarning: 0, criticalWarnings: [], temperatureC: 36, dataUnitsRead: 8743226, powerOnHours: 376, errorLogEntries: 198 });
    expect(s.issues).toEqual([{ line: 18, text: 'Warning Temperature Time            :', message: 'no number in the value' }]);
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
});
