/**
 * lspci text in a bundle next to (or instead of) config space: saved in a captured tree, collected with
 * `collect --root`, loaded. Config space wins; lspci's text fills in only what the bundle lacks, and nothing
 * is counted twice. The text is pciutils' own rendering (`lspci -F`) of the same config images.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import type { Db } from '../../analyzer/db/database.js';
import type { Report } from '../../analyzer/report/model.js';
import { collect } from '../../collector/collect.js';
import { savedLspciArgv } from '../../collector/classes/pci/source.js';
import { parsePciConfig } from '../../analyzer/classes/pci/pci-config.js';
import { lspciDump } from './fixtures/config-space.js';
import { GEN4_X16_AT_GEN3_X8, connectx6Dx, nvmeSsd, rootPort } from './fixtures/devices.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const rows = <T>(db: Db, sql: string, ...params: unknown[]): T[] => db.prepare(sql).all(...params) as T[];

/** lspci's text for config images, as pciutils prints them from a dump (`lspci -F`). */
function lspciText(dir: string, images: Record<string, Buffer>, args: string[]): string {
  const dump = join(dir, 'dump.txt');
  writeFileSync(dump, Object.entries(images).map(([bdf, bytes]) => lspciDump(bdf, bytes)).join(''));
  return execFileSync('lspci', [...args, '-F', dump], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

function writeFile(root: string, name: string, data: string | Buffer): void {
  mkdirSync(dirname(join(root, name)), { recursive: true });
  writeFileSync(join(root, name), data);
}

/** A function in sysfs: its directory under sys/devices and the sys/bus/pci/devices link to it. */
function sysfsFunction(root: string, bdf: string, files: Record<string, string | Buffer>): void {
  for (const [name, data] of Object.entries(files)) writeFile(root, `sys/devices/pci0000:00/${bdf}/${name}`, data);
  mkdirSync(join(root, 'sys/bus/pci/devices'), { recursive: true });
  symlinkSync(`../../../devices/pci0000:00/${bdf}`, join(root, 'sys/bus/pci/devices', bdf));
}

describe('lspci text next to config space', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fwsnap-lspci-load-'));
  const root = join(dir, 'tree');
  let db: Db;
  let report: Report;
  let issues: { code: string; target: string | null; message: string }[];

  beforeAll(async () => {
    const images = {
      // In sysfs with its whole config space: config space wins.
      '0000:3b:00.0': connectx6Dx(GEN4_X16_AT_GEN3_X8),
      // In sysfs, but its config read without root (64 bytes): lspci's text gives the capabilities.
      '0000:af:00.0': nvmeSsd(),
      // Only in lspci's text.
      '0000:5e:00.0': connectx6Dx(GEN4_X16_AT_GEN3_X8),
      // Only in the text: a root port whose secondary bus is 3b, and a second function on that bus.
      '0000:3a:00.0': rootPort(),
      '0000:3b:00.1': connectx6Dx(GEN4_X16_AT_GEN3_X8),
    };
    sysfsFunction(root, '0000:3b:00.0', { config: images['0000:3b:00.0'], vendor: '0x15b3\n', device: '0x101d\n', class: '0x020000\n' });
    sysfsFunction(root, '0000:af:00.0', { config: images['0000:af:00.0'].subarray(0, 64), vendor: '0x144d\n', device: '0xa80a\n', class: '0x010802\n' });
    // The same functions in two outputs, as a report holds them (-nnvv) and as pasted from a ticket (-vvv -D).
    writeFile(root, 'cmd/lspci/-nnvv.out', lspciText(dir, images, ['-nnvv']));
    writeFile(root, 'cmd/lspci/lspci_-D_-vvv.txt', `$ sudo lspci -D -vvv\n${lspciText(dir, images, ['-D', '-vvv'])}`);
    writeFile(root, 'cmd/lspci/-tv.out', '-[0000:00]-+-00.0\n');
    // A function only an lspci -xxxx paste shows: its hex rows are config space, decoded as sysfs's would be.
    writeFile(root, 'cmd/lspci/-s_d8:00.0_-vv_-xxxx.out', lspciText(dir, { '0000:d8:00.0': nvmeSsd() }, ['-vv', '-xxxx']));
    writeFile(root, 'cmd/lspci/notes.txt', 'what I saw on the box\n');
    const bundle = join(dir, 'b.tar.gz');
    const r = await collect({ output: bundle, root, only: ['pci'], isolation: 'inline' });
    // partial: the saved file whose name is no lspci command is reported.
    expect(r.manifest.sources.find((s) => s.name === 'pci')?.status).toBe('partial');
    ({ db, report } = await analyze({ bundles: [bundle], minSeverity: 'info' }));
    issues = rows(db, 'SELECT code, target, message FROM collection_issues');
  });

  it('stores each saved output under its command\'s name and reports a name that is not lspci options', () => {
    const names = rows<{ name: string }>(db, `SELECT name FROM artifacts WHERE name LIKE 'cmd/lspci/%' ORDER BY name`).map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['cmd/lspci/-D_-vvv.out', 'cmd/lspci/-nnvv.out', 'cmd/lspci/-tv.out']));
    expect(issues.filter((i) => i.code === 'UNKNOWN_NAME').map((i) => i.target)).toEqual(['cmd/lspci/notes.txt']);
    expect(issues.filter((i) => i.code === 'PARSE-LINE')).toEqual([]);
  });

  it('keeps config space\'s facts for a function it has, adding none from the text', () => {
    const caps = rows<{ artifact: string }>(db, `SELECT artifact FROM pci_capabilities WHERE device_key = '0000:3b:00.0'`);
    expect(caps.length).toBeGreaterThan(5);
    expect(new Set(caps.map((c) => c.artifact))).toEqual(new Set(['sys/bus/pci/devices/0000:3b:00.0/config']));
    expect(rows(db, `SELECT source, artifact FROM pci_links WHERE device_key = '0000:3b:00.0'`)).toEqual([
      { source: 'config', artifact: 'sys/bus/pci/devices/0000:3b:00.0/config' },
    ]);
    expect(rows(db, `SELECT device_key FROM devices WHERE device_key = '0000:3b:00.0'`)).toHaveLength(1);
  });

  it('takes the capabilities from the text when config space stops at the header', () => {
    const caps = rows<{ cap_id: number; extended: number; artifact: string }>(db, `SELECT cap_id, extended, artifact FROM pci_capabilities WHERE device_key = '0000:af:00.0'`);
    expect(caps.length).toBeGreaterThan(3);
    // From one output only, the one that shows most (-vvv is as detailed as -vv; -nn adds ids: the first is kept).
    expect(new Set(caps.map((c) => c.artifact)).size).toBe(1);
    expect(rows(db, `SELECT speed_gts, width FROM pci_links WHERE device_key = '0000:af:00.0' AND source = 'config'`)).toHaveLength(1);
  });

  it('records a function only the text shows as the config loader would, once', () => {
    expect(rows(db, `SELECT vendor_id, device_id, class_code, pci_address FROM devices WHERE device_key = '0000:5e:00.0'`)).toEqual([
      { vendor_id: 0x15b3, device_id: 0x101d, class_code: 0x020000, pci_address: '0000:5e:00.0' },
    ]);
    expect(rows(db, `SELECT max_speed_gts, max_width, speed_gts, width FROM pci_links WHERE device_key = '0000:5e:00.0'`)).toEqual([
      { max_speed_gts: 16, max_width: 16, speed_gts: 8, width: 8 },
    ]);
    const sriov = rows<{ fields: string; version: number }>(db, `SELECT fields, version FROM pci_capabilities WHERE device_key = '0000:5e:00.0' AND extended = 1 AND cap_id = 16`);
    expect(sriov).toHaveLength(1);
    expect(JSON.parse(sriov[0]!.fields)).toMatchObject({ kind: 'sriov', totalVfs: 8, numVfs: 0 });
  });

  it('takes a pasted lspci -xxxx dump as config space: the rows config space gives, from that artifact', () => {
    const caps = rows<{ cap_id: number; extended: number; offset: number; fields: string | null; artifact: string }>(
      db, `SELECT cap_id, extended, offset, fields, artifact FROM pci_capabilities WHERE device_key = '0000:d8:00.0' ORDER BY rowid`);
    const decoded = parsePciConfig(nvmeSsd());
    expect(caps.map((c) => [c.cap_id, c.extended, c.offset])).toEqual(decoded.capabilities.map((c) => [c.id, c.extended ? 1 : 0, c.offset]));
    expect(caps.map((c) => (c.fields ? JSON.parse(c.fields) : null))).toEqual(decoded.capabilities.map((c) => c.fields));
    expect(new Set(caps.map((c) => c.artifact))).toEqual(new Set(['cmd/lspci/-s_d8:00.0_-vv_-xxxx.out']));
    expect(rows(db, `SELECT vendor_id, device_id, subsystem_device_id, class_code FROM devices WHERE device_key = '0000:d8:00.0'`)).toEqual([
      { vendor_id: decoded.vendorId, device_id: decoded.deviceId, subsystem_device_id: decoded.subsystemDeviceId, class_code: decoded.classCode },
    ]);
  });

  it('a text-only function hangs below the bridge whose secondary bus it is on', () => {
    expect(rows(db, `SELECT device_key, parent_key FROM devices WHERE device_key IN ('0000:3b:00.1', '0000:5e:00.0', '0000:3a:00.0') ORDER BY device_key`)).toEqual([
      { device_key: '0000:3a:00.0', parent_key: null },
      { device_key: '0000:3b:00.1', parent_key: '0000:3a:00.0' },
      { device_key: '0000:5e:00.0', parent_key: null },
    ]);
  });

  it('the PCI link rule judges a text-only function and a config one alike (ports are judged from below)', () => {
    const fired = report.findings.filter((f) => f.rule === 'pci.link-degraded').map((f) => f.device).sort();
    expect(fired).toEqual(['0000:3b:00.0', '0000:3b:00.1', '0000:5e:00.0']);
  });
});

