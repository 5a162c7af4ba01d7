/**
 * smartctl 7.5's -j of an NVMe drive says what its text has long said in the information section: the FRMW byte
 * (`nvme_firmware_update_capabilities`, beside `Firmware Updates (0x02): 1 Slot`) and the power state descriptors
 * (`nvme_power_states`, beside `Supported Power States`). Both forms below follow smartmontools RELEASE_7_5
 * nvmeprint.cpp `print_drive_capabilities` (the `jout`/`jglb` lines and `format_power`, its JSON overload giving
 * `max_power: {value, scale, units_per_watt}` and nothing for a scale of 0) and `print_drive_info`, for one
 * controller. Before, -j stored neither; the text and the JSON of one drive now give the same rows.
 * The same function's optional admin and NVM commands, log page attributes (`nvme_optional_admin_commands`,
 * `nvme_optional_nvm_commands`, `nvme_log_page_attributes`: `value` and one boolean a bit) and composite temperature
 * thresholds (`nvme_composite_temperature_threshold` `warning` / `critical`, WCTEMP / CCTEMP − 273, only when set) are
 * the controller's `nvme.id-ctrl` keys, as nvme-cli's id-ctrl stores them; before, neither form stored them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

interface Psd { op: '+' | '-'; max: [number, 1 | 2]; lat: number; enlat: number; exlat: number }
const PSDS: Psd[] = [
  { op: '+', max: [800, 2], lat: 0, enlat: 0, exlat: 0 },
  { op: '+', max: [400, 2], lat: 1, enlat: 4000, exlat: 50000 },
  { op: '-', max: [300, 1], lat: 3, enlat: 5000, exlat: 10000 },
];

/** `format_power` of the text: `%u.%02uW` at scale 2, `%u.%04uW` at scale 1. */
const watts = ([v, s]: [number, 1 | 2]): string => (s === 2 ? `${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')}W` : `${Math.floor(v / 10000)}.${String(v % 10000).padStart(4, '0')}W`);

/** A row as `"%2d %c %9s %8s %8s %3d %2d %2d %2d %8u %7u\n"` prints it; active and idle power not reported (`- `). */
const row = (p: Psd, i: number): string =>
  `${String(i).padStart(2)} ${p.op} ${watts(p.max).padStart(9)} ${'- '.padStart(8)} ${'- '.padStart(8)} ${String(p.lat).padStart(3)} ${String(p.lat).padStart(2)} ${String(p.lat).padStart(2)} ${String(p.lat).padStart(2)} ${String(p.enlat).padStart(8)} ${String(p.exlat).padStart(7)}`;

const TEXT = [
  'smartctl 7.5 2025-04-30 r5714 [x86_64-linux-6.12.48] (local build)',
  'Copyright (C) 2002-25, Bruce Allen, Christian Franke, www.smartmontools.org',
  '',
  '=== START OF INFORMATION SECTION ===',
  'Model Number:                       FWSNAP TEST NVME 512GB',
  'Serial Number:                      FW0000000000075',
  'Firmware Version:                   VC2S038E',
  'PCI Vendor/Subsystem ID:            0x10ec',
  'IEEE OUI Identifier:                0x00e04c',
  'Controller ID:                      1',
  'NVMe Version:                       1.4',
  'Number of Namespaces:               1',
  'Firmware Updates (0x02):            1 Slot',
  'Optional Admin Commands (0x0017):   Security Format Frmw_DL Self_Test',
  'Optional NVM Commands (0x0014):     DS_Mngmt Sav/Sel_Feat',
  'Log Page Attributes (0x02):         Cmd_Eff_Lg',
  'Maximum Data Transfer Size:         32 Pages',
  'Warning  Comp. Temp. Threshold:     100 Celsius',
  'Critical Comp. Temp. Threshold:     110 Celsius',
  '',
  'Supported Power States',
  'St Op     Max   Active     Idle   RL RT WL WT  Ent_Lat  Ex_Lat',
  ...PSDS.map(row),
  '',
  '=== START OF SMART DATA SECTION ===',
  'SMART overall-health self-assessment test result: PASSED',
  '',
].join('\n');

const JSON_75 = JSON.stringify({
  json_format_version: [1, 0],
  smartctl: { version: [7, 5], pre_release: false, svn_revision: '5714', platform_info: 'x86_64-linux-6.12.48', build_info: '(local build)', argv: ['smartctl', '-j', '-x', '/dev/nvme0'], exit_status: 0 },
  device: { name: '/dev/nvme0', info_name: '/dev/nvme0', type: 'nvme', protocol: 'NVMe' },
  model_name: 'FWSNAP TEST NVME 512GB',
  serial_number: 'FW0000000000075',
  firmware_version: 'VC2S038E',
  nvme_pci_vendor: { id: 0x10ec, subsystem_id: 0x10ec },
  nvme_ieee_oui_identifier: 0x00e04c,
  nvme_controller_id: 1,
  nvme_version: { string: '1.4', value: 0x10400 },
  nvme_number_of_namespaces: 1,
  nvme_firmware_update_capabilities: { value: 2, slots: 1, first_slot_is_read_only: false, activiation_without_reset: false, multiple_update_detection: false, other: 0 },
  nvme_optional_admin_commands: {
    value: 0x0017, security_send_receive: true, format_nvm: true, firmware_download: true, namespace_management: false, self_test: true, directives: false,
    mi_send_receive: false, virtualization_management: false, doorbell_buffer_config: false, get_lba_status: false, command_and_feature_lockdown: false, other: 0,
  },
  nvme_optional_nvm_commands: {
    value: 0x0014, compare: false, write_uncorrectable: false, dataset_management: true, write_zeroes: false, save_select_feature_nonzero: true,
    reservations: false, timestamp: false, verify: false, copy: false, other: 0,
  },
  nvme_log_page_attributes: {
    value: 0x02, smart_health_per_namespace: false, commands_effects_log: true, extended_get_log_page_cmd: false, telemetry_log: false,
    persistent_event_log: false, supported_log_pages_log: false, telemetry_data_area_4: false, other: 0,
  },
  nvme_maximum_data_transfer_pages: 32,
  nvme_composite_temperature_threshold: { warning: 100, critical: 110 },
  temperature: { op_limit_max: 100, critical_limit_max: 110 },
  nvme_power_states: PSDS.map((p) => ({
    non_operational_state: p.op === '-', relative_read_latency: p.lat, relative_read_throughput: p.lat, relative_write_latency: p.lat,
    relative_write_throughput: p.lat, entry_latency_us: p.enlat, exit_latency_us: p.exlat,
    max_power: { value: p.max[0], scale: p.max[1], units_per_watt: p.max[1] === 2 ? 100 : 10000 },
  })),
  smart_support: { available: true, enabled: true },
  smart_status: { passed: true, nvme: { value: 0 } },
}, null, 2);

