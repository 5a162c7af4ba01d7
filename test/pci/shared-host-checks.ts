import { readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FAKEHOST } from '../../collector/fake-host/fakehost-facts.js';
import type { SharedHostChecks } from '../helpers/fake-host/shared-host-checks.js';

/** What the pci source collects from the shared fake host (its functions: collector/classes/pci/fake-host.ts). */
export const pciSharedHost: SharedHostChecks = {
  name: 'pci',
  source: { status: 'ok', devices: { pci: FAKEHOST.pciFunctions.length } },
  bare: { status: 'skipped', reason: 'no PCI bus in the tree' },
  collected(host) {
    it('pci: stores every PCI function\'s config space byte for byte, with a file origin at its host path', () => {
      const { bundle: b, byName, root } = host();
      for (const bdf of FAKEHOST.pciFunctions) {
        const name = `sys/bus/pci/devices/${bdf}/config`;
        expect(b.entries.get(name)?.equals(readFileSync(join(root, name))), name).toBe(true);
        expect(byName.get(name)).toMatchObject({ source: 'pci', origin: { kind: 'file', path: `/${name}` }, truncated: false, replayedFrom: name });
      }
      expect(b.entries.get('sys/bus/pci/devices/0000:3b:00.0/config')!.length).toBe(4096);
      expect(b.entries.get('sys/bus/pci/devices/0000:00:17.0/config')!.length).toBe(256);
    });

    it('pci: stores ids, link, SR-IOV, AER, ASPM and VPD attributes and the driver and IOMMU links', () => {
      const { bundle: b, byName } = host();
      const d = 'sys/bus/pci/devices/0000:3b:00.0';
      expect(b.text(`${d}/vendor`)).toBe('0x15b3\n');
      expect(b.text(`${d}/device`)).toBe('0x101d\n');
      expect(b.text(`${d}/class`)).toBe('0x020000\n');
      expect(b.text(`${d}/current_link_speed`)).toBe('16.0 GT/s PCIe\n');
      expect(b.text(`${d}/max_link_width`)).toBe('16\n');
      expect(b.text(`${d}/sriov_totalvfs`)).toBe('8\n');
      expect(b.text(`${d}/sriov_numvfs`)).toBe('0\n');
      expect(b.text(`${d}/aer_dev_correctable`)).toContain('BadTLP 2\n');
      expect(b.text(`${d}/link/l1_aspm`)).toBe('0\n');
      expect(b.text(`${d}/vpd`)).toContain('MCX623106AN-CDAT');
      expect(b.text(`${d}/driver`)).toBe('../../../../bus/pci/drivers/mlx5_core');
      expect(byName.get(`${d}/driver`)?.origin).toEqual({ kind: 'link', path: `/${d}/driver` });
      expect(b.text(`${d}/iommu_group`)).toBe('../../../../kernel/iommu_groups/40');
      expect(b.text(`${d}/.link`)).toBe('../../../devices/pci0000:3a/0000:3a:00.0/0000:3b:00.0');
      expect(b.text('sys/bus/pci/devices/0000:3a:00.0/aer_rootport_total_err_cor')).toBe('0\n');
      expect(b.entries.has('sys/bus/pci/devices/0000:00:00.0/driver')).toBe(false);
      expect(b.entries.has('sys/bus/pci/devices/0000:3b:00.1/sriov_totalvfs')).toBe(false);
    });

    it('pci: the tree really holds a function\'s reset file (the whole-host test checks no such file is stored)', () => {
      const { root } = host();
      expect(readFileSync(join(root, 'sys/bus/pci/devices/0000:3b:00.0/reset'), 'utf8')).toContain('FORBIDDEN');
      expect(readlinkSync(join(root, 'sys/bus/pci/devices/0000:3b:00.0'))).toContain('0000:3b:00.0');
    });
  },
};
