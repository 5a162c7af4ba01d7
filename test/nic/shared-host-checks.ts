import { expect, it } from 'vitest';
import type { Row, SharedHostChecks } from '../helpers/fake-host/shared-host-checks.js';

/** What the nic class loads from the shared fake host (its interfaces and devlink devices: collector/classes/nic/fake-host.ts). */
export const nicSharedHost: SharedHostChecks = {
  name: 'nic',
  loaded(host) {
    it('nic: makes net devices from drvinfo, attached to their PCI functions, with firmware', () => {
      const { device, firmware } = host();
      expect(device('net:ens1f0np0')).toMatchObject({ class: 'net', pci_address: '0000:3b:00.0', parent_key: '0000:3b:00.0', driver: 'mlx5_core' });
      expect(device('net:ens2f0')).toMatchObject({ pci_address: '0000:5e:00.0', driver: 'i40e' });
      expect(firmware('net:ens2f0')).toEqual([{ component: 'firmware', version: '9.20 0x8000d8c5 1.3429.0', state: 'running' }]);
      expect(firmware('net:ens1f0np0')).toEqual([{ component: 'firmware', version: '22.39.1002 (MT_0000000359)', state: 'running' }]);
    });

    it('nic: records ethtool settings per namespace, and sysfs attributes', () => {
      const { db, setting } = host();
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

    it('nic: streams the i40e register dump into one row per word', () => {
      const { db, setting } = host();
      const len = Number(setting('net:ens2f0', 'ethtool.regs', 'len'));
      const version = setting('net:ens2f0', 'ethtool.regs', 'version');
      const rows = db.prepare('SELECT space, count(*) n, min(offset) lo, max(offset) hi FROM registers WHERE device_key = ? GROUP BY space').all('net:ens2f0');
      expect(rows).toEqual([{ space: `ethtool-regs:v${version}`, n: Math.floor(len / 4), lo: 0, hi: Math.floor(len / 4) * 4 - 4 }]);
    });

    it('nic: makes devlink devices with versions by state, params by cmode and health reporters', () => {
      const { db, device, firmware, setting } = host();
      expect(device('devlink:pci/0000:3b:00.0')).toMatchObject({ class: 'devlink', pci_address: '0000:3b:00.0', driver: 'mlx5_core' });
      expect(firmware('devlink:pci/0000:3b:00.0')).toContainEqual({ component: 'fw.psid', version: 'MT_0000000359', state: 'fixed' });
      expect(firmware('devlink:pci/0000:3b:00.0')).toContainEqual({ component: 'fw', version: '22.39.1002', state: 'stored' });
      expect(setting('devlink:pci/0000:3b:00.0', 'devlink.health', 'fw_fatal.state')).toBe('healthy');
      const params = db.prepare(`SELECT key, value, mode FROM settings WHERE device_key = ? AND namespace = 'devlink.param'`).all('devlink:pci/0000:3b:00.0') as Row[];
      expect(params.length).toBeGreaterThan(0);
      expect(params.every((p) => ['runtime', 'driverinit', 'permanent', 'default'].includes(p.mode as string))).toBe(true);
    });
  },
};
