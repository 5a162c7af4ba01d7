import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../analyzer/analyze.js';
import type { Db } from '../../../analyzer/db/database.js';
import type { Finding } from '../../../analyzer/report/model.js';
import { importReport, type ImportResult } from '../../../collector/import/import-report.js';
import { LAB_RUNS_SOS, type LabRun } from '../lab-machine.js';

/**
 * The import differential (docs/import.md): Debian's `sos report --batch` runs in the guest next to
 * `fwsnap collect`; the host imports the sosreport and analyses both bundles. They must name the same PCI
 * functions (ids and drivers), the same NVMe controller and network interface with the same firmware versions,
 * the same CPU microcode and kernel; and wherever the sosreport carries the data a finding rests on, the
 * same findings. The findings the import cannot reach are those resting on data no sosreport holds; each is
 * named below with what it needs.
 */

/**
 * Devices whose findings rest on data the guest's sosreport does not carry, with what they need. The SATA disks'
 * findings (libata quirks, identical disks on different firmware) need their model and firmware revision: a
 * bundle has the IDENTIFY data (`sys/class/ata_device/<dev>/id`) and the disks' sysfs; sos has them whole only from
 * `smartctl -a` in its ata plugin, which needs smartmontools (not installed here, nor by .ci/run). Its scsi plugin's
 * `lsscsi -i` gives what the SCSI layer made of them (the model's first 16 characters, 4 of the revision), keyed as
 * collect keys them by the hosts' `udevadm info -a` walks: the import may raise fewer of their findings, never others.
 */
const NOT_CARRIED: Record<string, string> = {
  'ata:': 'ATA IDENTIFY data or smartctl -a',
  // The SCSI disks behind the MegaRAID and SAS controllers: the import has their INQUIRY vendor, product and revision
  // from sos's `lsscsi -i`, but not their VPD pages, queue depth or timeout, nor the HBAs' sysfs attributes, which a
  // bundle has from sysfs (`sys/bus/scsi/devices/…`, `sys/class/scsi_host/…`); sos copies those only as links.
  'scsi:': 'SCSI VPD pages and sysfs attributes',
  // CXL memory devices: Debian's sos copies nothing under /sys/bus/cxl (docs/import.md).
  'cxl:': 'CXL memory device sysfs attributes',
  // The BMCs (platform.dell-idrac-ipmi15-session-id fires on one): their Get Device ID attributes under
  // /sys/devices/platform/ipmi_bmc.*; the guest's sos runs without its ipmi plugin (LAB_SOS_PLUGINS).
  'bmc:': 'the BMC Get Device ID attributes',
  // The machine's DMI (OVMF's BIOS version 0.0.0 is a placeholder: core.firmware-version-unknown): the guest's sos
  // runs without its hardware plugin, the one that keeps dmidecode.
  platform: 'DMI (sys/class/dmi/id or dmidecode)',
};
const carried = (f: Finding): boolean => !Object.keys(NOT_CARRIED).some((prefix) => f.device?.startsWith(prefix));

const rows = (db: Db, sql: string): string[] => (db.prepare(sql).all() as Record<string, unknown>[]).map((r) => JSON.stringify(r));
const key = (f: Finding): string => `${f.rule} ${f.device ?? ''}`;

