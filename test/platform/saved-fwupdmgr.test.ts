/**
 * A saved `fwupdmgr get-devices` (fwupd 1.0's list, the tree of 1.3 and later, `--json`) in a tree that `collect
 * --root` reads gives one fwupd device per listed device, its current version a firmware row and what fwupd says of
 * it (flags, update state and error) as settings: the real outputs of test/platform/fixtures/real/fwupdmgr
 * (provenance beside each), under the names people give them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseFwupdDevices } from '../../analyzer/classes/platform/fwupd.js';
import { savedFwupdmgrArgv } from '../../collector/classes/platform/saved-fwupdmgr.js';
import { redactBundle } from '../../bundle/redact/redact-bundle.js';
import { REDACTION } from '../../collector/classes/index.js';
import { defaultRulesDir, loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';
import type { Rule } from '../../analyzer/rules/types.js';
import { replayTree } from '../helpers/replay-tree.js';
import { tempDir } from '../helpers/tmp.js';
import { searchBundle, stringNeedles } from '../redact/needles.js';

const REAL = new URL('./fixtures/real/fwupdmgr/', import.meta.url);
const samples = readdirSync(REAL).filter((f) => /\.(?:txt|json)$/.test(f));
const textOf = (file: string): string => readFileSync(new URL(file, REAL), 'utf8');
interface Truth {
  devices: number;
  firmware: Record<string, string>;
  updatable: string[];
  needs_reboot: string[];
  update_state: Record<string, string>;
  update_error?: Record<string, string>;
  /** get-updates: the newest release offered each device with an update, and every release offered. */
  update_version?: Record<string, string>;
  update_versions?: Record<string, string>;
  unread_lines: number;
  serials?: string[];
}
const provenanceOf = (file: string): { saved_as: string; truth: Truth } => parse(readFileSync(new URL(file.replace(/\.(?:txt|json)$/, '.provenance.yaml'), REAL), 'utf8')) as { saved_as: string; truth: Truth };

interface Stored { devices: number; firmware: Record<string, string>; settings: Record<string, Record<string, string | number>>; lineIssues: number; unknownNames: number; alarms: string[]; unread: string[] }

let rules: readonly Rule[] | undefined;