describe('names a saved lspci output may have', () => {
  it.each([
    ['cmd/lspci/-nnvv.out', ['lspci', '-nnvv']],
    ['cmd/lspci/lspci_-D_-vvv.txt', ['lspci', '-D', '-vvv']],
    ['cmd/lspci/-vvv -s 3b:00.0.log', ['lspci', '-vvv', '-s', '3b:00.0']],
    ['cmd/lspci/lspci.out', ['lspci']],
    ['cmd/lspci/sudo lspci -nnk.txt', ['lspci', '-nnk']],
    ['cmd/lspci/_.out', ['lspci']],
    ['cmd/lspci/-k_-nn.txt', ['lspci', '-k', '-nn']],
    ['cmd/lspci/lspci-vvv.txt', ['lspci', '-vvv']],
    ['cmd/lspci/sudo lspci-nnk.log', ['lspci', '-nnk']],
    ['cmd/lspci/lspci-vvv_-s_c1:00.0.txt', ['lspci', '-vvv', '-s', 'c1:00.0']],
    // The second output of one command in a ticket saved whole (typed-commands.ts names it so).
    ['cmd/lspci/_@2.out', ['lspci']],
    ['cmd/lspci/-vvv_-s_1b:00.0@3.out', ['lspci', '-vvv', '-s', '1b:00.0']],
    // The lines a grep kept, saved under the command line typed: the grep's words are its pattern.
    ['cmd/lspci/lspci | grep BlueField-2.txt', ['lspci']],
    ['cmd/lspci/lspci_grep_mellanox.txt', ['lspci']],
    ['cmd/lspci/sudo lspci -nn | egrep -i "eth|net".log', ['lspci', '-nn']],
    ['cmd/lspci/lspci-nn|grep -i eth.log', ['lspci', '-nn']],
    ['cmd/lspci/lspci -vvv -s 1b:00.0 | grep -A 19 "Vital Product Data".txt', ['lspci', '-vvv', '-s', '1b:00.0']],
  ])('%s → %j', (name, argv) => {
    expect(savedLspciArgv(name)).toEqual(argv);
  });

  it.each(['cmd/lspci/notes.txt', 'cmd/lspci/-vv_rm_-rf.out', 'cmd/lspci/-s.out', 'cmd/lspci/lspci-output.txt', 'cmd/lspci/lspci | sort.txt', 'cmd/lspci/lspci | wc -l.txt'])('%s is not an lspci command', (name) => {
    expect(savedLspciArgv(name)).toBeUndefined();
  });
});