type Row = { namespace: string; key: string; value: string };

async function rows(name: string, text: string): Promise<Row[]> {
  const out = join(tempDir(), 'b.tar.gz');
  await collect({ output: out, only: ['ata', 'nvme'], isolation: 'inline', root: treeOf({ [name]: text }) });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  return db.prepare(`SELECT namespace, key, value FROM settings WHERE (namespace = 'smartctl' AND key IN ('frmw', 'firmware_slots', 'slot1_read_only', 'activation_without_reset')) OR namespace = 'smartctl.power-state' ORDER BY namespace, key`).all() as Row[];
}

describe('smartctl 7.5 -j of an NVMe drive: firmware update capabilities and power states', () => {
  it('are stored as its text\'s are', async () => {
    const fromText = await rows('cmd/smartctl/-x_nvme0.out', TEXT);
    expect(fromText).toEqual([
      { namespace: 'smartctl', key: 'activation_without_reset', value: '0' }, { namespace: 'smartctl', key: 'firmware_slots', value: '1' },
      { namespace: 'smartctl', key: 'frmw', value: '2' }, { namespace: 'smartctl', key: 'slot1_read_only', value: '0' },
      { namespace: 'smartctl.power-state', key: 'ps0', value: '8W enlat:0 exlat:0' },
      { namespace: 'smartctl.power-state', key: 'ps1', value: '4W enlat:4000 exlat:50000' },
      { namespace: 'smartctl.power-state', key: 'ps2', value: '0.03W non-operational enlat:5000 exlat:10000' },
    ]);
    expect(await rows('cmd/smartctl/-j_-x_nvme0.out', JSON_75)).toEqual(fromText);
  });
  it('the real smartctl 7.5 -j of a PELADN 512GB (beszel\'s test data): FRMW 0x02 and its five power states', async () => {
    const real = readFileSync(new URL('./fixtures/real/smartctl/peladn-512gb-realtek-beszel-json-smartctl75.json', import.meta.url), 'utf8');
    const r = await rows('cmd/smartctl/-j_-a_nvme0.out', real);
    expect(r.find((x) => x.key === 'frmw')?.value).toBe('2');
    expect(r.filter((x) => x.namespace === 'smartctl.power-state').map((x) => x.value)).toEqual([
      '8W enlat:230000 exlat:50000', '4W enlat:4000 exlat:50000', '3W enlat:4000 exlat:250000', '0.03W non-operational enlat:5000 exlat:10000', '0.005W non-operational enlat:54000 exlat:45000',
    ]);
  });

  it('optional commands, log page attributes and temperature thresholds: the controller\'s nvme.id-ctrl keys, the same from the text and -j', async () => {
    const idCtrl = async (name: string, text: string): Promise<Row[]> => {
      const out = join(tempDir(), 'b.tar.gz');
      await collect({ output: out, only: ['ata', 'nvme'], isolation: 'inline', root: treeOf({ [name]: text }) });
      const db = openDatabase(':memory:');
      await loadBundle(db, out);
      return db.prepare(`SELECT namespace, key, value FROM settings WHERE namespace = 'nvme.id-ctrl' ORDER BY key`).all() as Row[];
    };
    const fromText = await idCtrl('cmd/smartctl/-x_nvme0.out', TEXT);
    expect(fromText.map((r) => [r.key, r.value])).toEqual([
      ['cctemp_k', '383'], ['firmware_commit_supported', '1'], ['lpa', '2'], ['mdts', '5'], ['oacs', '23'], ['oncs', '20'], ['wctemp_k', '373'],
    ]);
    expect(await idCtrl('cmd/smartctl/-j_-x_nvme0.out', JSON_75)).toEqual(fromText);
    // No threshold set (WCTEMP 0): the text prints `-`, -j no member; nothing stored.
    const unset = TEXT.replace('Warning  Comp. Temp. Threshold:     100 Celsius', 'Warning  Comp. Temp. Threshold:     -');
    expect((await idCtrl('cmd/smartctl/-x_nvme0.out', unset)).map((r) => r.key)).not.toContain('wctemp_k');
    const real = readFileSync(new URL('./fixtures/real/smartctl/peladn-512gb-realtek-beszel-json-smartctl75.json', import.meta.url), 'utf8');
    expect((await idCtrl('cmd/smartctl/-j_-a_nvme0.out', real)).map((r) => [r.key, r.value])).toEqual([
      ['cctemp_k', '383'], ['firmware_commit_supported', '1'], ['lpa', '2'], ['mdts', '5'], ['oacs', '23'], ['oncs', '94'], ['wctemp_k', '373'],
    ]);
  }, 60000);
});