async function storedOf(files: Record<string, string>): Promise<Stored> {
  const r = await replayTree(files);
  try {
    const devices = r.db.prepare(`SELECT device_key AS key, model FROM devices WHERE class = 'fwupd'`).all() as { key: string; model: string }[];
    const model = new Map(devices.map((d) => [d.key, d.model]));
    const fw = r.db.prepare(`SELECT device_key AS key, version FROM firmware WHERE component = 'fwupd'`).all() as { key: string; version: string }[];
    const rows = r.db.prepare(`SELECT device_key AS key, key AS k, value FROM settings WHERE namespace = 'fwupd'`).all() as { key: string; k: string; value: string | number }[];
    const settings: Stored['settings'] = {};
    for (const s of rows) (settings[model.get(s.key)!] ??= {})[s.k] = s.value;
    const count = (code: string): number => (r.db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = ?`).get(code) as { n: number }).n;
    const bundle = (r.db.prepare('SELECT id FROM bundles').get() as { id: number }).id;
    rules ??= loadRules(defaultRulesDir());
    const alarms = [...new Set(runRules(r.db, bundle, rules).filter((o) => o.result === 'fail' && (o.severity === 'high' || o.severity === 'critical')).map((o) => o.ruleId))].sort();
    const unread = (r.db.prepare(`SELECT name FROM artifacts WHERE name LIKE 'unread/%'`).all() as { name: string }[]).map((a) => a.name);
    return { devices: devices.length, firmware: Object.fromEntries(fw.map((f) => [model.get(f.key)!, f.version])), settings, lineIssues: count('PARSE-LINE'), unknownNames: count('UNKNOWN_NAME'), alarms, unread };
  } finally {
    r.db.close();
  }
}

const named = (s: Stored, key: string): string[] => Object.entries(s.settings).filter(([, v]) => String(v[key]) === '1').map(([n]) => n).sort();

describe('saved names', () => {
  it('get-devices with or without --json, a bare fwupdmgr, labels; another verb or option is not read', () => {
    expect(savedFwupdmgrArgv('cmd/fwupdmgr/get-devices.txt')).toEqual(['fwupdmgr', 'get-devices']);
    expect(savedFwupdmgrArgv('cmd/fwupdmgr/fwupdmgr get-devices --json.log')).toEqual(['fwupdmgr', 'get-devices', '--json']);
    expect(savedFwupdmgrArgv('cmd/fwupdmgr/fwupdmgr-get-devices_srv01.json')).toEqual(['fwupdmgr', 'get-devices', '--json']);
    expect(savedFwupdmgrArgv('cmd/fwupdmgr/fwupdmgr --show-all-devices get-devices.txt')).toEqual(['fwupdmgr', 'get-devices']);
    expect(savedFwupdmgrArgv('cmd/fwupdmgr/fwupdmgr.txt')).toEqual(['fwupdmgr', 'get-devices']);
    expect(savedFwupdmgrArgv('cmd/fwupdmgr/fwupdmgr get-updates.txt')).toEqual(['fwupdmgr', 'get-updates']);
    expect(savedFwupdmgrArgv('sudo fwupdmgr get-upgrades.txt')).toEqual(['fwupdmgr', 'get-updates']);
    expect(savedFwupdmgrArgv('fwupdmgr_get-updates --json.json')).toEqual(['fwupdmgr', 'get-updates', '--json']);
    expect(savedFwupdmgrArgv('fwupdmgr get-devices get-updates.txt')).toBeUndefined();
    expect(savedFwupdmgrArgv('fwupdmgr get-history.txt')).toBeUndefined();
    expect(savedFwupdmgrArgv('cmd/fwupdmgr/get-devices --force.txt')).toBeUndefined();
  });

  it('fwupdtool get-devices, which prints the same list, is read as fwupdmgr\'s', async () => {
    // fwupd's maintainers ask for `fwupdtool get-devices`: saved so, it was kept unread ('no tool fwsnap reads').
    expect(savedFwupdmgrArgv('cmd/fwupdtool/fwupdtool get-devices.txt')).toEqual(['fwupdmgr', 'get-devices']);
    expect(savedFwupdmgrArgv('cmd/fwupdtool/fwupdtool-get-devices.log')).toEqual(['fwupdmgr', 'get-devices']);
    expect(savedFwupdmgrArgv('cmd/fwupdtool/fwupdtool install-blob.txt')).toBeUndefined();
    const file = 'hp-omen-15-en0xxx-show-all-nested.txt';
    const got = await storedOf({ 'fwupdtool get-devices.txt': textOf(file) });
    expect(got.firmware).toEqual(provenanceOf(file).truth.firmware);
    expect(got.unread).toEqual([]);
  });

  it('get-updates (get-upgrades) beside get-devices: the releases go on the listed devices, a device the list lacks is added', async () => {
    // Saved as `fwupdmgr get-upgrades.txt`, a real get-updates output was UNKNOWN_NAME: no device, no update read.
    const updates = textOf('n100-venus-get-upgrades-cheese-prompt-testers.txt');
    const list = ['Venus', '│', '├─UEFI dbx:', '│     Device ID:          362301da643102b9f38477387e2193e57abaa590', '│     Current version:    217', '│', '└─Fanxiang S500Pro 256GB:', '      Current version:    SN11', ''].join('\n');
    const got = await storedOf({ 'fwupdmgr get-devices.txt': list, 'fwupdmgr get-upgrades.txt': updates });
    expect(got.devices).toBe(2);
    expect(got.firmware).toEqual({ 'UEFI dbx': '217', 'Fanxiang S500Pro 256GB': 'SN11' });
    expect(got.settings['UEFI dbx']?.update_version).toBe('371');
    expect(got.settings['Fanxiang S500Pro 256GB']?.update_version).toBeUndefined();
    expect(got.lineIssues + got.unknownNames).toBe(0);
    const alone = await storedOf({ 'fwupdmgr get-devices.txt': list.replace('362301da643102b9f38477387e2193e57abaa590', '0000000000000000000000000000000000000000').replace('UEFI dbx', 'System Firmware'), 'fwupdmgr get-updates.txt': updates });
    expect(alone.devices).toBe(3);
    expect(alone.settings['UEFI dbx']?.update_versions).toBe('371,220');
  });

  it('get-updates with no update (fwupd 1.3–1.5 bullets, 1.6+ lists, the final note) stores no device and no unread line', async () => {
    const old = ['$ fwupdmgr get-updates', '• Thunderbolt Controller has no available firmware updates', '• UEFI Device Firmware has the latest available firmware version', 'No updatable devices', ''].join('\n');
    const now = ['$ sudo fwupdmgr get-updates', 'Devices with no available firmware updates: ', ' • SSD 990 PRO 4TB', ' • System Firmware', 'Devices with the latest available firmware version:', ' • UEFI dbx', 'No updates available', ''].join('\n');
    for (const text of [old, now]) {
      expect(parseFwupdDevices(text)).toMatchObject({ devices: [], issues: [] });
      const got = await storedOf({ 'fwupdmgr get-updates.txt': text });
      expect([got.devices, got.lineIssues, got.unknownNames]).toEqual([0, 0, 0]);
    }
  });

  it('get-updates --json: each device\'s Releases give the versions offered', () => {
    const json = JSON.stringify({ Devices: [{ Name: 'UEFI dbx', DeviceId: '362301da643102b9f38477387e2193e57abaa590', Version: '217', Releases: [{ Version: '371' }, { Version: '220' }] }] });
    expect(parseFwupdDevices(json).devices.map((d) => [d.name, d.version, d.releases])).toEqual([['UEFI dbx', '217', ['371', '220']]]);
  });

  it('another verb saved is UNKNOWN_NAME, and its text is not read', async () => {
    const got = await storedOf({ 'fwupdmgr get-history.txt': textOf('hp-omen-15-en0xxx-show-all-nested.txt') });
    expect(got.devices).toBe(0);
    expect(got.unknownNames).toBe(1);
  });
});

describe('lines fwupdmgr does not print', () => {
  it('are issues with their numbers; the devices around them are kept', () => {
    const got = parseFwupdDevices('Host\n│\n├─Touchpad:\n│     Current version:     1.2\n│     see the screenshot\n└─TPM:\n      Current version:     7.2\n');
    expect(got.devices.map((d) => [d.name, d.version])).toEqual([['Touchpad', '1.2'], ['TPM', '7.2']]);
    expect(got.issues.map((i) => i.line)).toEqual([5]);
  });

  it('flags in another language tell neither updatable nor not: an issue, and no updatable or needs-reboot stored', async () => {
    // A German fwupdmgr (a real fwupd issue's ThinkPad L14): `• Aktualisierbar` was stored as updatable = false.
    const text = ['│', '├─System Firmware:', '│ │   Aktuelle Version:   0.1.16', '│ │   Device Flags:       • Internes Gerät', '│ │                       • Aktualisierbar', '│ │                       • Benötigt einen Neustart nach der Installation', '│ │', '│ └─UEFI dbx:', '│       Aktuelle Version: 220', ''].join('\n');
    expect(parseFwupdDevices(text).issues.map((i) => [i.line, i.message])).toEqual([[2, expect.stringMatching(/translated output/)]]);
    const got = await storedOf({ 'fwupdmgr get-devices.txt': text });
    expect(got.settings['System Firmware']?.updatable).toBeUndefined();
    expect(got.settings['System Firmware']?.needs_reboot).toBeUndefined();
    // A device that prints no flag is not updatable, whatever the language.
    expect(String(got.settings['UEFI dbx']?.updatable)).toBe('0');
    // Its version labels, translated as fwupd's own po files translate `Current version`, are read.
    expect(got.firmware).toEqual({ 'System Firmware': '0.1.16', 'UEFI dbx': '220' });
  });

  it('version and other labels in the languages fwupd is translated to fill their fields (fwupd po/*.po)', () => {
    const text = ['├─System Firmware:', '│     Идентификатор устройства: 362301da643102b9f38477387e2193e57abaa590', '│     Текущая версия:      0.1.16', '│     Минимальная версия:  0.1.2', '│', '└─UEFI dbx:', '      現在のバージョン:    220', '      Versión del Arranque: 2.1', ''].join('\n');
    const got = parseFwupdDevices(text);
    expect(got.devices.map((d) => [d.name, d.version, d.versionLowest, d.versionBootloader, d.deviceId])).toEqual([
      ['System Firmware', '0.1.16', '0.1.2', undefined, '362301da643102b9f38477387e2193e57abaa590'],
      ['UEFI dbx', '220', undefined, '2.1', undefined],
    ]);
    expect(got.issues).toEqual([]);
  });

  it('a tree whose box characters became `?` (a console or page without UTF-8) reads as the tree: every real sample', () => {
    for (const f of samples.filter((x) => x.endsWith('.txt'))) {
      const text = textOf(f);
      const mangled = text.replace(/[│├└─•←]/g, '?');
      const want = parseFwupdDevices(text);
      const got = parseFwupdDevices(mangled);
      expect(got.devices.map((d) => [d.name, d.version, d.flags, d.guids, d.instanceIds, d.parent]), f).toEqual(want.devices.map((d) => [d.name, d.version, d.flags, d.guids, d.instanceIds, d.parent]));
      expect(got.issues.map((i) => i.line), f).toEqual(want.issues.map((i) => i.line));
    }
  });

  // fwupd/fwupd issue #8696 (a ThinkPad's get-devices, fwupd 2.x): in a branch nested two deep the label fills the
  // values' column and fwupd adds no space of its own, so the value is glued to `Bootloader Version:`.
  it('a value glued to its label where the label fills the column is read (a known label only)', () => {
    const text = [
      'LENOVO 20XX',
      '│',
      '├─AMD Ryzen 5 PRO 4650U with Radeon Graphics:',
      '│ │   Device ID:          4bde70ba4e39b28f9eab1628f9dd6e6244c03027',
      '│ │   Current version:    0x08600106',
      '│ │ ',
      '│ ├─Secure Processor:',
      '│ │     Device ID:        c54ab0237d7a8db8c717b68e0be78e4374a2a079',
      '│ │     Current version:  00.11.00.83',
      '│ │     Bootloader Version:00.11.00.83',
      '│ │     Vendor:           Advanced Micro Devices, Inc. (PCI:0x1022)',
      '│ │     GUIDs:            0e8dc554-a0a2-51fb-b439-1eb72b14ec38 ← PCI\\VEN_1022&DEV_15DF',
      '│ │                       09e5ff6e-6b09-529f-8cef-1b94504229ba ← PCI\\VEN_1022&DEV_15DF&SUBSYS_17AA5091',
      '│ │     Device Flags:     • Internal device',
      '│ │   ',
      '',
    ].join('\n');
    const got = parseFwupdDevices(text);
    expect(got.issues).toEqual([]);
    expect(got.devices[1]).toMatchObject({ name: 'Secure Processor', version: '00.11.00.83', versionBootloader: '00.11.00.83', vendorId: 'PCI:0x1022' });
    // A label the parser does not know, glued to what follows, stays an unread line.
    expect(parseFwupdDevices(text.replace('Bootloader Version:00', 'Bootloader Versions:00')).issues.map((i) => i.line)).toEqual([10]);
  });

  it('JSON that does not parse is one issue, not a crash', () => {
    expect(parseFwupdDevices('{ "Devices" : [ { "Name" : ').issues).toHaveLength(1);
  });
});

// Real form: a person's notes pasting get-devices after a failed System Firmware update: fwupdmgr prints the updates
// it has not reported yet after the tree (fu-util.c: a rule of 48, the two lists, then the question to upload).
describe('the unreported updates fwupdmgr lists after the tree', () => {
  const tree = ['Dell Inc. Latitude 5420', '│', '└─System Firmware:', '      Current version:    1.45.0', '      Update State:       Failed', ''];
  it('are fwupdmgr\'s own lines, in its 1.9+ form (a rule of ─) and its older one (a rule of _, blank lines around the headings)', () => {
    const now = [...tree, '─'.repeat(48), 'Devices that were not updated correctly:', ' • System Firmware (1.45.0 → 1.49.0)', 'Devices that have been updated successfully:', ' • UEFI dbx (217 → 371)', ''].join('\n');
    const old = [...tree, '_'.repeat(48), '', 'Devices that were not updated correctly:', '', ' • System Firmware (1.45.0 → 1.49.0)', '', 'Upload report now? (Requires internet connection) [Y|n]: n', ''].join('\n');
    for (const text of [now, old]) {
      const got = parseFwupdDevices(text);
      expect(got.issues).toEqual([]);
      expect(got.devices.map((d) => [d.name, d.version, d.updateState])).toEqual([['System Firmware', '1.45.0', 'failed']]);
    }
  });

  it('a bullet that names no versions after such a heading is still no line of fwupdmgr\'s', () => {
    expect(parseFwupdDevices([...tree, 'Devices that were not updated correctly:', ' • see the screenshot', ''].join('\n')).issues.map((i) => i.line)).toEqual([8]);
  });
});

describe('a saved fwupdmgr get-devices read from a captured tree', () => {
  for (const file of samples) {
    it(`${file}: under its published name and under cmd/fwupdmgr, the devices, versions and states of its truth`, async () => {
      const { saved_as, truth } = provenanceOf(file);
      const ext = file.endsWith('.json') ? 'json' : 'txt';
      const verb = savedFwupdmgrArgv(saved_as)?.[1] ?? 'get-devices';
      for (const saveAs of [saved_as, `cmd/fwupdmgr/${verb}.${ext}`]) {
        const got = await storedOf({ [saveAs]: textOf(file) });
        expect(got.devices, saveAs).toBe(truth.devices);
        expect(got.firmware, saveAs).toEqual(truth.firmware);
        expect(named(got, 'updatable'), saveAs).toEqual([...truth.updatable].sort());
        expect(named(got, 'needs_reboot'), saveAs).toEqual([...truth.needs_reboot].sort());
        expect(Object.fromEntries(Object.entries(got.settings).filter(([, v]) => v.update_state !== undefined).map(([n, v]) => [n, v.update_state])), saveAs).toEqual(truth.update_state);
        expect(Object.fromEntries(Object.entries(got.settings).filter(([, v]) => v.update_error !== undefined).map(([n, v]) => [n, v.update_error])), saveAs).toEqual(truth.update_error ?? {});
        const offered = (key: string): Record<string, string> => Object.fromEntries(Object.entries(got.settings).filter(([, v]) => v[key] !== undefined).map(([n, v]) => [n, String(v[key])]));
        expect(offered('update_version'), saveAs).toEqual(truth.update_version ?? {});
        expect(offered('update_versions'), saveAs).toEqual(truth.update_versions ?? {});
        expect(got.lineIssues, saveAs).toBe(truth.unread_lines);
        expect(got.unknownNames, saveAs).toBe(0);
        expect(got.alarms, saveAs).toEqual([]);
        expect(got.unread, saveAs).toEqual([]);
      }
    });
  }

  it('a device nested in the tree hangs under the device above it', async () => {
    const r = await replayTree({ 'fwupdmgr.txt': textOf('hp-omen-15-en0xxx-show-all-nested.txt') });
    try {
      const gpu = r.db.prepare(`SELECT parent_key AS p FROM devices WHERE model = 'Graphics Processing Unit (GPU)'`).get() as { p: string };
      expect(gpu.p).toBe('fwupd:4bde70ba4e39b28f9eab1628f9dd6e6244c03027');
    } finally {
      r.db.close();
    }
  });

  it('each device fwupd lists is an inventory entry of its own, with its own firmware', async () => {
    // Folded into the platform's entry, four devices read as one named after the first, holding every version.
    // With the platform device there (another saved platform output gives it), the devices hang under it.
    const efibootmgr = readFileSync(new URL('./fixtures/real/efibootmgr/framework-12-trixie-efibootmgr-18-tabs.txt', import.meta.url), 'utf8');
    const r = await replayTree({ 'fwupdmgr get-devices.txt': textOf('dell-xps13-9370-fwupd1.0-list-prompt.txt'), 'efibootmgr -v.txt': efibootmgr });
    expect(r.report.inventory.some((e) => e.key === 'platform' || e.keys.includes('platform'))).toBe(true);
    const fwupd = r.report.inventory.filter((e) => e.keys.some((k) => k.startsWith('fwupd:')));
    expect(fwupd.map((e) => [e.class, e.model, e.keys.length])).toEqual(expect.arrayContaining([['fwupd', 'XPS 13 9370 System Firmware', 1], ['fwupd', 'Intel AMT (unprovisioned)', 1]]));
    expect(fwupd.every((e) => e.class === 'fwupd' && e.keys.length === 1)).toBe(true);
    const amt = fwupd.find((e) => e.model === 'Intel AMT (unprovisioned)')!;
    expect(amt.firmware.map((f) => f.version)).toEqual(['11.8.50', '11.8.50']);
  });

  it('redaction learns the serial numbers fwupd prints', async () => {
    const file = 'hp-omen-15-en0xxx-show-all-nested.txt';
    const r = await replayTree({ 'fwupdmgr.txt': textOf(file) });
    r.db.close();
    const out = join(tempDir(), 'redacted.tar.gz');
    await redactBundle({ catalog: REDACTION, input: r.bundle, output: out });
    expect(await searchBundle(out, provenanceOf(file).truth.serials!.flatMap((s) => stringNeedles(s)))).toEqual([]);
  });
});
