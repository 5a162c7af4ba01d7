import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { openBundle } from '../collector/bundle-entries.js';
import { writeTree } from '../faults/fault-helpers.js';

const dir = mkdtempSync(join(process.env.TMPDIR ?? tmpdir(), 'fwsnap-amdgpu-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rows = (db: Db, sql: string): Record<string, unknown>[] => db.prepare(sql).all() as Record<string, unknown>[];

/**
 * amdgpu's attributes on its PCI function, in the driver's format ("0x%08x"). The block versions are those a
 * Radeon reported in pop-os/pop#2132 (its amdgpu_firmware_info reads the same fields fw_version/ prints); the
 * VBIOS part number is the Phoenix one rocm-smi showed in sebhildebrandt/systeminformation#960.
 */
function host(root: string): void {
  const fn = 'sys/devices/pci0000:00/0000:00:08.1/0000:c4:00.0';
  const fw: Record<string, string> = {
    vce: '0x00000000', uvd: '0x00000000', mc: '0x00000000', me: '0x0000003e', pfp: '0x00000056', ce: '0x00000024', rlc: '0x00000042',
    mec: '0x00000058', mec2: '0x00000058', sos: '0x0022020a', asd: '0x2100005a', smc: '0x00412a00', sdma: '0x00000045',
  };
  writeTree(root, {
    'proc/sys/kernel/hostname': 'amdhost\n',
    'sys/bus/pci/drivers/amdgpu/0000:c4:00.0': { link: '../../../../devices/pci0000:00/0000:00:08.1/0000:c4:00.0' },
    [`${fn}/vbios_version`]: '113-PHXGENERIC-001\n',
    [`${fn}/serial_number`]: 'PHX0123456789\n',
    [`${fn}/product_name`]: 'AMD Radeon 780M\n',
    ...Object.fromEntries(Object.entries(fw).map(([b, v]) => [`${fn}/fw_version/${b}_fw_version`, `${v}\n`])),
    [`${fn}/fw_version/remove`]: 'not an attribute the source reads\n',
  });
}

describe('amdgpu part of the gpu class', () => {
  it('collects the VBIOS and every block version, and loads them under the PCI function', async () => {
    const root = join(dir, 'amd');
    host(root);
    const out = join(dir, 'amd.tar.gz');
    const r = await collect({ output: out, root, only: ['gpu'], isolation: 'inline' });
    expect(r.manifest.sources.find((s) => s.name === 'gpu')?.status).toBe('ok');
    const names = [...(await openBundle(out)).entries.keys()];
    expect(names).toContain('sys/bus/pci/drivers/amdgpu/0000:c4:00.0/fw_version/sos_fw_version');
    expect(names.filter((n) => n.endsWith('/remove'))).toEqual([]);
    const db = openDatabase(':memory:');
    await loadBundle(db, out);
    expect(rows(db, `SELECT device_key, parent_key AS parent, driver, model, serial FROM devices WHERE class = 'gpu'`)).toEqual([
      { device_key: 'gpu:0000:c4:00.0', parent: '0000:c4:00.0', driver: 'amdgpu', model: 'AMD Radeon 780M', serial: 'PHX0123456789' },
    ]);
    expect(rows(db, `SELECT component, version, scheme FROM firmware WHERE device_key = 'gpu:0000:c4:00.0' ORDER BY component`)).toEqual([
      { component: 'amdgpu.asd', version: '0x2100005a', scheme: 'hex' },
      { component: 'amdgpu.ce', version: '0x00000024', scheme: 'hex' },
      { component: 'amdgpu.me', version: '0x0000003e', scheme: 'hex' },
      { component: 'amdgpu.mec', version: '0x00000058', scheme: 'hex' },
      { component: 'amdgpu.mec2', version: '0x00000058', scheme: 'hex' },
      { component: 'amdgpu.pfp', version: '0x00000056', scheme: 'hex' },
      { component: 'amdgpu.rlc', version: '0x00000042', scheme: 'hex' },
      { component: 'amdgpu.sdma', version: '0x00000045', scheme: 'hex' },
      { component: 'amdgpu.smc', version: '0x00412a00', scheme: 'hex' },
      { component: 'amdgpu.sos', version: '0x0022020a', scheme: 'hex' },
      { component: 'amdgpu.vbios', version: '113-PHXGENERIC-001', scheme: 'plain' },
    ]);
  });

  it('redacts the board serial', async () => {
    const root = join(dir, 'amd-redact');
    host(root);
    const out = join(dir, 'amd-redact.tar.gz');
    await collect({ output: out, root, only: ['gpu'], isolation: 'inline', redact: { mapPath: join(dir, 'amd.map.json') } });
    const b = await openBundle(out);
    expect(b.text('sys/bus/pci/drivers/amdgpu/0000:c4:00.0/serial_number')).not.toContain('PHX0123456789');
    expect(b.text('sys/bus/pci/drivers/amdgpu/0000:c4:00.0/vbios_version')).toBe('113-PHXGENERIC-001\n');
  });

  it('stores a real vbios_version as the VBIOS firmware row (provenance beside it)', async () => {
    const real = new URL('./fixtures/real/', import.meta.url);
    const vbios = readFileSync(new URL('amdgpu-vbios-version-picasso.txt', real), 'utf8');
    const truth = (parse(readFileSync(new URL('amdgpu-vbios-version-picasso.provenance.yaml', real), 'utf8')) as { truth: { vbios: string } }).truth;
    const root = join(dir, 'picasso');
    const fn = 'sys/devices/pci0000:00/0000:00:08.1/0000:05:00.0';
    writeTree(root, {
      'sys/bus/pci/drivers/amdgpu/0000:05:00.0': { link: '../../../../devices/pci0000:00/0000:00:08.1/0000:05:00.0' },
      [`${fn}/vbios_version`]: vbios,
    });
    const out = join(dir, 'picasso.tar.gz');
    await collect({ output: out, root, only: ['gpu'], isolation: 'inline' });
    const db = openDatabase(':memory:');
    await loadBundle(db, out);
    expect(rows(db, `SELECT device_key, component, version FROM firmware WHERE component = 'amdgpu.vbios'`)).toEqual([{ device_key: 'gpu:0000:05:00.0', component: 'amdgpu.vbios', version: truth.vbios }]);
  });
});
