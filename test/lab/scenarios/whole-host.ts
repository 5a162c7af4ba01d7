import { describe, expect, it } from 'vitest';
import type { Report } from '../../../analyzer/report/model.js';
import { analyzeLabBundle } from '../lab-analyze.js';
import { LAB_RUNS_CHECK, type LabRun } from '../lab-machine.js';

/** Sources that have lab devices to collect (nic's devlink part has the netdevsim device); the others (RDMA, vendor tools…) find none and skip. */
const WITH_LAB_DEVICES = ['pci', 'nic', 'nvme', 'ata', 'scsi', 'platform', 'cpu', 'kernel-log'];

export function wholeHostScenario(lab: () => LabRun): void {
  describe('whole host: fwsnap in a real-kernel guest', () => {
    it('`fwsnap collect` runs to completion and its bundle verifies', () => {
      const status = lab().text('collect.status')?.trim();
      expect({ status, stderr: lab().text('collect.err')?.trim() }).toEqual({ status: '0', stderr: '' });
      expect(lab().bundle().problems).toEqual([]);
      expect(lab().bundle().manifest?.host.kernelRelease).toMatch(/^\d+\.\d+/);
    });

    it('every source with devices in the guest ends ok, the others skipped for lack of devices', () => {
      const sources = lab().bundle().manifest?.sources ?? [];
      expect(sources.length).toBeGreaterThan(0);
      const notOk = sources.filter((s) => s.status !== 'ok').map((s) => ({ source: s.name, status: s.status, reason: s.reason }));
      expect(notOk.filter((s) => s.status !== 'skipped' || WITH_LAB_DEVICES.includes(s.source))).toEqual([]);
      for (const name of WITH_LAB_DEVICES) expect(sources.map((s) => s.name)).toContain(name);
    });

    it('the collection raised no issues against the real kernel', () => {
      expect(lab().bundle().manifest?.issues).toEqual([]);
    });

    it('counts the lab devices: one NVMe controller, both ATA disks, the e1000e, every PCI function', () => {
      const devices: Record<string, number> = {};
      for (const s of lab().bundle().manifest?.sources ?? []) for (const [cls, n] of Object.entries(s.devices)) devices[cls] = (devices[cls] ?? 0) + n;
      expect(devices.nvme).toBe(1);
      expect(devices.ata).toBeGreaterThanOrEqual(2);
      expect(devices.net).toBeGreaterThanOrEqual(1);
      expect(devices.pci).toBeGreaterThanOrEqual(10);
    });

    it('`fwsnap analyze` of the guest bundle (on the host: analysis is offline) reports on a complete bundle', () => {
      const report = analyzeLabBundle(lab());
      expect(report.schema).toMatch(/^fwsnap-report\//);
      expect(report.errors).toEqual([]);
      expect(report.bundles.map((b) => b.complete)).toEqual([true]);
    });

    it.runIf(LAB_RUNS_CHECK)('`fwsnap check` runs to completion in the guest and every source with devices is ok', () => {
      const status = lab().text('check.status')?.trim();
      if (status !== '0' && status !== '1') throw new Error(`fwsnap check exited ${status} in the guest: ${lab().text('check.err')?.trim()}`);
      const report = JSON.parse(lab().text('check.out') ?? '') as Report;
      const sources = report.bundles.flatMap((b) => b.sources);
      expect(sources.map((s) => s.name)).toEqual(expect.arrayContaining(WITH_LAB_DEVICES));
      expect(sources.filter((s) => s.status !== 'ok' && (s.status !== 'skipped' || WITH_LAB_DEVICES.includes(s.name)))).toEqual([]);
    });
  });
}
