/**
 * nvme-cli 3.0 (alphas on; nvme-print-stdout.c `stdout_smart_log`) prints three more lines at the end of `nvme
 * smart-log`: `Operational Lifetime Energy Consumed`, `Interval Power Measurement Type` and `Interval Power
 * Measurement`, and the temperature as `%s (%u K, %s)`. fwsnap stores none of the three: they are known lines of the
 * log, not unread ones.
 */
import { describe, expect, it } from 'vitest';
import { parseSmartLogText } from '../../analyzer/classes/nvme/nvme-smart-log-text.js';

const SMART_3_0 = [
  'Smart Log for NVME device:nvme0 namespace-id:ffffffff',
  'critical_warning\t\t\t: 0',
  'temperature\t\t\t\t: 36 °C (309 K, 96 °F)',
  'available_spare\t\t\t\t: 100%',
  'available_spare_threshold\t\t: 10%',
  'percentage_used\t\t\t\t: 2%',
  'endurance group critical warning summary: 0',
  'Data Units Read\t\t\t\t: 23,528,194 (12.05 TB)',
  'Data Units Written\t\t\t: 31,406,874 (16.08 TB)',
  'host_read_commands\t\t\t: 211,063,471',
  'host_write_commands\t\t\t: 568,962,204',
  'controller_busy_time\t\t\t: 1,234',
  'power_cycles\t\t\t\t: 1,021',
  'power_on_hours\t\t\t\t: 8,832',
  'unsafe_shutdowns\t\t\t: 77',
  'media_errors\t\t\t\t: 0',
  'num_err_log_entries\t\t\t: 2,104',
  'Warning Temperature Time\t\t: 0',
  'Critical Composite Temperature Time\t: 0',
  'Temperature Sensor 1\t\t\t: 36 °C (309 K, 96 °F)',
  'Thermal Management T1 Trans Count\t: 0',
  'Thermal Management T2 Trans Count\t: 0',
  'Thermal Management T1 Total Time\t: 0',
  'Thermal Management T2 Total Time\t: 0',
  'Operational Lifetime Energy Consumed\t: 0',
  'Interval Power Measurement Type\t\t: NVM subsystem total power',
  'Interval Power Measurement\t\t: -',
  '',
].join('\n');

describe('nvme smart-log of nvme-cli 3.0', () => {
  it('reads every field and knows its three new lines', () => {
    const r = parseSmartLogText(SMART_3_0);
    expect(r.issues).toEqual([]);
    expect(r).toMatchObject({ criticalWarning: 0, temperatureC: 36, percentageUsed: 2, dataUnitsWritten: 31406874, powerOnHours: 8832, errorLogEntries: 2104 });
  });
});
