import { readNvmeJson } from './nvme-json-dump.js';
import { ParseError } from '../../parsers/errors.js';
import { cleanText, type LineIssue } from '../../parsers/text-input.js';
import { ownSubcommandLines } from './other-commands.js';
import type { NvmeSmartLog } from './nvme.js';
import { criticalWarningBits } from '../core/nvme-health-log.js';
import { groupedDigits } from './grouped-number.js';

/** What `nvme smart-log` printed as text; a field the output did not show is absent. */
export type NvmeSmartLogText = Partial<NvmeSmartLog> & { issues: LineIssue[] };

type Field = keyof Omit<NvmeSmartLog, 'criticalWarnings'>;

/**
 * The printed names (lower case, runs of spaces and underscores as one `_`): nvme-cli 1.x writes
 * `data_units_read`, 2.x writes `Data Units Read` and `Warning Temperature Time`.
 */
const FIELDS: Record<string, Field> = {
  critical_warning: 'criticalWarning', temperature: 'temperatureC', available_spare: 'availableSparePct',
  available_spare_threshold: 'availableSpareThresholdPct', percentage_used: 'percentageUsed', data_units_read: 'dataUnitsRead',
  data_units_written: 'dataUnitsWritten', host_read_commands: 'hostReadCommands', host_write_commands: 'hostWriteCommands',
  controller_busy_time: 'controllerBusyMinutes', power_cycles: 'powerCycles', power_on_hours: 'powerOnHours',
  unsafe_shutdowns: 'unsafeShutdowns', media_errors: 'mediaErrors', num_err_log_entries: 'errorLogEntries',
  warning_temperature_time: 'warningTempMinutes', critical_composite_temperature_time: 'criticalTempMinutes',
};

/** Lines the log prints that fwsnap does not store (sensor temperatures, thermal management counters, 3.0's energy and power measurement, ...). */
const KNOWN = /^(?:smart_log_for_nvme_device|temperature_sensor_\d+|thermal_management_t[12]_\w+|endurance_group_critical_warning_summary|operational_lifetime_energy_consumed|interval_power_measurement(?:_type)?)$/;
/** `-H` decodes critical_warning bit by bit under it (`Available Spare[0] : 0` … `Persistent Mem. RO[5] : 0`): the byte says it all. */
const WARNING_BIT = /^[a-z][a-z0-9._-]*\[[0-7]\]$/;

