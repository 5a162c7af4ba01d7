import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCxlList } from '../../analyzer/classes/cxl/cxl-list.js';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';
import { ParseError } from '../../analyzer/parsers/errors.js';
import { collect } from '../../collector/collect.js';
import { CXL_DENIED, CXL_LIST_ARGV } from '../../collector/classes/cxl/attributes.js';
import { commandAllowed, replayAllowed } from '../../collector/command-allowlist.js';
import { openBundle } from '../collector/bundle-entries.js';
import { writeTree } from '../faults/fault-helpers.js';

const dir = mkdtempSync(join(process.env.TMPDIR ?? tmpdir(), 'fwsnap-cxl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const real = (name: string): string => readFileSync(fileURLToPath(new URL(`fixtures/real/${name}`, import.meta.url)), 'utf8');
const rows = (db: Db, sql: string): Record<string, unknown>[] => db.prepare(sql).all() as Record<string, unknown>[];
const RULES = loadRules(fileURLToPath(new URL('../../rules/cxl', import.meta.url)));

describe('cxl list parser on real public outputs (fixtures/real/PROVENANCE.md)', () => {
  it('QEMU firmware-update listings: the second listing has slot 2 staged while slot 1 runs; the first, pasted without its opening brace, is reported line by line', () => {
    const r = parseCxlList(real('cxl-list-qemu-fw-update.txt'));
    expect(r.memdevs).toHaveLength(1);
    const [m] = r.memdevs;
    expect(m).toMatchObject({ memdev: 'mem0', serial: '0', host: '0000:0d:00.0', pmemSize: 1024 * 1024 * 1024 });
    expect(m!.firmware).toMatchObject({ numSlots: 2, activeSlot: 1, stagedSlot: 2, onlineActivateCapable: true, updateInProgress: false });
    expect([...m!.firmware!.slots]).toEqual([[1, 'BWFW VERSION 0'], [2, 'BWFW VERSION 1']]);
    // The command lines, the <…> notes and the brace-less first listing are not JSON: each is an issue with its line.
    expect(r.issues.map((i) => i.line)).toContain(6);
    expect(r.issues.find((i) => i.line === 6)?.text).toBe('  "memdev":"mem0",');
  });

  it('ndctl\'s cxl-update-firmware example: three slots, slot 2 active, nothing staged; sizes, NUMA node and the cxl_test host', () => {
    const r = parseCxlList(real('cxl-list-ndctl-update-firmware-man.txt'));
    expect(r.memdevs).toEqual([{
      memdev: 'mem0', serial: '0', host: 'cxl_mem.0', ramSize: 1073741824, pmemSize: 1073741824, numaNode: 0,
      firmware: { numSlots: 3, activeSlot: 2, onlineActivateCapable: false, updateInProgress: false, slots: new Map([[1, 'cxl_test_fw_001'], [2, 'cxl_test_fw_002'], [3, 'cxl_test_new_fw']]) },
    }]);
    expect(r.issues.map((i) => i.line)).toEqual([1, 21]);
  });

  it('a listing between kernel debug lines: mem1 mid-update, the human-readable remaining size ignored', () => {
    const r = parseCxlList(real('cxl-list-fw-dmesg-interleaved.txt'));
    expect(r.memdevs).toHaveLength(1);
    expect(r.memdevs[0]).toMatchObject({ memdev: 'mem1', host: '0000:0e:00.0', serial: '0' });
    expect(r.memdevs[0]!.firmware).toMatchObject({ numSlots: 2, activeSlot: 1, onlineActivateCapable: true, updateInProgress: true });
    expect(r.issues.map((i) => i.line)).toEqual([...Array.from({ length: 14 }, (_, k) => k + 1), 29]);
  });

  it('finds memdevs nested under buses, ports and endpoints (-v) and keeps 64-bit serials exact', () => {
    const text = JSON.stringify([{ bus: 'root0', 'ports:root0': [{ port: 'port1', 'endpoints:port1': [{ endpoint: 'endpoint2', memdev: { memdev: 'mem3', serial: 1, health: { maintenance_needed: false, life_used_percent: 3, ext_life_used: 'normal' } } }] }] }])
      .replace('"serial":1', '"serial":18446744073709551614');
    const [m] = parseCxlList(text).memdevs;
    expect(m?.memdev).toBe('mem3');
    expect(m?.serial).toBe('18446744073709551614');
    expect(m?.health).toEqual(new Map<string, string | number | boolean>([['maintenance_needed', false], ['life_used_percent', 3], ['ext_life_used', 'normal']]));
  });

  it('a listing cut off before its end is a ParseError naming its line; no listing at all too', () => {
    expect(() => parseCxlList('noise\n[\n  {"memdev":"mem0",')).toThrow(ParseError);
    expect(() => parseCxlList('Warning: no matching devices found\n')).toThrow(/no JSON listing/);
  });
});

describe('cxl list on the command allow-lists', () => {
  it('is never run (libcxl writes /sys/bus/cxl/flush), and only a saved listing of memory devices is replayed', () => {
    expect(commandAllowed([...CXL_LIST_ARGV])).toBe(false);
    expect(replayAllowed([...CXL_LIST_ARGV])).toBe(true);
    for (const bad of [['cxl', 'list', '-vvv'], ['cxl', 'list', '-M', '-L'], ['cxl', 'update-firmware', 'mem0', '-F', 'x.bin'], ['cxl', 'list'], ['cxl', 'sanitize-memdev', 'mem0'], ['cxl', 'list', '-M', '-M']]) {
      expect(replayAllowed(bad), bad.join(' ')).toBe(false);
    }
  });
});

const ROOT = 'sys/devices/pci0000:0c/0000:0c:00.0';
const attrs = (base: string, values: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [`${base}/${k}`, `${v}\n`]));

/**
 * Two memory devices in the kernel's sysfs layout (Documentation/ABI/testing/sysfs-bus-cxl, drivers/cxl/core/memdev.c):
 * mem0 with a serial and a failed upload; mem1 without a serial (no DSN capability) and sanitizing; plus the
 * attributes that must never be read, and a saved `cxl list` in which mem0 has slot 2 staged.
 */
function host(root: string): void {
  writeTree(root, {
    'sys/bus/cxl/devices/mem0': { link: `../../../devices/pci0000:0c/0000:0c:00.0/0000:0d:00.0/mem0` },
    ...attrs(`${ROOT}/0000:0d:00.0/mem0`, {
      firmware_version: 'BWFW VERSION 00', serial: '0x1a2b3c4d5e', numa_node: '0', payload_max: '0x100000', label_storage_size: '0x40000',
      'ram/size': '0x0', 'pmem/size': '0x10000000', 'pmem/qos_class': '0', 'security/state': 'disabled', trigger_poison_list: 'x',
      'security/sanitize': 'x', 'security/erase': 'x', 'firmware/mem0/status': 'idle', 'firmware/mem0/error': 'transferring:hw-error',
      'firmware/mem0/remaining_size': '0', 'firmware/mem0/loading': '0', 'firmware/mem0/data': 'x', 'firmware/mem0/cancel': 'x',
    }),
    'sys/bus/cxl/devices/mem1': { link: `../../../devices/pci0000:0c/0000:0c:01.0/0000:0e:00.0/mem1` },
    ...attrs('sys/devices/pci0000:0c/0000:0c:01.0/0000:0e:00.0/mem1', { firmware_version: 'BWFW VERSION 00', serial: '0x0', 'pmem/size': '0x10000000', 'security/state': 'sanitize' }),
    'sys/bus/cxl/devices/decoder0.0': { link: `../../../devices/platform/ACPI0017:00/root0/decoder0.0` },
    'cmd/cxl/cxl-list.txt': JSON.stringify([{ memdev: 'mem0', serial: 112394521950, host: '0000:0d:00.0', firmware: { num_slots: 2, active_slot: 1, staged_slot: 2, online_activate_capable: false, slot_1_version: 'BWFW VERSION 0', slot_2_version: 'BWFW VERSION 1', fw_update_in_progress: false }, health: { maintenance_needed: false, hw_replacement_needed: false, media_data_lost: false, media_normal: true } }], null, 2),
  });
}

async function collectAndLoad(name: string, redact = false): Promise<{ db: Db; entries: Map<string, Buffer>; findings: string[] }> {
  const root = join(dir, name);
  host(root);
  const out = join(dir, `${name}.tar.gz`);
  const r = await collect({ output: out, root, only: ['cxl'], isolation: 'inline', ...(redact ? { redact: { mapPath: join(dir, `${name}.map.json`) } } : {}) });
  expect(r.manifest.sources.find((s) => s.name === 'cxl')?.status).toBe('ok');
  const db = openDatabase(':memory:');
  const { bundleId } = await loadBundle(db, r.path);
  const findings = runRules(db, bundleId, RULES).filter((x) => x.result === 'fail').map((x) => `${x.ruleId} ${x.deviceKey}`).sort();
  return { db, entries: (await openBundle(out)).entries, findings };
}

describe('cxl class: source, loader and rules from a captured tree', () => {
  it('stores the allow-listed attributes and the saved cxl list, never the denied ones', async () => {
    const { entries } = await collectAndLoad('read');
    const names = [...entries.keys()];
    expect(names).toEqual(expect.arrayContaining(['sys/bus/cxl/devices/mem0/firmware_version', 'sys/bus/cxl/devices/mem0/pmem/size', 'sys/bus/cxl/devices/mem0/firmware/mem0/error', 'sys/bus/cxl/devices/mem1/security/state', `cmd/cxl/${CXL_LIST_ARGV.slice(1).join('_')}.out`]));
    for (const denied of CXL_DENIED) expect(names.filter((n) => n.endsWith(`/${denied}`)), denied).toEqual([]);
  });

  it('loads each memdev under its PCI function with firmware, slots, sizes, upload state and health', async () => {
    const { db } = await collectAndLoad('load');
    const devices = rows(db, `SELECT * FROM devices WHERE class = 'cxl'`).map((r) => ({ key: r.key ?? r.device_key, serial: r.serial }));
    expect(devices.sort((a, b) => String(a.key).localeCompare(String(b.key)))).toEqual([{ key: 'cxl:mem0', serial: '0x1a2b3c4d5e' }, { key: 'cxl:mem1', serial: null }]);
    expect(rows(db, `SELECT device_key AS d, version, state FROM firmware WHERE device_key LIKE 'cxl:%' ORDER BY d, state`)).toEqual([
      { d: 'cxl:mem0', version: 'BWFW VERSION 1', state: 'pending' },
      { d: 'cxl:mem0', version: 'BWFW VERSION 00', state: 'running' },
      { d: 'cxl:mem0', version: 'BWFW VERSION 0', state: 'slot-1' },
      { d: 'cxl:mem0', version: 'BWFW VERSION 1', state: 'slot-2' },
      { d: 'cxl:mem1', version: 'BWFW VERSION 00', state: 'running' },
    ]);
    const settings = Object.fromEntries(rows(db, `SELECT namespace || '.' || key AS k, value FROM settings WHERE device_key = 'cxl:mem0'`).map((r) => [r.k, r.value]));
    expect(settings).toMatchObject({
      'cxl.dsn_present': '1', 'cxl.pmem_size': '268435456', 'cxl.ram_size': '0', 'cxl.payload_max': '1048576', 'cxl.security_state': 'disabled',
      'cxl.fw_upload_status': 'idle', 'cxl.fw_upload_error': 'transferring:hw-error', 'cxl.fw_upload_failed': '1', 'cxl.active_slot': '1', 'cxl.staged_slot': '2',
      'cxl.activation_pending': '1', 'cxl.fw_update_in_progress': '0', 'cxl.health.hw_replacement_needed': '0',
    });
  });

  it('fires the staged-slot, upload-failed, serial and sanitize rules where they hold, and nothing else', async () => {
    const { findings } = await collectAndLoad('rules');
    expect(findings).toEqual([
      'cxl.firmware-activation-pending cxl:mem0',
      'cxl.firmware-upload-failed cxl:mem0',
      'cxl.sanitize-in-progress cxl:mem1',
      'cxl.serial-missing cxl:mem1',
    ]);
  });

  it('redaction replaces the serial in sysfs (hex) and in the cxl list JSON (decimal)', async () => {
    const { entries } = await collectAndLoad('redact', true);
    const all = [...entries.values()].map((b) => b.toString('utf8')).join('\n');
    expect(all).not.toContain('1a2b3c4d5e');
    expect(all).not.toContain('112394521950');
  });
});
