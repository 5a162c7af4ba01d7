import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { pciLoader } from '../../analyzer/classes/pci/loader.js';
import { GEN4_X16_AT_GEN3_X8, connectx6Dx, nvmeSsd, rootPort } from './fixtures/devices.js';
import { FAKEHOST } from '../../collector/fake-host/fakehost-facts.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';

const FAKE = await fakehostRoot();

interface FakeFunction {
  path: string;
  files: Record<string, string | Buffer>;
  links?: Record<string, string>;
}

/** A --root tree with the functions at their /sys/devices paths and kernel-style relative links to them. */
function buildTree(root: string, functions: Record<string, FakeFunction>): void {
  mkdirSync(join(root, 'sys/bus/pci/devices'), { recursive: true });
  for (const [bdf, f] of Object.entries(functions)) {
    const dir = join(root, 'sys/devices', f.path);
    for (const [name, data] of Object.entries(f.files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), data);
    }
    for (const [name, target] of Object.entries(f.links ?? {})) symlinkSync(target, join(dir, name));
    symlinkSync(`../../../devices/${f.path}`, join(root, 'sys/bus/pci/devices', bdf));
  }
}

const AER_CORRECTABLE = 'RxErr 1\nBadTLP 2\nBadDLLP 0\nRollover 0\nTimeout 0\nNonFatalErr 0\nCorrIntErr 0\nHeaderOF 0\nTOTAL_ERR_COR 3\n';

const FUNCTIONS: Record<string, FakeFunction> = {
  '0000:3a:00.0': {
    path: 'pci0000:3a/0000:3a:00.0',
    files: {
      config: rootPort(), vendor: '0x8086\n', device: '0x347a\n', class: '0x060400\n', revision: '0x04\n',
      current_link_speed: '16.0 GT/s PCIe\n', current_link_width: '16\n', max_link_speed: '16.0 GT/s PCIe\n', max_link_width: '16\n',
      aer_rootport_total_err_cor: '3\n', aer_rootport_total_err_fatal: '0\n',
    },
    links: { driver: '../../../bus/pci/drivers/pcieport' },
  },
  '0000:3b:00.0': {
    path: 'pci0000:3a/0000:3a:00.0/0000:3b:00.0',
    files: {
      config: connectx6Dx(GEN4_X16_AT_GEN3_X8), vendor: '0x15b3\n', device: '0x101d\n', subsystem_vendor: '0x15b3\n', subsystem_device: '0x0016\n',
      class: '0x020000\n', revision: '0x00\n', numa_node: '1\n', sriov_totalvfs: '8\n', sriov_numvfs: '0\n',
      current_link_speed: '8.0 GT/s PCIe\n', current_link_width: '8\n', max_link_speed: '16.0 GT/s PCIe\n', max_link_width: '16\n',
      aer_dev_correctable: AER_CORRECTABLE, 'link/l1_aspm': '0\n',
    },
    links: { driver: '../../../../bus/pci/drivers/mlx5_core', iommu_group: '../../../../kernel/iommu_groups/40' },
  },
  // No sysfs ids: they come from the config header. An old kernel's "Unknown speed" and a down link.
  '0000:af:00.0': {
    path: 'pci0000:ae/0000:af:00.0',
    files: { config: nvmeSsd(), current_link_speed: 'Unknown speed\n', current_link_width: '0\n', max_link_speed: '16 GT/s\n', max_link_width: '4\n' },
    links: { driver: '../../../bus/pci/drivers/nvme' },
  },
  // Read without root: only the 64-byte header.
  '0000:00:17.0': {
    path: 'pci0000:00/0000:00:17.0',
    files: { config: nvmeSsd().subarray(0, 64), vendor: '0x144d\n', device: '0xa80a\n', class: '0x010802\n' },
  },
  // A config file cut to 32 bytes and a garbled width.
  '0000:00:1f.0': {
    path: 'pci0000:00/0000:00:1f.0',
    files: { config: connectx6Dx().subarray(0, 32), vendor: '0x8086\n', device: '0xa1d2\n', class: '0x060100\n', current_link_width: 'x4\n' },
  },
};