/** The leading number of a value (`8,743,226`, `4 588 883`, `475060001 (243.23 TB)`, `36 C`, `38°C (311 Kelvin)`, `100%`, `0x4`). */
function leadingNumber(v: string): number | string | undefined {
  const hex = /^0x([0-9a-f]+)\b/i.exec(v);
  if (hex) return Number.parseInt(hex[1]!, 16);
  const grouped = groupedDigits(v);
  const m = grouped === undefined ? /^(-?\d[\d,]*)(?=$|[\s%°CK(\[])/.exec(v.replace(/^(-?\d[\d,]*)\s*°/, '$1 °')) : undefined;
  if (grouped === undefined && !m) return undefined;
  const digits = grouped ?? m![1]!.replace(/,/g, '');
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : digits;
}

/**
 * A temperature as printed, in Celsius: `36 C`, `38°C (311 Kelvin)`; nvme-cli 2 set to Fahrenheit prints `86 °F (303 K)`,
 * whose Kelvin is the drive's own reading (whole degrees, as the log holds it). A log's 0 K is no reading (null, as the
 * binary log gives it): printed `-273 C`, or by nvme-cli 1.0–1.1 (`%u` of K − 273) as 4294967023, whose other values
 * above 2^31 are readings below zero.
 */
function celsius(v: string): number | string | null | undefined {
  const kelvin = /\((\d+)\s*(?:K|Kelvin)\b/.exec(v)?.[1];
  if (kelvin !== undefined) return Number(kelvin) === 0 ? null : Number(kelvin) - 273;
  const n = leadingNumber(v);
  if (typeof n !== 'number') return n;
  const c = /^-?\d+\s*°?\s*F\b/.test(v) ? Math.round(((n - 32) * 5) / 9) : n >= 2 ** 31 && n < 2 ** 32 ? n - 2 ** 32 : n;
  return c === -273 ? null : c;
}

/** `nvme smart-log` text (nvme-cli 1.x and 2.x). Unknown lines are issues; no field at all is not this output. */
export function parseSmartLogText(text: string): NvmeSmartLogText {
  const out: NvmeSmartLogText = { issues: [] };
  let fields = 0;
  for (const { no, text: line } of ownSubcommandLines(cleanText(text), 'smart-log', out.issues)) {
    const kv = /^([^:]+?)\s*:\s*(.*)$/.exec(line.trim());
    const key = kv ? kv[1]!.toLowerCase().replace(/[\s_]+/g, '_') : '';
    if (KNOWN.test(key) || WARNING_BIT.test(key)) continue;
    const field = FIELDS[key];
    const value = kv && field ? (field === 'temperatureC' ? celsius(kv[2]!) : leadingNumber(kv[2]!)) : undefined;
    if (!field || value === undefined) {
      out.issues.push({ line: no, text: line, message: field ? 'no number in the value' : 'not a SMART / Health log field' });
      continue;
    }
    (out as Record<string, unknown>)[field] = value;
    fields++;
  }
  if (fields === 0) throw new ParseError('nvme-smart-log-text', 'no SMART / Health log field; not nvme smart-log output');
  if (typeof out.criticalWarning === 'number') out.criticalWarnings = criticalWarningBits(out.criticalWarning);
  return out;
}

/** `nvme smart-log -o json` keys (nvme-cli 1.x and 2.x) and the fields they hold; temperature is in Kelvin. */
const JSON_FIELDS: Record<string, Field> = {
  critical_warning: 'criticalWarning', temperature: 'temperatureC', avail_spare: 'availableSparePct', spare_thresh: 'availableSpareThresholdPct',
  percent_used: 'percentageUsed', data_units_read: 'dataUnitsRead', data_units_written: 'dataUnitsWritten', host_read_commands: 'hostReadCommands',
  host_write_commands: 'hostWriteCommands', controller_busy_time: 'controllerBusyMinutes', power_cycles: 'powerCycles', power_on_hours: 'powerOnHours',
  unsafe_shutdowns: 'unsafeShutdowns', media_errors: 'mediaErrors', num_err_log_entries: 'errorLogEntries', warning_temp_time: 'warningTempMinutes',
  critical_comp_time: 'criticalTempMinutes',
};

/** `nvme smart-log -o json`: the same fields by key; a document with none of them is not this output. */
export function parseSmartLogJson(text: string): NvmeSmartLogText {
  const { doc, cut } = readNvmeJson('nvme-smart-log-json', text);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new ParseError('nvme-smart-log-json', 'not a JSON object');
  const out: NvmeSmartLogText = { issues: cut ? [cut] : [] };
  for (const [k, raw] of Object.entries(doc as Record<string, unknown>)) {
    const field = JSON_FIELDS[k];
    // nvme-cli 2.x decodes critical_warning into an object of its bits, the byte under "value".
    const v = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>).value : raw;
    const n = typeof v === 'number' ? v : typeof v === 'string' ? leadingNumber(v) : undefined;
    if (!field || n === undefined) continue;
    (out as Record<string, unknown>)[field] = field === 'temperatureC' && typeof n === 'number' ? (n === 0 ? null : n - 273) : n;
  }
  if (Object.keys(out).length === 1) throw new ParseError('nvme-smart-log-json', 'no SMART / Health log key; not nvme smart-log -o json output');
  if (typeof out.criticalWarning === 'number') out.criticalWarnings = criticalWarningBits(out.criticalWarning);
  return out;
}
