import { describe, expect, it } from 'vitest';
import { ioctlRequests } from '../../../collector/ioctl/allowlist.js';
import { auditStrace } from '../../helpers/syscall-audit.js';
import type { LabRun } from '../lab-machine.js';

/** The collector against real drivers, under strace: read-only ioctls and opens only. */
export function syscallScenario(lab: () => LabRun): void {
  describe('system calls of the collector in the guest (strace -f)', () => {
    it('every ioctl request is on the read-only allow-list and nothing under /sys, /proc or /dev is opened for writing', () => {
      const log = lab().text('strace.txt');
      expect(log, 'strace.txt is missing: is strace installed (the guest uses the host root)?').toBeDefined();
      const audit = auditStrace(log!);
      expect(audit.violations).toEqual([]);
      // The real drivers were exercised: ethtool on the e1000e and NVMe admin commands on the controller.
      expect(audit.ioctls.get(ioctlRequests().get('SIOCETHTOOL')!) ?? 0).toBeGreaterThan(0);
      expect(audit.ioctls.get(ioctlRequests().get('NVME_IOCTL_ADMIN_CMD')!) ?? 0).toBeGreaterThan(0);
      expect(audit.opens).toBeGreaterThan(100);
    });
  });
}
