import { describe, expect, it } from 'vitest';
import { parseLsscsi, type LsscsiDevice } from '../../analyzer/classes/core/lsscsi.js';
import { parseVpdSerial } from '../../analyzer/classes/scsi/vpd.js';
import { NEVER_READ } from '../../collector/classes/scsi/attributes.js';
import { analyzeLabBundle } from '../lab/lab-analyze.js';
import type { LabRun } from '../lab/lab-machine.js';
import type { LabMachinePart } from '../lab/harness/machine-part.js';

/**
 * HPE SAS SSD EK0800JVYPN: firmware before HPD7 fails at 40,000 power-on hours (rule scsi.hpe-sas-ssd.40000-hours).
 * HPD6 on the MegaRAID controller fires; HPD7, the fix, on the SAS1068 stays quiet.
 */
export const SCSI_FIRING = { vendor: 'HP', product: 'EK0800JVYPN', revision: 'HPD6', serial: 'FWSNAPLABSAS01', wwn: '0x5000c50030aa0001' } as const;
export const SCSI_QUIET = { vendor: 'HP', product: 'EK0800JVYPN', revision: 'HPD7', serial: 'FWSNAPLABSAS02', wwn: '0x5000c50030aa0002' } as const;

/** A SAS disk on each of a MegaRAID and a SAS1068 controller (sdc, sdd). */
export const scsiLabPart: LabMachinePart = {
  devices: [
    { kind: 'scsi-hba', id: 'hba-megasas', model: 'megasas' },
    { kind: 'scsi-disk', id: 'sas-firing', hba: 'hba-megasas', ...SCSI_FIRING },
    { kind: 'scsi-hba', id: 'hba-mptsas', model: 'mptsas1068' },
    { kind: 'scsi-disk', id: 'sas-quiet', hba: 'hba-mptsas', ...SCSI_QUIET },
  ],
  buses: ['pci', 'scsi'],
  wait: ['/sys/block/sdc', '/sys/block/sdd'],
  // sg3_utils on every disk that is not behind an ATA port (tools/scsi.disks; the ata part says how it tells), and lsscsi.
  tools: [
    {
      each: { list: 'scsi.disks', command: 'for b in /sys/block/sd*; do [ -e "$b" ] && [ ! -d "$b/device/../../../ata_port" ] && echo "${b##*/}"; done' },
      runs: [
        { output: 'sg_inq-{}', argv: ['sg_inq', '/dev/{}'] },
        { output: 'sg_vpd-sn-raw-{}', argv: ['sg_vpd', '--page=sn', '--raw', '/dev/{}'] },
        { output: 'sg_vpd-di-raw-{}', argv: ['sg_vpd', '--page=di', '--raw', '/dev/{}'] },
      ],
    },
    { runs: [{ output: 'lsscsi', argv: ['lsscsi'] }] },
  ],
};

/** The identity fields `sg_inq` prints for a disk's standard INQUIRY and its Unit Serial Number page. */
export function parseSgInq(text: string): { vendor?: string; product?: string; revision?: string; serial?: string } {
  const field = (label: string): string | undefined => new RegExp(`^\\s*${label}:\\s*(.*?)\\s*$`, 'm').exec(text)?.[1];
  return { vendor: field('Vendor identification'), product: field('Product identification'), revision: field('Product revision level'), serial: field('Unit serial number') };
}

