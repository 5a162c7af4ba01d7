import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';
import { parseVersion, versionKey } from '../../analyzer/version/index.js';
import { collect } from '../../collector/collect.js';
import { USB_DENIED } from '../../collector/classes/usb/attributes.js';
import { openBundle } from '../collector/bundle-entries.js';
import { writeTree } from '../faults/fault-helpers.js';

const dir = mkdtempSync(join(process.env.TMPDIR ?? tmpdir(), 'fwsnap-usb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rows = (db: Db, sql: string): Record<string, unknown>[] => db.prepare(sql).all() as Record<string, unknown>[];
const RULES = loadRules(fileURLToPath(new URL('../../rules/usb', import.meta.url)));

const XHCI = 'sys/devices/pci0000:00/0000:00:14.0';
const NHI = 'sys/devices/pci0000:00/0000:00:0d.2';
const attrs = (base: string, values: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [`${base}/${k}`, `${v}\n`]));

/**
 * A laptop in the kernel's sysfs layout (drivers/usb/core/sysfs.c, drivers/thunderbolt/*.c): a root hub, an
 * Apricorn USB 3 disk enclosure at firmware 1.28 bound to uas on a USB 2 port, a hub, a Thunderbolt domain with
 * no DMA protection and a dock whose last NVM update failed; plus attributes the source must never read.
 */
function laptop(root: string, o: { bcd?: string; driver?: string; quirks?: string } = {}): void {
  writeTree(root, {
    'sys/bus/usb/devices/usb2': { link: `../../../devices/pci0000:00/0000:00:14.0/usb2` },
    ...attrs(`${XHCI}/usb2`, { idVendor: '1d6b', idProduct: '0003', bcdDevice: '0618', version: ' 3.10', speed: '10000', manufacturer: 'Linux 6.18.0 xhci-hcd', product: 'xHCI Host Controller', serial: '0000:00:14.0', maxchild: '4' }),
    'sys/bus/usb/devices/2-1': { link: `../../../devices/pci0000:00/0000:00:14.0/usb2/2-1` },
    ...attrs(`${XHCI}/usb2/2-1`, { idVendor: '0984', idProduct: '0301', bcdDevice: o.bcd ?? '0128', version: ' 3.20', speed: '480', manufacturer: 'Apricorn', product: 'Secure Key 3.0', serial: 'AP1234567890', removable: 'removable', descriptors: '\x12\x01' }),
    'sys/bus/usb/devices/2-1:1.0': { link: `../../../devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0` },
    ...attrs(`${XHCI}/usb2/2-1/2-1:1.0`, { bInterfaceClass: '08', bInterfaceSubClass: '06', bInterfaceProtocol: '62', bNumEndpoints: '04' }),
    [`${XHCI}/usb2/2-1/2-1:1.0/driver`]: { link: `../../../../../../bus/usb/drivers/${o.driver ?? 'uas'}` },
    'sys/bus/usb/devices/2-2': { link: `../../../devices/pci0000:00/0000:00:14.0/usb2/2-2` },
    ...attrs(`${XHCI}/usb2/2-2`, { idVendor: '05e3', idProduct: '0626', bcdDevice: '0655', version: ' 3.10', speed: '5000', product: 'USB3.1 Hub' }),
    'sys/bus/usb/devices/2-2.1': { link: `../../../devices/pci0000:00/0000:00:14.0/usb2/2-2/2-2.1` },
    ...attrs(`${XHCI}/usb2/2-2/2-2.1`, { idVendor: '0bda', idProduct: '8153', bcdDevice: '3100', version: ' 3.00', speed: '5000', manufacturer: 'Realtek', product: 'USB 10/100/1000 LAN' }),
    ...(o.quirks ? { 'sys/module/usb_storage/parameters/quirks': `${o.quirks}\n` } : {}),
    'sys/bus/thunderbolt/devices/domain0': { link: `../../../devices/pci0000:00/0000:00:0d.2/domain0` },
    ...attrs(`${NHI}/domain0`, { security: 'none', iommu_dma_protection: '0', deauthorization: '0', boot_acl: ',,,' }),
    'sys/bus/thunderbolt/devices/0-0': { link: `../../../devices/pci0000:00/0000:00:0d.2/domain0/0-0` },
    ...attrs(`${NHI}/domain0/0-0`, { vendor: '0x8087', device: '0x9a1b', vendor_name: 'Intel', device_name: 'Tiger Lake', generation: '4', nvm_version: '20.0', unique_id: 'd7010000-0070-6518-2364-d81f3c6a1e21', authorized: '1' }),
    'sys/bus/thunderbolt/devices/0-1': { link: `../../../devices/pci0000:00/0000:00:0d.2/domain0/0-0/0-1` },
    ...attrs(`${NHI}/domain0/0-0/0-1`, { vendor: '0xd4', device: '0xb070', vendor_name: 'Dell', device_name: 'WD19TB', generation: '3', nvm_version: '45.0', nvm_authenticate: '0x2', unique_id: 'c6030000-0062-641e-036f-0b2f6a8a9b21', key: '0123456789abcdef', authorized: '1' }),
  });
}

async function collectAndLoad(name: string, o: Parameters<typeof laptop>[1] = {}, redact = false): Promise<{ db: Db; entries: Map<string, Buffer>; findings: string[]; status: string }> {
  const root = join(dir, name);
  laptop(root, o);
  const out = join(dir, `${name}.tar.gz`);
  const r = await collect({ output: out, root, only: ['usb'], isolation: 'inline', ...(redact ? { redact: { mapPath: join(dir, `${name}.map.json`) } } : {}) });
  const db = openDatabase(':memory:');
  const { bundleId } = await loadBundle(db, r.path);
  const findings = runRules(db, bundleId, RULES).filter((x) => x.result === 'fail').map((x) => `${x.ruleId} ${x.deviceKey}`).sort();
  return { db, entries: (await openBundle(out)).entries, findings, status: r.manifest.sources.find((s) => s.name === 'usb')!.status };
}

describe('usb class: source, loader and rules from a sysfs tree', () => {
  it('stores the allow-listed attributes and never the denied ones (a router key, a domain boot_acl, descriptors)', async () => {
    const { entries, status } = await collectAndLoad('read');
    expect(status).toBe('ok');
    const names = [...entries.keys()];
    expect(names).toContain('sys/bus/usb/devices/2-1/bcdDevice');
    expect(names).toContain('sys/bus/usb/devices/2-1:1.0/driver');
    expect(names).toContain('sys/bus/thunderbolt/devices/0-1/nvm_authenticate');
    for (const denied of USB_DENIED) expect(names.filter((n) => n.endsWith(`/${denied}`)), denied).toEqual([]);
  });

  it('loads devices under their hubs and controllers, with bcdDevice, speed and the storage driver', async () => {
    const { db } = await collectAndLoad('load');
    expect(rows(db, `SELECT device_key, parent_key AS parent, CASE WHEN vendor_id IS NULL THEN NULL ELSE printf('%04x', vendor_id) END AS vid, model, serial FROM devices WHERE class IN ('usb', 'thunderbolt') ORDER BY device_key`)).toEqual([
      { device_key: 'thunderbolt:0-0', parent: 'thunderbolt:domain0', vid: '8087', model: 'Intel Tiger Lake', serial: 'd7010000-0070-6518-2364-d81f3c6a1e21' },
      { device_key: 'thunderbolt:0-1', parent: 'thunderbolt:0-0', vid: '00d4', model: 'Dell WD19TB', serial: 'c6030000-0062-641e-036f-0b2f6a8a9b21' },
      { device_key: 'thunderbolt:domain0', parent: '0000:00:0d.2', vid: null, model: null, serial: null },
      { device_key: 'usb:2-1', parent: 'usb:usb2', vid: '0984', model: 'Apricorn Secure Key 3.0', serial: 'AP1234567890' },
      { device_key: 'usb:2-2', parent: 'usb:usb2', vid: '05e3', model: 'USB3.1 Hub', serial: null },
      { device_key: 'usb:2-2.1', parent: 'usb:2-2', vid: '0bda', model: 'Realtek USB 10/100/1000 LAN', serial: null },
      { device_key: 'usb:usb2', parent: '0000:00:14.0', vid: '1d6b', model: 'Linux 6.18.0 xhci-hcd xHCI Host Controller', serial: '0000:00:14.0' },
    ]);
    expect(rows(db, `SELECT device_key AS d, component AS c, version AS v, scheme AS s FROM firmware WHERE device_key IN ('usb:2-1', 'thunderbolt:0-1') ORDER BY d`)).toEqual([
      { d: 'thunderbolt:0-1', c: 'nvm', v: '45.0', s: 'dotted' },
      { d: 'usb:2-1', c: 'bcd_device', v: '0x0128', s: 'usb-bcd' },
    ]);
    expect(rows(db, `SELECT key, value FROM settings WHERE device_key = 'usb:2-1' AND namespace = 'usb' ORDER BY key`)).toEqual([
      { key: 'interface_classes', value: '08' },
      { key: 'interface_drivers', value: 'uas' },
      { key: 'removable', value: 'removable' },
      { key: 'speed', value: '480' },
      { key: 'storage_driver', value: 'uas' },
      { key: 'version', value: '3.20' },
    ]);
  });

  it('fires the kernel-table, speed and Thunderbolt rules on this laptop', async () => {
    const { findings } = await collectAndLoad('rules');
    expect(findings).toEqual([
      'usb.storage-quirk.0984-0301.0128-0128.uas.ignore-uas usb:2-1',
      'usb.superspeed-device-at-usb2-speed usb:2-1',
      'usb.thunderbolt-dma-unprotected thunderbolt:domain0',
      'usb.thunderbolt-nvm-authentication-failed thunderbolt:0-1',
    ]);
  });

  it('stays quiet on another firmware revision and under usb-storage, and names an override', async () => {
    const other = await collectAndLoad('other', { bcd: '0129' });
    expect(other.findings.filter((f) => f.startsWith('usb.storage-quirk'))).toEqual([]);
    const storage = await collectAndLoad('storage', { driver: 'usb-storage', quirks: '0984:0301:u' });
    expect(storage.findings.filter((f) => f.startsWith('usb.storage'))).toEqual(['usb.storage-quirks-override usb:2-1']);
  });

  it('redacts USB serials and Thunderbolt unique ids', async () => {
    const { entries } = await collectAndLoad('redact', {}, true);
    const all = [...entries.values()].map((b) => b.toString('latin1')).join('\n');
    for (const secret of ['AP1234567890', 'c6030000-0062-641e-036f-0b2f6a8a9b21', 'd7010000-0070-6518-2364-d81f3c6a1e21']) expect(all).not.toContain(secret);
    expect(entries.get('sys/bus/usb/devices/2-1/bcdDevice')?.toString()).toBe('0128\n');
  });

  it('keeps bcdDevice 0x0000 and 0xffff as real revisions that order as numbers', () => {
    for (const v of ['0x0000', '0xffff']) expect(parseVersion(v, 'usb-bcd').unknown).toBe(false);
    expect(parseVersion('0128', 'usb-bcd').unknown).toBe(true);
    const key = (v: string): string => versionKey(v, 'usb-bcd')!;
    expect([key('0x0100'), key('0x0099'), key('0x0a00'), key('0x0128')].sort()).toEqual([key('0x0099'), key('0x0100'), key('0x0128'), key('0x0a00')]);
  });

  it('skips a host without USB or Thunderbolt at once', async () => {
    const root = join(dir, 'none');
    writeTree(root, { 'proc/sys/kernel/hostname': 'bare\n' });
    const r = await collect({ output: join(dir, 'none.tar.gz'), root, only: ['usb'], isolation: 'inline' });
    expect(r.manifest.sources.find((s) => s.name === 'usb')).toMatchObject({ status: 'skipped' });
  });

  it('documents every artifact it stores', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/artifacts/usb.md', import.meta.url)), 'utf8');
    for (const name of ['bcdDevice', 'nvm_version', 'nvm_authenticate', 'iommu_dma_protection', 'usb_storage/parameters/quirks', 'driver']) expect(doc).toContain(name);
  });
});