describe('lspci typed twice in a ticket saved whole', () => {
  it('reads both outputs, each function from the one that shows it, with no UNKNOWN_NAME', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fwsnap-lspci-twice-'));
    const root = join(dir, 'tree');
    writeFile(root, 'ticket.md', [
      'The NIC and the GPU:',
      '',
      '```',
      'root@host:~# lspci | grep Ethernet',
      '19:00.0 Ethernet controller: AMD Pensando Systems DSC Ethernet Controller',
      '',
      'root@host:~# lspci | grep NVIDIA',
      '3b:00.0 3D controller: NVIDIA Corporation GH100 [H100 PCIe] (rev a1)',
      '```',
      '',
    ].join('\n'));
    const bundle = join(dir, 'b.tar.gz');
    const { manifest } = await collect({ output: bundle, root, only: ['pci'], isolation: 'inline' });
    expect(manifest.issues.filter((i) => i.code === 'UNKNOWN_NAME' || i.code === 'NOT_READ')).toEqual([]);
    const { db } = await analyze({ bundles: [bundle], minSeverity: 'info' });
    expect(rows(db, `SELECT device_key FROM devices WHERE class = 'pci' ORDER BY device_key`)).toEqual([{ device_key: '0000:19:00.0' }, { device_key: '0000:3b:00.0' }]);
    expect(rows(db, `SELECT message FROM collection_issues WHERE code = 'PARSE-LINE'`)).toEqual([]);
    db.close();
  });
});

describe('a saved "lspci" file that is something else', () => {
  it('lists its first 50 unread lines and sums up the rest, records no function', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fwsnap-lspci-junk-'));
    const root = join(dir, 'tree');
    writeFile(root, 'cmd/lspci/-vvv.out', Array.from({ length: 300 }, (_, i) => `journal line ${i}: something happened`).join('\n'));
    const bundle = join(dir, 'b.tar.gz');
    await collect({ output: bundle, root, only: ['pci'], isolation: 'inline' });
    const { db } = await analyze({ bundles: [bundle], minSeverity: 'info' });
    const lines = rows<{ message: string }>(db, `SELECT message FROM collection_issues WHERE code = 'PARSE-LINE'`);
    expect(lines).toHaveLength(51);
    expect(lines.at(-1)!.message).toMatch(/^lspci-text: 250 more lines not understood/);
    expect(rows(db, `SELECT device_key FROM devices WHERE class = 'pci'`)).toEqual([]);
    db.close();
  });
});