export function scsiScenario(lab: () => LabRun): void {
  describe('SCSI: MegaRAID (megaraid_sas) and SAS1068 (mptsas) controllers with SAS disks of chosen INQUIRY strings', () => {
    const disks = (): string[] => (lab().text('tools/scsi.disks') ?? '').split('\n').filter(Boolean);
    // The guest's lsscsi, read by the scsi class's own parser (the one imported reports go through).
    const lsscsi = (): LsscsiDevice[] => parseLsscsi(lab().tool('lsscsi').toString('utf8')).devices;
    const hctlOf = (sd: string): string => {
      const found = lsscsi().find((l) => l.node === `/dev/${sd}`);
      if (!found) throw new Error(`lsscsi lists no /dev/${sd}`);
      return found.hctl;
    };
    const stored = (hctl: string, attr: string): Buffer => lab().bundle().get(`sys/bus/scsi/devices/${hctl}/${attr}`);

    it('both controllers\' disks are there, and lsscsi\'s vendor, model and revision of every SCSI device equal what the bundle stored', () => {
      expect(disks()).toHaveLength(2);
      const lines = lsscsi();
      expect(lines.length).toBeGreaterThanOrEqual(4);
      for (const l of lines) {
        const got = { hctl: l.hctl, vendor: stored(l.hctl, 'vendor').toString().trim(), model: stored(l.hctl, 'model').toString().trim(), rev: stored(l.hctl, 'rev').toString().trim() };
        expect(got).toEqual({ hctl: l.hctl, vendor: l.vendor, model: l.model, rev: l.rev });
      }
    });

    it('sg_inq\'s vendor, product, revision and unit serial number equal the stored INQUIRY strings and VPD page 0x80', () => {
      const seen: string[] = [];
      for (const sd of disks()) {
        const inq = parseSgInq(lab().tool(`sg_inq-${sd}`).toString('utf8'));
        const hctl = hctlOf(sd);
        expect({ vendor: stored(hctl, 'vendor').toString().trim(), product: stored(hctl, 'model').toString().trim(), revision: stored(hctl, 'rev').toString().trim(), serial: parseVpdSerial(stored(hctl, 'vpd_pg80')) }).toEqual(inq);
        seen.push(`${inq.serial}:${inq.revision}`);
      }
      expect(seen.sort()).toEqual([`${SCSI_FIRING.serial}:${SCSI_FIRING.revision}`, `${SCSI_QUIET.serial}:${SCSI_QUIET.revision}`]);
    });

    it('the stored VPD pages 0x80 and 0x83 are byte for byte what sg_vpd --raw reads from the disk', () => {
      for (const sd of disks()) {
        const hctl = hctlOf(sd);
        expect(stored(hctl, 'vpd_pg80').equals(lab().tool(`sg_vpd-sn-raw-${sd}`)), `${sd} vpd_pg80`).toBe(true);
        expect(stored(hctl, 'vpd_pg83').equals(lab().tool(`sg_vpd-di-raw-${sd}`)), `${sd} vpd_pg83`).toBe(true);
      }
    });

    it('each disk hangs off the host of its controller\'s driver', () => {
      const drivers = disks().map((sd) => lab().bundle().get(`sys/class/scsi_host/host${hctlOf(sd).split(':')[0]}/proc_name`).toString().trim());
      expect(drivers.sort()).toEqual(['megaraid_sas', 'mptsas']);
      // mptsas keeps the IOC's firmware and BIOS versions from IOCFacts (QEMU's SAS1068 answers 01.50.146.00); megaraid_sas keeps none.
      const mpt = disks().map((sd) => `sys/class/scsi_host/host${hctlOf(sd).split(':')[0]}`).find((h) => lab().bundle().get(`${h}/proc_name`).toString().trim() === 'mptsas')!;
      expect(lab().bundle().get(`${mpt}/version_fw`).toString().trim()).toMatch(/^\d{2}\.\d{2}\.\d{2,3}\.\d{2}$/);
    });

    it('megaraid_sas printed its probe lines but no firmware or package version (if it ever does, the scsi class should load it)', () => {
      const probe = lab().tool('dmesg').toString('utf8').split('\n').filter((l) => /\] megaraid_sas [0-9a-f]{4}:/.test(l));
      expect(probe.some((l) => /controller type\s*: MR/.test(l))).toBe(true);
      expect(probe.filter((l) => /version|package|\bFW [0-9]/i.test(l))).toEqual([]);
    });

    it('`fwsnap analyze` reports the 40,000-hour firmware on the HPD6 disk and not on the HPD7 disk', () => {
      const report = analyzeLabBundle(lab());
      const hctl = (serial: string): string => {
        const sd = disks().find((d) => parseSgInq(lab().tool(`sg_inq-${d}`).toString('utf8')).serial === serial)!;
        return `scsi:${hctlOf(sd)}`;
      };
      const findings = report.findings.filter((f) => f.rule === 'scsi.hpe-sas-ssd.40000-hours');
      expect(findings.map((f) => f.device)).toEqual([hctl(SCSI_FIRING.serial)]);
      expect(report.findings.filter((f) => f.device === hctl(SCSI_QUIET.serial) && f.rule.startsWith('scsi.hpe-sas-ssd.'))).toEqual([]);
    });

    it('under strace, the scsi source read the MegaRAID and SAS1068 hosts and opened none of the attributes that reach the adapter', () => {
      const opened = [...(lab().text('strace.txt') ?? '').matchAll(/\bopen(?:at2?)?\((?:-?\w+, )?"(\/sys\/[^"]*)"/g)].map((m) => m[1]!);
      expect(opened.filter((p) => /^\/sys\/class\/scsi_host\/host\d+\/proc_name$/.test(p)).length).toBeGreaterThanOrEqual(2);
      const denied = new Set<string>(NEVER_READ);
      expect(opened.filter((p) => /scsi_host|sas_|fc_host|\/host\d+\//.test(p) && denied.has(p.slice(p.lastIndexOf('/') + 1)))).toEqual([]);
    });
  });
}
