import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMeiFwVer } from '../../analyzer/classes/platform/mei.js';
import { parseTpm2Properties, tpmAscii, tpmFirmwareVersion } from '../../analyzer/classes/platform/tpm2-getcap.js';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';
import { TPM_DENIED } from '../../collector/classes/platform/firmware-parts.js';
import { commandAllowed } from '../../collector/command-allowlist.js';
import { collect } from '../../collector/collect.js';
import { openBundle } from '../collector/bundle-entries.js';
import { writeTree } from '../faults/fault-helpers.js';

const REAL = fileURLToPath(new URL('./fixtures/real/', import.meta.url));
const dir = mkdtempSync(join(process.env.TMPDIR ?? tmpdir(), 'fwsnap-platfw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rows = (db: Db, sql: string): Record<string, unknown>[] => db.prepare(sql).all() as Record<string, unknown>[];
const RULES = loadRules(fileURLToPath(new URL('../../rules/platform', import.meta.url)));

describe('platform firmware parsers on real outputs', () => {
  it('tpm2_getcap properties-fixed of the IBM software TPM (tpm2-tools#2159)', () => {
    const p = parseTpm2Properties(readFileSync(`${REAL}tpm2-getcap-ibm-swtpm.txt`, 'utf8'));
    expect(p.issues).toEqual([]);
    expect(tpmAscii(p.properties.get('TPM2_PT_MANUFACTURER')!.raw!)).toBe('IBM');
    expect(p.properties.get('TPM2_PT_REVISION')).toEqual({ value: '1.62' });
    expect(tpmFirmwareVersion(p.properties.get('TPM2_PT_FIRMWARE_VERSION_1')!.raw!)).toBe('8217.4131');
  });

  it('tpm2_getcap properties-fixed of an STMicroelectronics TPM (tpm2-tools#3228)', () => {
    const p = parseTpm2Properties(readFileSync(`${REAL}tpm2-getcap-stm-thinkpad.txt`, 'utf8'));
    expect(p.issues).toEqual([]);
    expect(tpmAscii(p.properties.get('TPM2_PT_MANUFACTURER')!.raw!)).toBe('STM');
    expect(tpmFirmwareVersion(p.properties.get('TPM2_PT_FIRMWARE_VERSION_1')!.raw!)).toBe('1.258');
    expect(p.properties.get('TPM2_PT_PCR_COUNT')?.raw).toBe(24);
  });

  it('tpm2-tools 3.x one-line properties, and an unknown line recorded, not fatal', () => {
    const p = parseTpm2Properties('TPM_PT_MANUFACTURER:        0x49465800\nTPM_PT_FIRMWARE_VERSION_1:  0x0005003e\ngarbage here\n');
    expect(tpmAscii(p.properties.get('TPM2_PT_MANUFACTURER')!.raw!)).toBe('IFX');
    expect(tpmFirmwareVersion(p.properties.get('TPM2_PT_FIRMWARE_VERSION_1')!.raw!)).toBe('5.62');
    expect(p.issues).toEqual([{ line: 3, text: 'garbage here' }]);
  });

  it('mei fw_ver: CSME (fwupd#4927) and the three TXE images (fwupd#2184)', () => {
    expect(parseMeiFwVer('0:16.0.15.1810\n')).toEqual({ versions: [{ platform: 0, version: '16.0.15.1810' }], issues: [] });
    expect(parseMeiFwVer('0:3.1.55.2269\n0:3.1.55.2269\n0:3.1.55.2270\n').versions.map((v) => v.version)).toEqual(['3.1.55.2269', '3.1.55.2269', '3.1.55.2270']);
  });
});

/** A host in the kernel's layout: the ESRT of fwupd/firmware-lenovo#349, an ME, an Infineon TPM, a BMC and a PSP; TPM 1.2-style attributes that send commands. */
function host(root: string, o: { tpmFirmware?: number; lastAttempt?: number; rng?: [current: string, available: string] } = {}): void {
  const esrt = 'sys/firmware/efi/esrt';
  writeTree(root, {
    'proc/sys/kernel/hostname': 'fwhost\n',
    [`${esrt}/fw_resource_count`]: '2\n',
    [`${esrt}/fw_resource_version`]: '1\n',
    [`${esrt}/entries/entry0/fw_class`]: 'a1392d82-62d5-4e24-863a-0f682993408f\n',
    [`${esrt}/entries/entry0/fw_type`]: '1\n',
    [`${esrt}/entries/entry0/fw_version`]: '65562\n',
    [`${esrt}/entries/entry0/lowest_supported_fw_version`]: '65536\n',
    [`${esrt}/entries/entry0/last_attempt_version`]: '65563\n',
    [`${esrt}/entries/entry0/last_attempt_status`]: `${o.lastAttempt ?? 0}\n`,
    [`${esrt}/entries/entry1/fw_class`]: '00000000-0000-0000-0000-000000000000\n',
    [`${esrt}/entries/entry1/fw_type`]: '2\n',
    [`${esrt}/entries/entry1/fw_version`]: '4029286587\n',
    [`${esrt}/entries/entry1/lowest_supported_fw_version`]: '1\n',
    [`${esrt}/entries/entry1/capsule_flags`]: '0x8010\n',
    'sys/class/mei/mei0': { link: '../../devices/pci0000:00/0000:00:16.0/mei/mei0' },
    'sys/devices/pci0000:00/0000:00:16.0/mei/mei0/fw_ver': '0:11.8.50.3425\n0:11.8.50.3425\n0:11.0.0.1168\n',
    'sys/devices/pci0000:00/0000:00:16.0/mei/mei0/kind': 'mei\n',
    'sys/devices/pci0000:00/0000:00:16.0/mei/mei0/fw_status': '94000245\n09F10506\n00000020\n00004000\n00041F03\nC7E003CB\n',
    'sys/class/tpm/tpm0': { link: '../../devices/platform/MSFT0101:00/tpm/tpm0' },
    'sys/devices/platform/MSFT0101:00/tpm/tpm0/tpm_version_major': '2\n',
    'sys/devices/platform/MSFT0101:00/tpm/tpm0/caps': 'Manufacturer: 0x49465800\n',
    'sys/devices/platform/MSFT0101:00/tpm/tpm0/pubek': 'Modulus: 00 11 22\n',
    'sys/devices/platform/MSFT0101:00/description': 'TPM 2.0 Device\n',
    'cmd/tpm2_getcap/properties-fixed.out': `TPM2_PT_MANUFACTURER:\n  raw: 0x49465800\n  value: "IFX"\nTPM2_PT_VENDOR_STRING_1:\n  raw: 0x534C4239\n  value: "SLB9"\nTPM2_PT_VENDOR_STRING_2:\n  raw: 0x36363500\n  value: "665"\nTPM2_PT_FIRMWARE_VERSION_1:\n  raw: 0x${(o.tpmFirmware ?? 0x00050033).toString(16)}\nTPM2_PT_FIRMWARE_VERSION_2:\n  raw: 0x0\n`,
    'sys/devices/platform/ipmi_bmc.0/firmware_revision': '2.63\n',
    'sys/devices/platform/ipmi_bmc.0/ipmi_version': '2.0\n',
    'sys/devices/platform/ipmi_bmc.0/manufacturer_id': '0x0002a2\n',
    'sys/devices/platform/ipmi_bmc.0/product_id': '0x0100\n',
    'sys/devices/platform/ipmi_bmc.0/guid': '44454c4c-4e00-1031-8048-b4c04f4d4e32\n',
    'sys/bus/pci/drivers/ccp/0000:46:00.1': { link: '../../../../devices/pci0000:40/0000:46:00.1' },
    'sys/devices/pci0000:40/0000:46:00.1/bootloader_version': '00.17.00.7a\n',
    'sys/devices/pci0000:40/0000:46:00.1/tee_version': '00.2b.00.1c\n',
    'sys/devices/pci0000:40/0000:46:00.1/debug_lock_on': '1\n',
    ...(o.rng ? { 'sys/class/misc/hw_random/rng_current': `${o.rng[0]}\n`, 'sys/class/misc/hw_random/rng_available': `${o.rng[1]}\n` } : {}),
  });
}

async function collectAndLoad(name: string, o: Parameters<typeof host>[1] = {}): Promise<{ db: Db; names: string[]; findings: string[] }> {
  const root = join(dir, name);
  host(root, o);
  const out = join(dir, `${name}.tar.gz`);
  await collect({ output: out, root, only: ['platform'], isolation: 'inline' });
  const db = openDatabase(':memory:');
  const { bundleId } = await loadBundle(db, out);
  const findings = runRules(db, bundleId, RULES).filter((x) => x.result === 'fail').map((x) => `${x.ruleId} ${x.deviceKey}`).sort();
  return { db, names: [...(await openBundle(out)).entries.keys()], findings };
}

describe('platform firmware parts: collect, load, judge', () => {
  it('stores ESRT, ME, TPM, BMC and PSP attributes and never the TPM attributes that send commands', async () => {
    const { names } = await collectAndLoad('read');
    for (const n of ['sys/firmware/efi/esrt/entries/entry1/capsule_flags', 'sys/class/mei/mei0/fw_ver', 'sys/class/tpm/tpm0/tpm_version_major', 'cmd/tpm2_getcap/properties-fixed.out', 'sys/devices/platform/ipmi_bmc.0/firmware_revision', 'sys/bus/pci/drivers/ccp/0000:46:00.1/tee_version']) expect(names).toContain(n);
    for (const denied of TPM_DENIED) expect(names.filter((n) => n.endsWith(`/${denied}`)), denied).toEqual([]);
  });

  it('loads each as a device with its firmware', async () => {
    const { db } = await collectAndLoad('load');
    expect(rows(db, `SELECT d.device_key, d.class, f.component, f.version FROM devices d JOIN firmware f ON f.bundle_id = d.bundle_id AND f.device_key = d.device_key WHERE d.class IN ('esrt', 'mei', 'tpm', 'bmc', 'psp') ORDER BY d.device_key, f.component`)).toEqual([
      { device_key: 'bmc:ipmi_bmc.0', class: 'bmc', component: 'bmc', version: '2.63' },
      { device_key: 'esrt:entry0', class: 'esrt', component: 'capsule', version: '65562' },
      { device_key: 'esrt:entry1', class: 'esrt', component: 'capsule', version: '4029286587' },
      { device_key: 'mei:mei0', class: 'mei', component: 'csme', version: '11.8.50.3425' },
      { device_key: 'mei:mei0', class: 'mei', component: 'csme.factory', version: '11.0.0.1168' },
      { device_key: 'mei:mei0', class: 'mei', component: 'csme.recovery', version: '11.8.50.3425' },
      { device_key: 'psp:0000:46:00.1', class: 'psp', component: 'psp.bootloader', version: '00.17.00.7a' },
      { device_key: 'psp:0000:46:00.1', class: 'psp', component: 'psp.tee', version: '00.2b.00.1c' },
      { device_key: 'tpm:tpm0', class: 'tpm', component: 'tpm', version: '5.51' },
      { device_key: 'tpm:tpm0', class: 'tpm', component: 'tpm.full', version: '5.51.0.0' },
    ]);
    expect(rows(db, `SELECT model FROM devices WHERE device_key = 'tpm:tpm0'`)).toEqual([{ model: 'IFX SLB9665' }]);
    expect(rows(db, `SELECT value FROM settings WHERE device_key = 'esrt:entry1' AND key = 'fw_type'`)).toEqual([{ value: 'device firmware' }]);
  });

  it('fires on the vulnerable ME and TPM and the null ESRT class, and stays quiet once they are fixed', async () => {
    const bad = await collectAndLoad('bad', { lastAttempt: 6 });
    expect(bad.findings).toEqual([
      'platform.csme-vulnerable-version mei:mei0',
      'platform.esrt-last-attempt-failed esrt:entry0',
      'platform.esrt-null-firmware-class esrt:entry1',
      'platform.tpm-roca tpm:tpm0',
    ]);
    const fixed = await collectAndLoad('fixed', { tpmFirmware: 0x0005003e });
    expect(fixed.findings.filter((f) => f.includes('tpm') || f.includes('last-attempt'))).toEqual([]);
  });

  it('tells from the hwrng core\'s lists whether the kernel reads the TPM as its RNG (tpm-chip.c: tpm-rng-<N>)', async () => {
    const hwrng = async (name: string, rng: [string, string]): Promise<unknown[]> =>
      rows((await collectAndLoad(name, { rng })).db, `SELECT value FROM settings WHERE device_key = 'tpm:tpm0' AND key = 'hwrng'`);
    expect(await hwrng('rng-current', ['tpm-rng-0', 'tpm-rng-0 virtio_rng.0'])).toEqual([{ value: 'current' }]);
    expect(await hwrng('rng-available', ['virtio_rng.0', 'tpm-rng-0 virtio_rng.0'])).toEqual([{ value: 'available' }]);
    expect(await hwrng('rng-none', ['none', ''])).toEqual([{ value: 'not registered' }]);
    expect(rows((await collectAndLoad('rng-absent')).db, `SELECT value FROM settings WHERE key = 'hwrng'`)).toEqual([]);
  });

  it('runs only the one tpm2_getcap query', () => {
    expect(commandAllowed(['tpm2_getcap', 'properties-fixed'])).toBe(true);
    expect(commandAllowed(['tpm2_getcap', '-c', 'properties-fixed'])).toBe(true);
    for (const bad of [['tpm2_getcap', 'properties-variable', '--tcti', 'x'], ['tpm2_getcap', 'handles-persistent'], ['tpm2_clear']]) expect(commandAllowed(bad), bad.join(' ')).toBe(false);
  });
});

describe('platform firmware redaction', () => {
  it('replaces the BMC GUID and keeps firmware versions', async () => {
    const root = join(dir, 'redact');
    host(root);
    const out = join(dir, 'redact.tar.gz');
    await collect({ output: out, root, only: ['platform'], isolation: 'inline', redact: { mapPath: join(dir, 'redact.map.json') } });
    const b = await openBundle(out);
    expect(b.text('sys/devices/platform/ipmi_bmc.0/guid')).not.toContain('44454c4c-4e00-1031-8048-b4c04f4d4e32');
    expect(b.text('sys/devices/platform/ipmi_bmc.0/firmware_revision')).toBe('2.63\n');
    expect(b.text('sys/class/mei/mei0/fw_ver')).toContain('11.8.50.3425');
  });
});
