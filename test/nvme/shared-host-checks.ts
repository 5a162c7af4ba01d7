import { expect, it } from 'vitest';
import type { SharedHostChecks } from '../helpers/fake-host/shared-host-checks.js';

/** What the nvme class loads from the shared fake host (its controller: collector/classes/nvme/fake-host.ts). */
export const nvmeSharedHost: SharedHostChecks = {
  name: 'nvme',
  loaded(host) {
    it('nvme: makes the NVMe controller with running, slot and pending firmware and SMART values', () => {
      const { device, firmware, setting } = host();
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
  },
};