export function sosImportScenario(lab: () => LabRun): void {
  describe.runIf(LAB_RUNS_SOS)('sos report in the guest, imported on the host, next to fwsnap collect', () => {
    let work: string | undefined;
    afterAll(() => work && rmSync(work, { recursive: true, force: true }));
    let imported: ImportResult | undefined;
    const archive = (): string => {
      const a = ['sosreport.tar.xz', 'sosreport.tar.gz'].map((n) => join(lab().outDir, n)).find((p) => existsSync(p));
      if (!a) throw new Error(`sos report left no archive in the guest (status ${lab().text('sos.status')?.trim()}): ${lab().text('sos.err')?.trim().slice(-2000)}`);
      return a;
    };
    const importOnce = async (): Promise<ImportResult> => {
      work ??= mkdtempSync(join(tmpdir(), 'fwsnap-lab-sos-'));
      return (imported ??= await importReport({ input: archive(), output: join(work, 'imported.tar.gz') }));
    };

    it('sos report ran to completion in the guest', () => {
      expect({ status: lab().text('sos.status')?.trim(), archive: existsSync(archive()) }).toEqual({ status: '0', archive: true });
    });

    it('the imported sosreport names the same devices, drivers, firmware versions and kernel as the collector', async () => {
      const r = await importOnce();
      expect(r.report).toBe('sosreport');
      const a = await analyze({ bundles: [r.path], minSeverity: 'info' });
      const b = await analyze({ bundles: [join(lab().outDir, 'bundle.tar.gz')], minSeverity: 'info' });
      try {
        const pci = `SELECT device_key, vendor_id, device_id, driver FROM devices WHERE class = 'pci' ORDER BY device_key`;
        expect(rows(a.db, pci).length).toBeGreaterThanOrEqual(10);
        expect(rows(a.db, pci)).toEqual(rows(b.db, pci));
        const firmware = `SELECT device_key, component, state, version FROM firmware WHERE device_key LIKE 'nvme%' OR device_key LIKE 'net:%' OR device_key LIKE 'cpu%' ORDER BY 1, 2, 3, 4`;
        expect(rows(a.db, firmware).filter((x) => x.includes('nvme')).length, 'NVMe firmware from nvme-cli text').toBeGreaterThan(0);
        expect(rows(a.db, firmware)).toEqual(rows(b.db, firmware));
        const nets = `SELECT device_key, driver, pci_address FROM devices WHERE class = 'net' AND driver IS NOT NULL ORDER BY device_key`;
        expect(rows(a.db, nets)).toEqual(rows(b.db, nets));
        expect(rows(a.db, 'SELECT kernel_release FROM bundles')).toEqual(rows(b.db, 'SELECT kernel_release FROM bundles'));
        // The SCSI disks behind the MegaRAID and SAS controllers: from sos's `lsscsi -i` (the scsi plugin) in the
        // import, from sysfs in the bundle; the same INQUIRY product and revision. (lsscsi also lists the SATA disks
        // on libata ports, which a bundle describes as ata/block devices: only the bundle's SCSI devices are compared.)
        const scsi = (db: Db, keys?: string[]): string[] =>
          rows(db, `SELECT d.device_key AS key, d.model, f.version FROM devices d LEFT JOIN firmware f ON f.bundle_id = d.bundle_id AND f.device_key = d.device_key WHERE d.class = 'scsi' ORDER BY d.device_key`)
            .filter((r) => !keys || keys.includes((JSON.parse(r) as { key: string }).key));
        const bundleScsi = scsi(b.db);
        expect(bundleScsi.length, 'SCSI disks in the bundle').toBeGreaterThan(0);
        expect(scsi(a.db, bundleScsi.map((r) => (JSON.parse(r) as { key: string }).key))).toEqual(bundleScsi);

        // The same findings, except on devices whose data the sosreport does not hold (NOT_CARRIED).
        const fa = new Set(a.report.findings.map(key));
        const fb = new Set(b.report.findings.map(key));
        expect([...fa].filter((f) => !fb.has(f)), 'findings only the import raised').toEqual([]);
        const missing = b.report.findings.filter((f) => !fa.has(key(f)) && carried(f)).map(key);
        expect(missing, 'findings the collector raised that the import lost').toEqual([]);

        // Every check both could evaluate on those devices passed or failed alike; the import evaluated most of them.
        const checks = (db: Db): Map<string, string> =>
          new Map(
            (db.prepare(`SELECT rule_id, device_key, result FROM rule_results WHERE result IN ('pass', 'fail')`).all() as { rule_id: string; device_key: string | null; result: string }[])
              .filter((r) => !Object.keys(NOT_CARRIED).some((p) => r.device_key?.startsWith(p)))
              .map((r) => [`${r.rule_id} ${r.device_key ?? ''}`, r.result]),
          );
        const ca = checks(a.db);
        const cb = checks(b.db);
        const both = [...cb.keys()].filter((k) => ca.has(k));
        expect(both.filter((k) => ca.get(k) !== cb.get(k)).map((k) => `${k}: import ${ca.get(k)}, collect ${cb.get(k)}`)).toEqual([]);
        expect(both.length, 'checks both evaluated').toBeGreaterThan(0);
        // PCIe link capability and status: from config space in both (the collector also from sysfs, with the same values).
        const links = `SELECT DISTINCT device_key, max_speed_gts, max_width, speed_gts, width FROM pci_links ORDER BY 1, 2, 3, 4, 5`;
        expect(rows(a.db, links).length).toBeGreaterThan(0);
        expect(rows(a.db, links)).toEqual(rows(b.db, links));
      } finally {
        a.db.close();
        b.db.close();
      }
    });
  });
}
