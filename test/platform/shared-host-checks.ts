import { expect, it } from 'vitest';
import { FAKEHOST } from '../../collector/fake-host/fakehost-facts.js';
import type { SharedHostChecks } from '../helpers/fake-host/shared-host-checks.js';

/** What the platform source collects and loads from the shared fake host (collector/classes/platform/fake-host.ts). */
export const platformSharedHost: SharedHostChecks = {
  name: 'platform',
  source: { status: 'ok', devices: { platform: 1, kernel: 1 } },
  // The kernel release alone makes the kernel's inventory entry.
  bare: { status: 'ok', devices: { kernel: 1 } },
  lost: { dirs: ['sys/class/dmi'], source: { status: 'ok' } },
  collected(host) {
    it('platform: stores DMI, kernel facts, os-release and the module parameters of bound drivers', () => {
      const { bundle: b } = host();
      const facts = FAKEHOST;
      expect(b.text('sys/class/dmi/id/bios_version')).toBe('2.19.1\n');
      expect(b.text('sys/class/dmi/id/product_serial')).toBe('7X8Y9Z1\n');
      expect(b.text('proc/sys/kernel/osrelease').trim()).toBe(facts.kernelRelease);
      expect(b.manifest.host.kernelRelease).toBe(facts.kernelRelease);
      expect(b.text('proc/cmdline').trim()).toBe(facts.cmdline);
      expect(b.text('proc/sys/kernel/tainted')).toBe('0\n');
      expect(b.text('proc/modules')).toContain('mlx5_core ');
      expect(b.text('etc/os-release')).toContain('VERSION_ID="9.4"');
      for (const m of ['mlx5_core', 'i40e', 'nvme', 'ahci']) expect(b.text(`sys/bus/pci/drivers/${m}/module`)).toBe(`../../../../module/${m}`);
      expect(b.text('sys/module/mlx5_core/parameters/prof_sel')).toBe('2\n');
      expect(b.text('sys/module/nvme_core/parameters/io_timeout')).toBe('30\n');
      expect(b.text('sys/module/libata/parameters/fua')).toBe('0\n');
      expect(b.text('sys/module/pcie_aspm/parameters/policy')).toContain('[powersave]');
      // Bound to nothing collected: its parameters are not wanted.
      expect([...b.entries.keys()].some((n) => n.startsWith('sys/module/mlx5_ib/'))).toBe(false);
    });
  },
  loaded(host) {
    it('platform: records the BIOS and kernel facts', () => {
      const { firmware, setting } = host();
      expect(firmware('platform')).toEqual([{ component: 'bios', version: '2.19.1', state: 'running' }]);
      expect(setting('platform', 'dmi', 'bios_date_iso')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(setting('kernel', 'kernel', 'cmdline.pcie_aspm', 'runtime')).toBe('off');
      expect(setting('kernel', 'kernel', 'tainted')).toBe('0');
      expect(setting('kernel', 'module:mlx5_core', '.loaded')).toBe('1');
      expect(setting('kernel', 'module:pcie_aspm', 'policy', 'runtime')).toBeDefined();
    });
  },
};
