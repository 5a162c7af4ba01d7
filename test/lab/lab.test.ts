import { afterAll, beforeAll, describe, it } from 'vitest';
import { guestStepsPrepareMs } from './harness/guest-step.js';
import { LAB_PACKAGES, findQemu } from './harness/prereqs.js';
import { cleanupLab, GUEST_TIMEOUT_MS, sharedLab, type LabRun } from './lab-machine.js';
import { LAB_GUEST_STEPS, LAB_MACHINE_PARTS, LAB_SCENARIOS } from './scenario-list.js';

/**
 * The real-kernel lab: one QEMU guest (Debian's kernel, real drivers, emulated NVMe, e1000e, AHCI disks,
 * MegaRAID and SAS1068 controllers with SCSI disks, a swtpm-backed TPM, two simulated BMCs, two CXL memory devices, and PCIe root ports) runs the real tools and the collector; each scenario compares the two.
 */
const qemu = findQemu();

if (!qemu && process.env.CI) {
  describe('real-kernel lab', () => {
    it('needs qemu-system-x86_64 in CI', () => {
      throw new Error(`CI is set but qemu-system-x86_64 is not installed; the lab cannot be skipped in CI (apt-get install ${LAB_PACKAGES})`);
    });
  });
} else if (!qemu) {
  const banner = '#'.repeat(100);
  process.stderr.write(`\n${banner}\n# SKIPPING THE REAL-KERNEL LAB (test/lab): qemu-system-x86_64 is not installed.\n# Install: apt-get install ${LAB_PACKAGES}\n${banner}\n\n`);
  describe.skip('real-kernel lab (qemu-system-x86_64 not installed)', () => {
    it('boots a guest', () => undefined);
  });
} else {
  describe('real-kernel lab', () => {
    let run: LabRun | undefined;
    beforeAll(async () => {
      run = await sharedLab(qemu, LAB_GUEST_STEPS, LAB_MACHINE_PARTS);
      if (Number.isNaN(run.boot.durationMs)) {
        process.stderr.write(`fwsnap lab: checking the results kept in ${run.outDir} (no guest booted)\n`);
        return;
      }
      const wall = (phase: string): string => `${((run?.boot.phases.get(phase) ?? NaN) / 1000).toFixed(1)} s`;
      process.stderr.write(
        `fwsnap lab: QEMU start → scenario script ${wall('scenario-start')}, drivers loaded ${wall('drivers-loaded')}, devices ready ${wall('devices-ready')}, ` +
          `tools done ${wall('tools-done')}, collector done ${wall('collect-done')} (it took ${run.text('collect.ms')?.trim()} ms), guest gone after ${(run.boot.durationMs / 1000).toFixed(1)} s\n`,
      );
    }, GUEST_TIMEOUT_MS + guestStepsPrepareMs(LAB_GUEST_STEPS) + 30_000);
    afterAll(() => cleanupLab(run));

    const lab = (): LabRun => {
      if (!run) throw new Error('the lab guest did not run');
      return run;
    };
    for (const scenario of LAB_SCENARIOS) scenario(lab);
  });
}
