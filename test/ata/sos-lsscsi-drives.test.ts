/**
 * The lab's sos import differential (test/lab/scenarios/sos-import.ts), reproduced without a guest: two SATA disks on
 * an AHCI controller (the lab's ST31500341AS SD15 and SD1A, the first in libata's quirk table), collected from sysfs
 * by `fwsnap collect`, and the same disks in a sosreport whose scsi plugin holds `lsscsi -i` and, for each SCSI host,
 * `udevadm info -a /sys/class/scsi_host/hostN`. The import's lsscsi drives were `ata:sdc`/`ata:sdd` while collect
 * names the same drives `ata:dev1.0`/`ata:dev2.0`: every libata and identical-devices finding on them was one the
 * import raised and collect did not. The host's walk names the libata port it sits under, so the import keys them as
 * sysfs does; without it, a drive keeps its node's name.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import type { Finding } from '../../analyzer/report/model.js';
import { collect } from '../../collector/collect.js';
import { buildFakeHost, FAKE_HOST_SOURCES } from '../../collector/fake-host/builder.js';
import { importReport } from '../../collector/import/import-report.js';
import { tempDir } from '../helpers/tmp.js';
import { sosFileName, sosMarkers, writeReport } from '../import/report-builder.js';

const DISKS = [
  { model: 'ST31500341AS', firmware: 'SD15' },
  { model: 'ST31500341AS', firmware: 'SD1A' },
];

/** udev's walk from a SCSI host, as `udevadm info -a` prints its first device (the rest of the walk does not matter here). */
const walk = (devpath: string, host: string, procName: string): string => `
Udevadm info starts with the device specified by the devpath and then
walks up the chain of parent devices. It prints for every device
found, all possible attributes in the udev rules key format.
A rule to match, can be composed by the attributes of the device
and the attributes from one single parent device.

  looking at device '${devpath}':
    KERNEL=="${host}"
    SUBSYSTEM=="scsi_host"
    DRIVER==""
    ATTR{proc_name}=="${procName}"

  looking at parent device '${devpath.replace(/\/scsi_host\/host\d+$/, '')}':
    KERNELS=="${host}"
    SUBSYSTEMS=="scsi"
    DRIVERS==""
`;

const LSSCSI_I = [
  '[0:2:0:0]    disk    AVAGO    MR9460-16i       5.22  /dev/sda   3600605b00fa8e7a02c3d2a1f0b3e4c5d',
  '[1:0:0:0]    disk    QEMU     QEMU HARDDISK    2.5+  /dev/sdb   0QEMU_QEMU_HARDDISK_SAS0',
  '[2:0:0:0]    disk    ATA      ST31500341AS     SD15  /dev/sdc   SATA_ST31500341AS_FWSNAPLABQUIRK01',
  '[3:0:0:0]    disk    ATA      ST31500341AS     SD1A  /dev/sdd   SATA_ST31500341AS_FWSNAPLABNEAR01',
  '',
].join('\n');

const key = (f: Finding): string => `${f.rule} ${f.device ?? ''}`;

async function findings(bundle: string): Promise<string[]> {
  const r = await analyze({ bundles: [bundle], minSeverity: 'info' });
  try {
    return r.report.findings.map(key).filter((k) => / ata:/.test(k)).sort();
  } finally {
    r.db.close();
  }
}

async function importedFindings(files: Record<string, string>): Promise<string[]> {
  const dir = tempDir();
  const report = writeReport(dir, 'sosreport-guest-2026-12-06-abcdefg', { ...sosMarkers('4.0'), ...files });
  const r = await importReport({ input: report, output: join(dir, 'imported.tar.gz'), isolation: 'inline' });
  return findings(r.path);
}

describe('SATA disks lsscsi lists in a sosreport, next to fwsnap collect of the same host', () => {
  it('the import raises on them the findings collect raises, under the same keys', async () => {
    const dir = tempDir();
    const root = join(dir, 'root');
    buildFakeHost(root, [], [DISKS.map((d, i) => ({ key: `ata:dev${i + 1}.0`, class: 'ata', model: d.model, firmware: { firmware: d.firmware } }))]);
    await collect({ root, output: join(dir, 'collected.tar.gz'), isolation: 'inline', only: FAKE_HOST_SOURCES });
    const collected = await findings(join(dir, 'collected.tar.gz'));
    expect(collected.some((k) => k.startsWith('ata.libata-quirk.') && k.endsWith(' ata:dev1.0'))).toBe(true);

    const scsi = 'sos_commands/scsi';
    const imported = await importedFindings({
      [`${scsi}/lsscsi`]: LSSCSI_I,
      [`${scsi}/${sosFileName(['udevadm', 'info', '-a', '/sys/class/scsi_host/host0'])}`]: walk('/devices/pci0000:00/0000:00:03.0/0000:01:00.0/host0/scsi_host/host0', 'host0', 'megaraid_sas'),
      [`${scsi}/${sosFileName(['udevadm', 'info', '-a', '/sys/class/scsi_host/host2'])}`]: walk('/devices/pci0000:00/0000:00:1f.2/ata1/host2/scsi_host/host2', 'host2', 'ahci'),
      [`${scsi}/${sosFileName(['udevadm', 'info', '-a', '/sys/class/scsi_host/host3'])}`]: walk('/devices/pci0000:00/0000:00:1f.2/ata2/host3/scsi_host/host3', 'host3', 'ahci'),
    });
    expect(imported.filter((k) => !collected.includes(k)), 'findings only the import raised').toEqual([]);
    expect(imported.length).toBeGreaterThan(0);
  }, 120_000);

  it('without the hosts\' walks, a drive keeps the name of its node', async () => {
    const imported = await importedFindings({ 'sos_commands/scsi/lsscsi': LSSCSI_I });
    expect(imported.some((k) => k.endsWith(' ata:sdc'))).toBe(true);
  }, 120_000);
});
