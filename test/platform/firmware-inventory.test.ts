/**
 * SMBIOS type 45 (Firmware Inventory Information, SMBIOS 3.5) in a saved dmidecode: each structure a firmware
 * component under the platform, its version a firmware row, the rest of what it prints its settings. Real outputs of
 * test/platform/fixtures/real/dmidecode (provenance beside each).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const REAL = new URL('./fixtures/real/dmidecode/', import.meta.url);
const textOf = (name: string): string => readFileSync(new URL(`${name}.txt`, REAL), 'utf8');

async function inventoryOf(files: Record<string, string>): Promise<{ devices: unknown[]; firmware: unknown[]; settings: Record<string, Record<string, string>>; issues: string[] }> {
  const r = await replayTree(files);
  try {
    const devices = r.db.prepare(`SELECT device_key, parent_key, model FROM devices WHERE class = 'smbios-fw' ORDER BY device_key`).all();
    const firmware = r.db.prepare(`SELECT device_key, component, version, state FROM firmware WHERE device_key LIKE 'smbios-fw:%' ORDER BY device_key`).all();
    const rows = r.db.prepare(`SELECT device_key, key, value FROM settings WHERE namespace = 'smbios-fw' ORDER BY device_key, rowid`).all() as { device_key: string; key: string; value: string }[];
    const settings: Record<string, Record<string, string>> = {};
    for (const x of rows) (settings[x.device_key] ??= {})[x.key] = String(x.value);
    const issues = (r.db.prepare(`SELECT code FROM collection_issues WHERE code IN ('UNKNOWN_NAME', 'NOT_READ', 'PARSE-LINE')`).all() as { code: string }[]).map((i) => i.code);
    return { devices, firmware, settings, issues };
  } finally {
    r.db.close();
  }
}

describe('the firmware inventory of a saved dmidecode (SMBIOS type 45)', () => {
  it('a server BMC: its firmware under the platform, what the structure says as settings, Not Specified left out', async () => {
    const got = await inventoryOf({ 'cmd/dmidecode/dmidecode.txt': textOf('fujitsu-primergy-rx2450-m2-bmc-firmware-inventory') });
    expect(got.devices).toEqual([{ device_key: 'smbios-fw:0x0024', parent_key: 'platform', model: 'BMC Firmware' }]);
    expect(got.firmware).toEqual([{ device_key: 'smbios-fw:0x0024', component: 'inventory', version: '1.00', state: 'running' }]);
    expect(got.settings['smbios-fw:0x0024']).toEqual({
      component_name: 'BMC Firmware', manufacturer: '2880', updatable: '0', write_protect: '0', state: 'Enabled', associated_components: '0x0023',
    });
    expect(got.issues).toEqual([]);
  });

  it('a notebook: the BIOS and the TPM firmware, each with what it says', async () => {
    const got = await inventoryOf({ 'cmd/dmidecode/dmidecode.txt': textOf('mechrevo-wujie14xa-3.3-firmware-inventory') });
    expect(got.firmware).toEqual([
      { device_key: 'smbios-fw:0x000A', component: 'inventory', version: 'N.1.05MRO07', state: 'running' },
      { device_key: 'smbios-fw:0x000C', component: 'inventory', version: '60003:10267..', state: 'running' },
    ]);
    expect(got.settings['smbios-fw:0x000A']).toMatchObject({ firmware_id: '0145F8DC-000F-5BDE-8ACB-8AD00CAE8FFE', release_date: '04/18/2024', lowest_supported_version: 'N.1.05MRO07', image_size: '32 MB', updatable: '1' });
    expect(got.settings['smbios-fw:0x000C']).toEqual({ component_name: 'TPM Firmware', release_date: '2021-05-15T00:00:00Z', updatable: '0', write_protect: '0', state: 'Enabled', associated_components: '0x000B' });
  });

  it('dmidecode -t 45 saved alone is read (type 45 has no keyword), and beside the whole table gives each structure once', async () => {
    const text = textOf('mechrevo-wujie14xa-3.3-firmware-inventory');
    const only45 = `# dmidecode 3.3\nGetting SMBIOS data from sysfs.\nSMBIOS 3.5.0 present.\n\n${text.split(/\n(?=Handle 0x)/).filter((s) => /^Handle 0x[0-9A-F]{4}, DMI type 45,/.test(s)).map((s) => `${s.trimEnd()}\n\n`).join('')}`;
    const alone = await inventoryOf({ 'cmd/dmidecode/dmidecode -t 45.txt': only45 });
    expect(alone.issues).toEqual([]);
    expect(alone.devices).toEqual([
      { device_key: 'smbios-fw:0x000A', parent_key: null, model: 'BIOS Firmware' },
      { device_key: 'smbios-fw:0x000C', parent_key: null, model: 'TPM Firmware' },
    ]);
    const both = await inventoryOf({ 'cmd/dmidecode/dmidecode.txt': text, 'cmd/dmidecode/dmidecode -t 45.txt': only45 });
    expect(both.firmware).toHaveLength(2);
  });

  it('dmidecode before 3.5 (type 45 printed as Unknown Type, its bytes and strings): the same devices, rows and settings as dmidecode 3.6 gives for the same server model', async () => {
    const old = await inventoryOf({ 'cmd/dmidecode/dmidecode.txt': textOf('msi-s3661-3.2-type-45-bytes') });
    const now = await inventoryOf({ 'cmd/dmidecode/dmidecode.txt': textOf('msi-s3661-3.6-firmware-inventory') });
    expect(old.issues).toEqual([]);
    expect(old.firmware).toEqual([
      { device_key: 'smbios-fw:0x000A', component: 'inventory', version: 'ES366AOC.10G', state: 'running' },
      { device_key: 'smbios-fw:0x000C', component: 'inventory', version: '2.15', state: 'running' },
      { device_key: 'smbios-fw:0x001C', component: 'inventory', version: 'F0016.41C000', state: 'running' },
    ]);
    expect(old.settings['smbios-fw:0x000C']).toEqual({ component_name: 'BMC Firmware', manufacturer: '2383', updatable: '1', write_protect: '0', state: 'Enabled', associated_components: '0x000B' });
    expect(old.devices).toEqual(now.devices);
    expect(old.firmware).toEqual(now.firmware);
    expect(old.settings).toEqual(now.settings);
  });
});
