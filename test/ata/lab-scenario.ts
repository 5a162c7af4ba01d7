import { describe, expect, it } from 'vitest';
import { decodeAtaIdentify, parseAtaIdWords, type AtaIdentify } from '../../analyzer/classes/ata/ata.js';
import { analyzeLabBundle } from '../lab/lab-analyze.js';
import type { LabRun } from '../lab/lab-machine.js';
import type { LabMachinePart } from '../lab/harness/machine-part.js';

/**
 * libata quirk entry `ST31500341AS` / `SD1[5-9]` → NONCQ + FIRMWARE_WARN (analyzer-facts §3a, row 11).
 * Both effects are logged: "WARNING: device requires firmware update…" and "NCQ (not used)".
 */
export const ATA_QUIRKED = { model: 'ST31500341AS', firmware: 'SD15', serial: 'FWSNAPLABQUIRK01' } as const;
/** Same model, firmware outside SD1[5-9]: the kernel applies nothing. */
export const ATA_NEAR_MISS = { model: 'ST31500341AS', firmware: 'SD1A', serial: 'FWSNAPLABNEAR01' } as const;

/** Two disks on the q35 AHCI controller's ports 0 and 1 (sda, sdb). */
export const ataLabPart: LabMachinePart = {
  devices: [
    { kind: 'ata-disk', id: 'ata-quirked', port: 0, ...ATA_QUIRKED },
    { kind: 'ata-disk', id: 'ata-near-miss', port: 1, ...ATA_NEAR_MISS },
  ],
  buses: ['pci', 'scsi'],
  wait: ['/sys/block/sda', '/sys/block/sdb'],
  // hdparm on every disk behind an ATA port (tools/ata.disks): libata puts the SCSI host of a port's disk under the
  // port's device (…/ataN/hostM/targetM:0:0/M:0:0:0), beside the port's ata_port class device.
  tools: [{
    each: { list: 'ata.disks', command: 'for b in /sys/block/sd*; do [ -d "$b/device/../../../ata_port" ] && echo "${b##*/}"; done' },
    runs: [{ output: 'hdparm-Istdout-{}', argv: ['hdparm', '--Istdout', '/dev/{}'] }],
  }],
};

/** The 256 IDENTIFY words `hdparm --Istdout` prints after its "/dev/sdX:" line. */
export function hdparmIdentifyWords(text: string): Uint16Array {
  return parseAtaIdWords(text.split('\n').filter((l) => !/^\s*\/dev\//.test(l)).join(' '));
}

interface CollectedAta {
  /** "dev1.0" → the kernel names it "ata1.00" in its log. */
  device: string;
  logPrefix: string;
  words: Uint16Array;
  identify: AtaIdentify;
}

function collectedAtaDevices(lab: LabRun): CollectedAta[] {
  const b = lab.bundle();
  return b.names(/^sys\/class\/ata_device\/dev[^/]+\/id$/).map((name) => {
    const device = name.split('/')[3]!;
    const m = /^dev(\d+)\.(\d+)$/.exec(device);
    if (!m) throw new Error(`unexpected ATA device name ${device} (port multipliers are not part of the lab)`);
    const words = parseAtaIdWords(b.get(name).toString('utf8'));
    return { device, logPrefix: `ata${m[1]}.${m[2]!.padStart(2, '0')}`, words, identify: decodeAtaIdentify(words) };
  });
}

/** Kernel log lines (the bundle's /dev/kmsg records: "prio,seq,usec,flags;message") for one ATA device. */
function kernelLogOf(lab: LabRun, prefix: string): string[] {
  return lab
    .bundle()
    .get('dev/kmsg')
    .toString('utf8')
    .split('\n')
    .map((record) => record.slice(record.indexOf(';') + 1))
    .filter((msg) => msg.startsWith(`${prefix}: `));
}

const FIRMWARE_WARNING = 'WARNING: device requires firmware update to be fully functional';

export function ataScenario(lab: () => LabRun): void {
  describe('ATA: libata quirk keyed by model and firmware (ST31500341AS SD1[5-9] → NONCQ + FIRMWARE_WARN)', () => {
    const disk = (serial: string): CollectedAta => {
      const all = collectedAtaDevices(lab());
      const found = all.find((d) => d.identify.serial === serial);
      if (!found) throw new Error(`no collected IDENTIFY has serial ${serial}; serials: ${all.map((d) => d.identify.serial).join(', ')}`);
      return found;
    };

    it('the collected IDENTIFY gives the full model and firmware of both disks', () => {
      for (const d of [ATA_QUIRKED, ATA_NEAR_MISS]) {
        const { identify } = disk(d.serial);
        expect({ model: identify.model, firmware: identify.firmware }).toEqual({ model: d.model, firmware: d.firmware });
        // Both drives offer NCQ: whether the kernel uses it is the quirk's doing, not the drive's.
        expect(identify.ncq).toBe(true);
      }
    });

    it('the collected IDENTIFY words equal `hdparm --Istdout` for the same disk', () => {
      const disks = (lab().text('tools/ata.disks') ?? '').split('\n').filter(Boolean);
      expect(disks.length).toBeGreaterThanOrEqual(2);
      for (const sd of disks) {
        const words = hdparmIdentifyWords(lab().tool(`hdparm-Istdout-${sd}`).toString('utf8'));
        const serial = decodeAtaIdentify(words).serial;
        expect({ sd, words: [...disk(serial).words] }).toEqual({ sd, words: [...words] });
      }
    });

    it('the kernel log in the bundle shows the quirk applied to the SD15 disk', () => {
      const log = kernelLogOf(lab(), disk(ATA_QUIRKED.serial).logPrefix);
      expect(log.some((l) => l.includes(FIRMWARE_WARNING))).toBe(true);
      expect(log.some((l) => l.includes('NCQ (not used)'))).toBe(true);
    });

    it('the near-miss firmware SD1A gets no quirk: no warning, NCQ in use', () => {
      const log = kernelLogOf(lab(), disk(ATA_NEAR_MISS.serial).logPrefix);
      expect(log.some((l) => l.includes(`ATA-`) && l.includes(ATA_NEAR_MISS.firmware))).toBe(true);
      expect(log.filter((l) => l.includes(FIRMWARE_WARNING) || l.includes('NCQ (not used)'))).toEqual([]);
      expect(log.some((l) => /NCQ \(depth \d+\)/.test(l))).toBe(true);
    });

    it('`fwsnap analyze` flags the SD15 disk with the libata quirk rule and leaves SD1A alone', () => {
      const findings = analyzeLabBundle(lab()).findings.filter((f) => f.rule.startsWith('ata.libata-quirk.'));
      const quirked = `ata:${disk(ATA_QUIRKED.serial).device}`;
      const nearMiss = `ata:${disk(ATA_NEAR_MISS.serial).device}`;
      expect(findings.filter((f) => f.device === quirked).length).toBeGreaterThan(0);
      expect(findings.filter((f) => f.device === nearMiss)).toEqual([]);
    });
  });
}
