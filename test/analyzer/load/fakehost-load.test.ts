import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../analyzer/db/database.js';
import { openDatabase } from '../../../analyzer/db/database.js';
import { devlinkLoader } from '../../../analyzer/classes/nic/devlink-loader.js';
import { loadBundle } from '../../../analyzer/load/load-bundle.js';
import { netLoader, netRegsLoader } from '../../../analyzer/classes/nic/net-loader.js';
import { nvmeLoader } from '../../../analyzer/classes/nvme/loader.js';
import { platformLoader } from '../../../analyzer/classes/platform/loader.js';
import { cpuLoader } from '../../../analyzer/classes/cpu/loader.js';
import { ataLoader } from '../../../analyzer/classes/ata/loader.js';
import { fakehostBundle } from './fakehost-bundle.js';

type Row = Record<string, unknown>;

describe('nic, nvme, ata, platform and cpu loaders on the collected fake host', () => {
  let db: Db;
  let cleanup: () => void;
  const device = (key: string): Row | undefined => db.prepare('SELECT * FROM devices WHERE device_key = ?').get(key) as Row | undefined;
  const firmware = (key: string): Row[] => db.prepare('SELECT component, version, state FROM firmware WHERE device_key = ? ORDER BY rowid').all(key) as Row[];
  const setting = (key: string, ns: string, k: string, mode = 'current'): unknown =>
    (db.prepare('SELECT value FROM settings WHERE device_key = ? AND namespace = ? AND key = ? AND mode = ?').get(key, ns, k, mode) as { value: unknown } | undefined)?.value;

  beforeAll(async () => {
    const b = await fakehostBundle();
    cleanup = b.cleanup;
    db = openDatabase(':memory:');
    await loadBundle(db, b.path, { loaders: [netLoader, nvmeLoader, ataLoader, devlinkLoader, platformLoader, cpuLoader], streaming: [netRegsLoader] });
  });
  afterAll(() => cleanup?.());

  it('records no parse problem', () => {
    expect(db.prepare(`SELECT target, code, message FROM collection_issues WHERE stage = 'analyze'`).all()).toEqual([]);
    expect(db.prepare('SELECT name, parse_error FROM artifacts WHERE parse_error IS NOT NULL').all()).toEqual([]);
  });

  it('makes net devices from drvinfo, attached to their PCI functions, with firmware', () => {
    expect(device('net:ens1f0np0')).toMatchObject({ class: 'net', pci_address: '0000:3b:00.0', parent_key: '0000:3b:00.0', driver: 'mlx5_core' });
    expect(device('net:ens2f0')).toMatchObject({ pci_address: '0000:5e:00.0', driver: 'i40e' });
    expect(firmware('net:ens2f0')).toEqual([{ component: 'firmware', version: '9.20 0x8000d8c5 1.3429.0', state: 'running' }]);
    expect(firmware('net:ens1f0np0')).toEqual([{ component: 'firmware', version: '22.39.1002 (MT_0000000359)', state: 'running' }]);
  });

  it('records ethtool settings per namespace, and sysfs attributes', () => {
    expect(setting('net:ens1f0np0', 'ethtool.priv-flags', 'rx_striding_rq')).toBe('1');
    expect(setting('net:ens1f0np0', 'ethtool.priv-flags', 'rx_cqe_compress')).toBe('0');
    expect(setting('net:ens2f0', 'ethtool.priv-flags', 'disable-fw-lldp')).toBe('0');
    expect(setting('net:ens1f0np0', 'ethtool.link', 'speed')).toBe('100000');
    expect(setting('net:ens1f0np0', 'ethtool.link', 'port')).toBe('da');
    expect(setting('net:ens2f0', 'ethtool.link', 'autoneg')).toBe('0');
    for (const ns of ['ethtool.ring', 'ethtool.channels', 'ethtool.coalesce', 'ethtool.pause', 'ethtool.fec', 'ethtool.drvinfo', 'sysfs']) {
      const n = (db.prepare('SELECT count(*) n FROM settings WHERE device_key = ? AND namespace = ?').get('net:ens1f0np0', ns) as { n: number }).n;
      expect(n, ns).toBeGreaterThan(0);
    }
    expect(setting('net:ens1f0np0', 'sysfs', 'mtu')).toMatch(/^\d+$/);
  });

  it('streams the i40e register dump into one row per word', () => {
    const len = Number(setting('net:ens2f0', 'ethtool.regs', 'len'));
    const version = setting('net:ens2f0', 'ethtool.regs', 'version');
    const rows = db.prepare('SELECT space, count(*) n, min(offset) lo, max(offset) hi FROM registers WHERE device_key = ? GROUP BY space').all('net:ens2f0');
    expect(rows).toEqual([{ space: `ethtool-regs:v${version}`, n: Math.floor(len / 4), lo: 0, hi: Math.floor(len / 4) * 4 - 4 }]);
  });

  it('makes the NVMe controller with running, slot and pending firmware and SMART values', () => {
    expect(device('nvme:nvme0')).toMatchObject({ class: 'nvme', pci_address: '0000:af:00.0', vendor_id: 0x144d, model: 'SAMSUNG MZQL23T8HCLS-00A07' });
    const fw = firmware('nvme:nvme0');
    expect(fw[0]).toEqual({ component: 'firmware', version: 'GDC5602Q', state: 'running' });
    expect(fw.some((f) => f.state === 'slot-1' && f.version === 'GDC5602Q')).toBe(true);
    const pending = fw.filter((f) => f.state === 'pending');
    expect(pending.length).toBeLessThanOrEqual(1);
    if (pending.length) expect(fw).toContainEqual({ ...pending[0], state: `slot-${setting('nvme:nvme0', 'nvme.fw-log', 'next_reset_slot')}` });
    expect(setting('nvme:nvme0', 'nvme.smart', 'temperature_c')).toMatch(/^\d+$/);
    expect(setting('nvme:nvme0', 'nvme.smart', 'media_errors')).toBe('0');
    expect(setting('nvme:nvme0', 'nvme.id-ctrl', 'firmware_slots')).toMatch(/^[1-7]$/);
    expect(setting('nvme:nvme0', 'nvme.feature', 'power_state')).toBeDefined();
  });

  it('maps the SATA disk to its ATA device and records IDENTIFY facts and the kernel trim decision', () => {
    // parent_key points from child to parent: the disk to its drive, the drive to its controller.
    expect(device('block:sda')).toMatchObject({ class: 'block', pci_address: '0000:00:17.0', parent_key: 'ata:dev1.0' });
    expect(device('block:nvme0n1')).toMatchObject({ parent_key: 'nvme:nvme0' });
    expect(device('ata:dev1.0')).toMatchObject({ class: 'ata', parent_key: '0000:00:17.0', model: 'Crucial_CT512MX100SSD1' });
    expect(device('ata:dev2.0')).toBeUndefined();
    expect(firmware('ata:dev1.0')).toEqual([{ component: 'firmware', version: 'MU01', state: 'running' }]);
    expect(setting('ata:dev1.0', 'ata', 'trim_mode')).toBe('forced_unqueued');
    expect(setting('ata:dev1.0', 'ata', 'ncq')).toBe('1');
    expect(setting('ata:dev1.0', 'ata', 'lpm_policy')).toBeDefined();
    expect(setting('block:sda', 'queue', 'scheduler')).toBe('mq-deadline');
    expect(setting('block:sda', 'queue', 'rotational')).toBe('0');
  });

  it('makes devlink devices with versions by state, params by cmode and health reporters', () => {
    expect(device('devlink:pci/0000:3b:00.0')).toMatchObject({ class: 'devlink', pci_address: '0000:3b:00.0', driver: 'mlx5_core' });
    expect(firmware('devlink:pci/0000:3b:00.0')).toContainEqual({ component: 'fw.psid', version: 'MT_0000000359', state: 'fixed' });
    expect(firmware('devlink:pci/0000:3b:00.0')).toContainEqual({ component: 'fw', version: '22.39.1002', state: 'stored' });
    expect(setting('devlink:pci/0000:3b:00.0', 'devlink.health', 'fw_fatal.state')).toBe('healthy');
    const params = db.prepare(`SELECT key, value, mode FROM settings WHERE device_key = ? AND namespace = 'devlink.param'`).all('devlink:pci/0000:3b:00.0') as Row[];
    expect(params.length).toBeGreaterThan(0);
    expect(params.every((p) => ['runtime', 'driverinit', 'permanent', 'default'].includes(p.mode as string))).toBe(true);
  });

  it('records BIOS, microcode with the CPU signature, and kernel facts', () => {
    expect(firmware('platform')).toEqual([{ component: 'bios', version: '2.19.1', state: 'running' }]);
    expect(setting('platform', 'dmi', 'bios_date_iso')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(setting('cpu:0', 'cpu', 'signature')).toBe('06-55-04');
    expect(firmware('cpu:0')).toEqual([{ component: 'microcode', version: expect.stringMatching(/^0x[0-9a-f]+$/), state: 'running' }]);
    expect(setting('kernel', 'kernel', 'cmdline.pcie_aspm', 'runtime')).toBe('off');
    expect(setting('kernel', 'kernel', 'tainted')).toBe('0');
    expect(setting('kernel', 'module:mlx5_core', '.loaded')).toBe('1');
    expect(setting('kernel', 'module:pcie_aspm', 'policy', 'runtime')).toBeDefined();
  });
});
