/**
 * An NVMe drive below 0 °C: smartctl prints its composite temperature as `kelvin_to_str` does, `%d Celsius` of K − 273
 * (`Temperature:                        -5 Celsius`; `-` alone for 0 K), and -j as `nvme_smart_health_information_log.temperature`
 * = K − 273 (smartmontools RELEASE_6_5 … RELEASE_7_5 nvmeprint.cpp `print_smart_log`). nvme-cli's smart-log and the
 * binary log store -5; smartctl's text and -j stored no temperature at all. The outputs below follow RELEASE_7_4.
 */
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const HEALTH = (temperature: string): string[] => [
  'SMART/Health Information (NVMe Log 0x02)',
  'Critical Warning:                   0x00',
  `Temperature:                        ${temperature}`,
  'Available Spare:                    100%',
  'Available Spare Threshold:          10%',
  'Percentage Used:                    0%',
  'Power On Hours:                     12',
  '',
];

const text = (temperature: string): string => [
  'smartctl 7.4 2023-08-01 r5530 [aarch64-linux-6.6.31] (local build)',
  'Copyright (C) 2002-23, Bruce Allen, Christian Franke, www.smartmontools.org',
  '',
  '=== START OF INFORMATION SECTION ===',
  'Model Number:                       FWSNAP COLD NVME 256GB',
  'Serial Number:                      FWCOLD00000001',
  'Firmware Version:                   1.0',
  'PCI Vendor/Subsystem ID:            0x1e0f',
  'NVMe Version:                       1.4',
  '',
  '=== START OF SMART DATA SECTION ===',
  'SMART overall-health self-assessment test result: PASSED',
  '',
  ...HEALTH(temperature),
].join('\n');

const json = (kelvin: number): string => JSON.stringify({
  json_format_version: [1, 0],
  smartctl: { version: [7, 4], argv: ['smartctl', '-j', '-a', '/dev/nvme0'], exit_status: 0 },
  device: { name: '/dev/nvme0', info_name: '/dev/nvme0', type: 'nvme', protocol: 'NVMe' },
  model_name: 'FWSNAP COLD NVME 256GB', serial_number: 'FWCOLD00000001', firmware_version: '1.0',
  smart_status: { passed: true, nvme: { value: 0 } },
  nvme_smart_health_information_log: {
    critical_warning: 0, ...(kelvin ? { temperature: kelvin - 273 } : {}), available_spare: 100, available_spare_threshold: 10, percentage_used: 0, power_on_hours: 12,
  },
  ...(kelvin ? { temperature: { current: kelvin - 273 } } : {}),
}, null, 2);

async function temperature(files: Record<string, string>): Promise<string | null | undefined> {
  const { db } = await replayTree(files);
  try {
    const row = db.prepare(`SELECT value FROM settings WHERE namespace = 'nvme.smart' AND key = 'temperature_c'`).get() as { value: string | null } | undefined;
    return row === undefined ? undefined : row.value;
  } finally {
    db.close();
  }
}

describe('smartctl: an NVMe drive below 0 °C', () => {
  it('text `-5 Celsius` is stored as -5, as nvme-cli\'s smart-log stores it', async () => {
    expect(await temperature({ 'cmd/smartctl/-a_nvme0.out': text('-5 Celsius') })).toBe('-5');
  });
  it('-j `temperature: -5` is stored as -5', async () => {
    expect(await temperature({ 'cmd/smartctl/-j_-a_nvme0.out': json(268) })).toBe('-5');
  });
  it('0 K (text `-`, -j without the member) stores no temperature, and 36 Celsius is 36, as before', async () => {
    expect(await temperature({ 'cmd/smartctl/-a_nvme0.out': text('-') })).toBeUndefined();
    expect(await temperature({ 'cmd/smartctl/-j_-a_nvme0.out': json(0) })).toBeUndefined();
    expect(await temperature({ 'cmd/smartctl/-a_nvme0.out': text('36 Celsius') })).toBe('36');
  });
});