const rows = <T>(db: Db, sql: string, ...params: unknown[]): T[] => db.prepare(sql).all(...params) as T[];

describe('pci loader on a bundle collected from a small fake tree', () => {
  const out = mkdtempSync(join(tmpdir(), 'fwsnap-pci-load-'));
  let db: Db;
  let bundleId: number;
  const setting = (key: string, ns: string, name: string): string | undefined =>
    rows<{ value: string }>(db, `SELECT value FROM settings WHERE bundle_id = ? AND device_key = ? AND namespace = ? AND key = ?`, bundleId, key, ns, name)[0]?.value;

  beforeAll(async () => {
    buildTree(join(out, 'root'), FUNCTIONS);
    const r = await collect({ output: join(out, 'b.tar.gz'), root: join(out, 'root'), only: ['pci'], isolation: 'inline' });
    expect(r.manifest.sources.find((s) => s.name === 'pci')?.status).toBe('ok');
    db = openDatabase(':memory:');
    bundleId = (await loadBundle(db, r.path, { loaders: [pciLoader] })).bundleId;
  });
  afterAll(() => {
    db?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('writes one device row per function, with ids, driver, upstream bridge and pci.ids names', () => {
    const devices = rows<Record<string, unknown>>(db, `SELECT * FROM devices WHERE bundle_id = ? ORDER BY device_key`, bundleId);
    expect(devices.map((d) => d.device_key)).toEqual(Object.keys(FUNCTIONS).sort());
    expect(devices.find((d) => d.device_key === '0000:3b:00.0')).toMatchObject({
      class: 'pci', pci_address: '0000:3b:00.0', parent_key: '0000:3a:00.0', vendor_id: 0x15b3, device_id: 0x101d,
      subsystem_vendor_id: 0x15b3, subsystem_device_id: 0x0016, class_code: 0x020000, revision: 0, driver: 'mlx5_core',
      vendor_name: 'Mellanox Technologies', device_name: 'MT2892 Family [ConnectX-6 Dx]',
    });
    expect(devices.find((d) => d.device_key === '0000:3a:00.0')).toMatchObject({ parent_key: null, revision: 4, driver: 'pcieport', subsystem_vendor_id: null });
    expect(devices.find((d) => d.device_key === '0000:af:00.0')).toMatchObject({
      vendor_id: 0x144d, device_id: 0xa80a, subsystem_device_id: 0xa812, class_code: 0x010802, driver: 'nvme', vendor_name: 'Samsung Electronics Co Ltd',
    });
    expect(devices.find((d) => d.device_key === '0000:00:1f.0')).toMatchObject({ vendor_id: 0x8086, device_id: 0xa1d2, driver: null });
  });

  it("records sysfs attributes as 'sysfs' settings and AER counters as 'aer' settings", () => {
    expect(setting('0000:3b:00.0', 'sysfs', 'numa_node')).toBe('1');
    expect(setting('0000:3b:00.0', 'sysfs', 'sriov_totalvfs')).toBe('8');
    expect(setting('0000:3b:00.0', 'sysfs', 'sriov_numvfs')).toBe('0');
    expect(setting('0000:3b:00.0', 'sysfs', 'current_link_speed')).toBe('8.0 GT/s PCIe');
    expect(setting('0000:3b:00.0', 'sysfs', 'iommu_group')).toBe('40');
    expect(setting('0000:3b:00.0', 'sysfs', 'link.l1_aspm')).toBe('0');
    expect(setting('0000:3b:00.0', 'sysfs', 'vendor')).toBeUndefined();
    expect(setting('0000:3b:00.0', 'aer', 'dev_correctable.RxErr')).toBe('1');
    expect(setting('0000:3b:00.0', 'aer', 'dev_correctable.BadTLP')).toBe('2');
    expect(setting('0000:3b:00.0', 'aer', 'dev_correctable.TOTAL_ERR_COR')).toBe('3');
    expect(setting('0000:3a:00.0', 'aer', 'rootport_total_err_cor')).toBe('3');
    const modes = rows<{ mode: string }>(db, `SELECT DISTINCT mode FROM settings WHERE bundle_id = ?`, bundleId);
    expect(modes).toEqual([{ mode: 'current' }]);
  });

  it('records every capability with its decoded fields', () => {
    const caps = rows<{ cap_id: number; extended: number; offset: number; version: number | null; name: string; fields: string | null; artifact: string }>(
      db, `SELECT * FROM pci_capabilities WHERE bundle_id = ? AND device_key = '0000:3b:00.0' ORDER BY extended, rowid`, bundleId,
    );
    expect(caps.map((c) => [c.extended, c.offset])).toEqual([
      [0, 0x60], [0, 0x48], [0, 0x9c], [0, 0xc0], [0, 0x40],
      [1, 0x100], [1, 0x150], [1, 0x180], [1, 0x1c0], [1, 0x230], [1, 0x240], [1, 0x250], [1, 0x320], [1, 0x370], [1, 0x420],
    ]);
    const sriov = caps.find((c) => c.extended && c.cap_id === 0x10)!;
    expect(sriov).toMatchObject({ name: 'Single Root I/O Virtualization (SR-IOV)', version: 1, artifact: 'sys/bus/pci/devices/0000:3b:00.0/config' });
    expect(JSON.parse(sriov.fields!)).toMatchObject({ kind: 'sriov', totalVfs: 8, numVfs: 0, vfDeviceId: 0x101e });
    const express = JSON.parse(caps.find((c) => !c.extended && c.cap_id === 0x10)!.fields!);
    expect(express.devCtl).toMatchObject({ maxPayloadBytes: 256, maxReadRequestBytes: 512 });
    expect(caps.find((c) => c.cap_id === 0x27)).toMatchObject({ name: 'Lane Margining at the Receiver', fields: null });
  });

  it("writes a 'config' and a 'sysfs' link row; the degraded link shows in both", () => {
    const links = rows<Record<string, unknown>>(
      db, `SELECT device_key, source, max_speed_gts, max_width, speed_gts, width FROM pci_links WHERE bundle_id = ? ORDER BY device_key, source`, bundleId,
    );
    expect(links).toEqual([
      { device_key: '0000:00:1f.0', source: 'sysfs', max_speed_gts: null, max_width: null, speed_gts: null, width: null },
      { device_key: '0000:3a:00.0', source: 'config', max_speed_gts: 16, max_width: 16, speed_gts: 16, width: 16 },
      { device_key: '0000:3a:00.0', source: 'sysfs', max_speed_gts: 16, max_width: 16, speed_gts: 16, width: 16 },
      { device_key: '0000:3b:00.0', source: 'config', max_speed_gts: 16, max_width: 16, speed_gts: 8, width: 8 },
      { device_key: '0000:3b:00.0', source: 'sysfs', max_speed_gts: 16, max_width: 16, speed_gts: 8, width: 8 },
      { device_key: '0000:af:00.0', source: 'config', max_speed_gts: 16, max_width: 4, speed_gts: 16, width: 4 },
      { device_key: '0000:af:00.0', source: 'sysfs', max_speed_gts: 16, max_width: 4, speed_gts: null, width: 0 },
    ]);
  });

  it('records a bad config file and a bad attribute against their artifacts, and header-only dumps as an issue', () => {
    const errors = rows<{ name: string; parser: string; parse_error: string }>(
      db, `SELECT name, parser, parse_error FROM artifacts WHERE bundle_id = ? AND parse_error IS NOT NULL ORDER BY name`, bundleId,
    );
    expect(errors).toEqual([
      { name: 'sys/bus/pci/devices/0000:00:1f.0/config', parser: 'pci-config', parse_error: expect.stringMatching(/32 bytes is shorter than the 64-byte header/) },
      { name: 'sys/bus/pci/devices/0000:00:1f.0/current_link_width', parser: 'pci-sysfs', parse_error: expect.stringMatching(/link width.*"x4"/) },
    ]);
    const issues = rows<{ code: string; target: string; message: string }>(db, `SELECT code, target, message FROM collection_issues WHERE bundle_id = ? AND stage = 'analyze' ORDER BY target, code`, bundleId);
    expect(issues.map((i) => [i.code, i.target])).toEqual([
      ['PCI-CONFIG', 'sys/bus/pci/devices/0000:00:17.0/config'],
      ['PARSE', 'sys/bus/pci/devices/0000:00:1f.0/config'],
      ['PARSE', 'sys/bus/pci/devices/0000:00:1f.0/current_link_width'],
    ]);
    expect(issues[0]!.message).toMatch(/0000:00:17.0: capability list at 0x40 is beyond the 64-byte dump/);
    expect(rows(db, `SELECT 1 FROM pci_capabilities WHERE bundle_id = ? AND device_key IN ('0000:00:17.0', '0000:00:1f.0')`, bundleId)).toEqual([]);
  });
});

describe('pci loader on the shared fake host, with every class loader', () => {
  const out = mkdtempSync(join(tmpdir(), 'fwsnap-pci-fakehost-'));
  const facts = FAKEHOST;
  let db: Db;
  let bundleId: number;
  beforeAll(async () => {
    const r = await collect({ output: join(out, 'f.tar.gz'), root: FAKE, only: ['pci'], isolation: 'inline' });
    db = openDatabase(':memory:');
    bundleId = (await loadBundle(db, r.path)).bundleId;
  });
  afterAll(() => {
    db?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('loads every function with ids, and parses every config and attribute without error', () => {
    const devices = rows<{ device_key: string; vendor_id: number | null; device_id: number | null }>(db, `SELECT device_key, vendor_id, device_id FROM devices WHERE bundle_id = ? AND class = 'pci' ORDER BY device_key`, bundleId);
    expect(devices.map((d) => d.device_key)).toEqual([...facts.pciFunctions].sort());
    for (const d of devices) expect([d.vendor_id, d.device_id], d.device_key).not.toContain(null);
    expect(rows(db, `SELECT name, parse_error FROM artifacts WHERE bundle_id = ? AND name LIKE 'sys/bus/pci/%' AND parse_error IS NOT NULL`, bundleId)).toEqual([]);
    expect(rows(db, `SELECT code, message FROM collection_issues WHERE bundle_id = ? AND code IN ('PARSER-BUG', 'LOADER-BUG') AND (target LIKE 'sys/bus/pci/%' OR message LIKE 'loader pci %')`, bundleId)).toEqual([]);
  });

  it('ConnectX-6 Dx function 0: mlx5_core, SR-IOV 8 VFs in config and sysfs', () => {
    const bdf = '0000:3b:00.0';
    expect(rows(db, `SELECT driver, vendor_id, device_id FROM devices WHERE bundle_id = ? AND device_key = ?`, bundleId, bdf)).toEqual([{ driver: 'mlx5_core', vendor_id: 0x15b3, device_id: 0x101d }]);
    const sriov = rows<{ fields: string }>(db, `SELECT fields FROM pci_capabilities WHERE bundle_id = ? AND device_key = ? AND extended = 1 AND cap_id = 16`, bundleId, bdf);
    expect(JSON.parse(sriov[0]!.fields).totalVfs).toBe(8);
    expect(rows(db, `SELECT value FROM settings WHERE bundle_id = ? AND device_key = ? AND key = 'sriov_totalvfs'`, bundleId, bdf)).toEqual([{ value: '8' }]);
  });
});
