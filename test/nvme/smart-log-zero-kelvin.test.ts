/**
 * A controller that reports no composite temperature (0 Kelvin in the log) has no temperature: the binary log and
 * `-o json` (whose `temperature` is the Kelvin value, 0) store it as unknown (NULL). `nvme smart-log` text prints that 0 K as each
 * release converts it, built here from nvme-print.c `show_smart_log` / nvme-print-stdout.c `stdout_smart_log`:
 * - v1.0–v1.1: `temperature                         : %u C` of an unsigned K − 273, so 4294967023 C;
 * - v1.2–v1.15: `%d C`, so -273 C;
 * - v1.16: `%ld C (%u Kelvin)`, -273 C (0 Kelvin); v2.0: `%ld°C (%u Kelvin)`; v2.4: `%ld °C (%u K)`;
 * - v2.11 on: `%s (%u K, %s)` of nvme_degrees_string and its Fahrenheit, -273 °C (0 K, -459.4 °F).
 * Before, the text stored -273 (or 4294967023) where the binary log and JSON store NULL.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const V1 = (temperature: string): string => [
  'Smart Log for NVME device:nvme0 namespace-id:ffffffff',
  'critical_warning                    : 0',
  `temperature                         : ${temperature}`,
  'available_spare                     : 100%',
  'available_spare_threshold           : 10%',
  'percentage_used                     : 0%',
  'data_units_read                     : 1,024',
  'power_on_hours                      : 12',
  '',
].join('\n');

const V2 = (temperature: string): string => [
  'Smart Log for NVME device:nvme0 namespace-id:ffffffff',
  'critical_warning\t\t\t: 0',
  `temperature\t\t\t\t: ${temperature}`,
  'available_spare\t\t\t\t: 100%',
  'available_spare_threshold\t\t: 10%',
  'percentage_used\t\t\t\t: 0%',
  'Data Units Read\t\t\t\t: 1,024 (524.29 MB)',
  'power_on_hours\t\t\t\t: 12',
  '',
].join('\n');

async function smart(text: string): Promise<Record<string, string | null>> {
  const out = join(tempDir(), 'b.tar.gz');
  await collect({ output: out, only: ['nvme'], isolation: 'inline', root: treeOf({ 'cmd/nvme/smart-log_nvme0.out': text }) });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  const rows = db.prepare(`SELECT key, value FROM settings WHERE device_key = 'nvme:nvme0' AND namespace = 'nvme.smart' AND key IN ('temperature_c', 'power_on_hours')`).all() as { key: string; value: string | null }[];
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

describe('nvme smart-log text of a controller reporting 0 Kelvin: temperature unknown, as the binary log and JSON store it', () => {
  it.each([
    ['v1.0 (%u C of the unsigned difference)', V1('4294967023 C')],
    ['v1.2 (%d C)', V1('-273 C')],
    ['v1.16 (%ld C (%u Kelvin))', V1('-273 C (0 Kelvin)')],
    ['v2.0 (%ld°C (%u Kelvin))', V2('-273°C (0 Kelvin)')],
    ['v2.4 (%ld °C (%u K))', V2('-273 °C (0 K)')],
    ['v2.11 (%s (%u K, %s))', V2('-273 °C (0 K, -459.4 °F)')],
  ])('%s', async (_, text) => {
    expect(await smart(text)).toEqual({ power_on_hours: '12', temperature_c: null });
  });
  it('-o json of the same controller (`"temperature":0`) stores it as unknown, as before', async () => {
    expect(await smart('{\n  "critical_warning":0,\n  "temperature":0,\n  "avail_spare":100,\n  "power_on_hours":12\n}\n')).toEqual({ power_on_hours: '12', temperature_c: null });
  });
  it('a real reading is kept in every form: 36 °C, and v1.0\'s below-zero reading as the signed value it is', async () => {
    expect(await smart(V1('36 C'))).toEqual({ power_on_hours: '12', temperature_c: '36' });
    expect(await smart(V2('36 °C (309 K, 96.8 °F)'))).toEqual({ power_on_hours: '12', temperature_c: '36' });
    expect(await smart(V1('4294967291 C'))).toEqual({ power_on_hours: '12', temperature_c: '-5' });
  });
});
