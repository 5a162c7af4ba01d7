import { criticalWarningBits } from '../core/nvme-health-log.js';

/** The NVMe SMART / Health log values smartctl printed, by their `nvme.smart` keys (nvme-cli's smart-log gives the same). */
export type NvmeHealth = Partial<Record<(typeof TEXT_KEYS)[keyof typeof TEXT_KEYS], number | string>>;

/** smartctl's NVMe health lines (nvmeprint.cpp, 6.5–7.4) and the `nvme.smart` key each is. */
const TEXT_KEYS = {
  'Critical Warning': 'critical_warning', Temperature: 'temperature_c', 'Available Spare': 'available_spare',
  'Available Spare Threshold': 'available_spare_threshold', 'Percentage Used': 'percentage_used', 'Data Units Read': 'data_units_read',
  'Data Units Written': 'data_units_written', 'Power Cycles': 'power_cycles', 'Power On Hours': 'power_on_hours',
  'Unsafe Shutdowns': 'unsafe_shutdowns', 'Media and Data Integrity Errors': 'media_errors', 'Error Information Log Entries': 'error_log_entries',
  'Warning Comp. Temperature Time': 'warning_temp_minutes', 'Critical Comp. Temperature Time': 'critical_temp_minutes',
} as const;

/** -j `nvme_smart_health_information_log` members and the `nvme.smart` key each is (temperature in Celsius, as -j gives it). */
const JSON_KEYS: Record<string, keyof NvmeHealth> = {
  critical_warning: 'critical_warning', temperature: 'temperature_c', available_spare: 'available_spare',
  available_spare_threshold: 'available_spare_threshold', percentage_used: 'percentage_used', data_units_read: 'data_units_read',
  data_units_written: 'data_units_written', power_cycles: 'power_cycles', power_on_hours: 'power_on_hours', unsafe_shutdowns: 'unsafe_shutdowns',
  media_errors: 'media_errors', num_err_log_entries: 'error_log_entries', warning_temp_time: 'warning_temp_minutes', critical_comp_time: 'critical_temp_minutes',
};

/**
 * A count as smartctl prints it, grouped by the locale's separator (`146,771,590 [75.1 TB]`, `2.888`, `4 588 883`), a
 * percentage (`13%`) or a temperature (`67 Celsius`): the digits, a number where it is exact.
 */
function count(v: string): number | string | undefined {
  const m = /^(\d{1,3}(?:([,.'\u00a0\u202f ])\d{3})?(?:\2\d{3})*|\d+)(?=$|\s*\[|%|\s+Celsius$)/.exec(v);
  if (!m) return undefined;
  const digits = m[1]!.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : digits;
}

/** One line of smartctl's NVMe health section read into `into`; false when the line is none of them. */
export function readNvmeHealthLine(line: string, into: NvmeHealth): boolean {
  const kv = /^([A-Za-z][A-Za-z. ]*?):\s*(.*)$/.exec(line);
  const key = kv ? TEXT_KEYS[kv[1]!.replace(/ {2,}/g, ' ') as keyof typeof TEXT_KEYS] : undefined;
  if (!key) return false;
  const v = kv![2]!.trim();
  // `kelvin_to_str` prints a composite temperature below 0 °C as `-5 Celsius`.
  const below = key === 'temperature_c' ? /^(-\d+) Celsius$/.exec(v)?.[1] : undefined;
  const value = key === 'critical_warning' ? (/^0x([0-9a-f]{1,2})$/i.exec(v) ? Number.parseInt(v, 16) : undefined) : below !== undefined ? Number(below) : count(v);
  if (value !== undefined) into[key] = value;
  return true;
}

/** -j `nvme_smart_health_information_log`: the same keys; a member that is no whole number of 0 or more (a temperature: no whole number) is left out. */
export function jsonNvmeHealth(log: Record<string, unknown>): NvmeHealth {
  const out: NvmeHealth = {};
  for (const [member, key] of Object.entries(JSON_KEYS)) {
    const v = log[member];
    if (typeof v === 'number' && Number.isSafeInteger(v) && (v >= 0 || key === 'temperature_c') && (key !== 'critical_warning' || v <= 255)) out[key] = v;
  }
  return out;
}

/** The `nvme.smart` settings of these values: the Critical Warning byte also as the names of its bits set. */
export function nvmeSmartSettings(h: NvmeHealth): Record<string, number | string | string[] | undefined> {
  const cw = h.critical_warning;
  return { ...h, ...(typeof cw === 'number' ? { critical_warnings: criticalWarningBits(cw) } : {}) };
}
