import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { importReport } from '../../collector/import/import-report.js';
import { tempDir } from '../helpers/tmp.js';
import { sosFileName, sosMarkers, writeReport } from './report-builder.js';

/**
 * Device listings a report holds where a bundle would have sysfs or ioctl answers — dmidecode, lsscsi, nvme list,
 * hdparm -I, the journal — imported from real public outputs (provenance next to each fixture) under the names sos
 * and supportconfig give them, and read by the owning class's parser into the same kind of rows.
 */

const real = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const CMD = '#==[ Command ]======================================#';
const logCmd = (cmdline: string, output: string): string => `${CMD}\n# ${cmdline}\n${output.replace(/\n?$/, '\n')}\n`;
const TOP = 'sosreport-host-2026-12-01-abcdefg';

async function imported(files: Record<string, string>, top = TOP): Promise<{ db: Db; artifacts: Map<string, { path: string; derived?: boolean } | undefined> }> {
  const dir = tempDir();
  const report = writeReport(dir, top, files);
  const bundle = join(dir, 'imported.tar.gz');
  const r = await importReport({ input: report, output: bundle, isolation: 'inline' });
  const db = openDatabase(':memory:');
  await loadBundle(db, bundle);
  return { db, artifacts: new Map(r.manifest.artifacts.map((a) => [a.name, a.imported])) };
}

const all = (db: Db, sql: string, ...p: unknown[]): Record<string, unknown>[] => db.prepare(sql).all(...p) as Record<string, unknown>[];
const settings = (db: Db, device: string, namespace: string): Record<string, unknown> =>
  Object.fromEntries(all(db, 'SELECT key, value FROM settings WHERE device_key = ? AND namespace = ?', device, namespace).map((r) => [r.key, r.value]));

describe('dmidecode from a report → the platform device', () => {
  it('sosreport without /sys/class/dmi/id: model, serial, BIOS firmware and DMI settings from sos_commands/hardware/dmidecode', async () => {
    const { db, artifacts } = await imported({ ...sosMarkers('4.12'), [`sos_commands/hardware/${sosFileName(['dmidecode'])}`]: real('platform/fixtures/real/dmidecode/rhev-kvm-3.0.txt') });
    expect(artifacts.get('cmd/dmidecode/_.out')).toEqual({ path: 'sos_commands/hardware/dmidecode' });
    expect(all(db, `SELECT device_key, model, serial FROM devices WHERE class = 'platform'`)).toEqual([{ device_key: 'platform', model: 'Red Hat RHEV Hypervisor', serial: '34353737-3035-4E43-3734-353130425732' }]);
    expect(all(db, `SELECT component, version, artifact FROM firmware WHERE device_key = 'platform'`)).toEqual([{ component: 'bios', version: '1.9.1-5.el7_3.2', artifact: 'cmd/dmidecode/_.out' }]);
    expect(settings(db, 'platform', 'dmi')).toMatchObject({ bios_vendor: 'SeaBIOS', bios_date: '04/01/2014', bios_date_iso: '2014-04-01', chassis_type: '1', product_family: 'Red Hat Enterprise Linux' });
  });

  it('supportconfig: dmidecode in hardware.txt; placeholder serials are no serial', async () => {
    const { db, artifacts } = await imported({
      'supportconfig.txt': 'Script Version:      3.2.10\n',
      'basic-environment.txt': logCmd('/bin/date', 'Tue Dec  1 11:30:00 UTC 2026'),
      'hardware.txt': logCmd('/usr/sbin/dmidecode', real('platform/fixtures/real/dmidecode/poweredge-r440-3.6.txt')),
    }, 'scc_host_261201_1130');
    expect(artifacts.get('cmd/dmidecode/_.out')?.path).toMatch(/^hardware\.txt:\d+$/);
    expect(all(db, `SELECT model, serial FROM devices WHERE device_key = 'platform'`)).toEqual([{ model: 'Dell Inc. PowerEdge R440', serial: null }]);
    expect(all(db, `SELECT version FROM firmware WHERE device_key = 'platform' AND component = 'bios'`)).toEqual([{ version: '2.18.1' }]);
    expect(settings(db, 'platform', 'dmi')).toMatchObject({ board_name: '0WKGTH', board_version: 'A04', chassis_type: '23', bios_release: '2.18' });
  });
});

describe('hdparm from a report → ATA devices', () => {
  it('hdparm -I (any report holding it) gives the drive with its IDENTIFY settings; supportconfig\'s hdparm -vi the identity', async () => {
    const sos = await imported({ ...sosMarkers('4.12'), [`sos_commands/ata/${sosFileName(['hdparm', '-I', '/dev/sdb'])}`]: real('ata/fixtures/report-outputs/hdparm/intel-ssdsc2kw512g8-I.txt') });
    expect(sos.artifacts.get('cmd/hdparm/-I_%2fdev%2fsdb.out')).toEqual({ path: 'sos_commands/ata/hdparm_-I_.dev.sdb' });
    expect(all(sos.db, `SELECT device_key, class, model, serial FROM devices WHERE class = 'ata'`)).toEqual([{ device_key: 'ata:sdb', class: 'ata', model: 'INTEL SSDSC2KW512G8', serial: 'PHLA75210153512DGN' }]);
    expect(all(sos.db, `SELECT version FROM firmware WHERE device_key = 'ata:sdb'`)).toEqual([{ version: 'LHF002C' }]);
    expect(settings(sos.db, 'ata:sdb', 'ata')).toMatchObject({ trim: '1', zeroes_after_trim: '1', queue_depth: '32', rotation_rate: 'non-rotating', 'security.frozen': '1', 'security.locked': '0' });

    const sc = await imported({
      'supportconfig.txt': 'Script Version:      3.2.10\n',
      'basic-environment.txt': logCmd('/bin/date', 'Tue Dec  1 11:30:00 UTC 2026'),
      'fs-diskio.txt': logCmd('/sbin/hdparm -vi /dev/sdb', real('ata/fixtures/report-outputs/hdparm/intel-ssdsc2kw512g8-i.txt')),
    }, 'scc_host_261201_1130');
    expect(all(sc.db, `SELECT device_key, model, serial FROM devices WHERE class = 'ata'`)).toEqual([{ device_key: 'ata:sdb', model: 'INTEL SSDSC2KW512G8', serial: 'PHLA75210153512DGN' }]);
    expect(all(sc.db, `SELECT version FROM firmware WHERE device_key = 'ata:sdb'`)).toEqual([{ version: 'LHF002C' }]);
  });
});

describe('lsscsi from a report → SCSI devices', () => {
  it('sos\'s `lsscsi` file (lsscsi -i) and lsscsi -H: devices with vendor, model, type and revision, hosts with their driver', async () => {
    const { db, artifacts } = await imported({
      ...sosMarkers('4.12'),
      'sos_commands/scsi/lsscsi': real('scsi/fixtures/real/lsscsi-insights-core.txt'),
      'sos_commands/scsi/lsscsi_-H': '[0]    ahci\n[1]    iscsi_tcp\n[3]    mptsas\n',
    });
    expect(artifacts.get('cmd/lsscsi/_.out')).toEqual({ path: 'sos_commands/scsi/lsscsi' });
    expect(all(db, `SELECT device_key, driver FROM devices WHERE class = 'scsi_host' ORDER BY device_key`)).toEqual([
      { device_key: 'scsi_host:host0', driver: 'ahci' }, { device_key: 'scsi_host:host1', driver: 'iscsi_tcp' }, { device_key: 'scsi_host:host3', driver: 'mptsas' },
    ]);
    expect(all(db, `SELECT d.device_key, d.model, d.parent_key, f.version FROM devices d JOIN firmware f ON f.device_key = d.device_key WHERE d.class = 'scsi' ORDER BY d.device_key`)).toEqual([
      { device_key: 'scsi:1:0:0:0', model: 'Controller', parent_key: 'scsi_host:host1', version: '0001' },
      { device_key: 'scsi:1:0:0:1', model: 'VIRTUAL-DISK', parent_key: 'scsi_host:host1', version: '0001' },
      { device_key: 'scsi:3:0:5:0', model: 'C5713A', parent_key: 'scsi_host:host3', version: 'H910' },
    ]);
    expect(settings(db, 'scsi:3:0:5:0', 'scsi')).toEqual({ vendor: 'HP', type: '1' });
  });
});

describe('nvme list from a report → NVMe controllers', () => {
  it('a supportconfig\'s `nvme list` (nvme.txt): model, serial and firmware per controller', async () => {
    const { db } = await imported({
      'supportconfig.txt': 'Script Version:      3.2.10\n',
      'basic-environment.txt': logCmd('/bin/date', 'Tue Dec  1 11:30:00 UTC 2026'),
      'nvme.txt': logCmd('/usr/sbin/nvme list', real('nvme/fixtures/report-outputs/nvme-list/intel-600p-lkml.txt')),
    }, 'scc_host_261201_1130');
    expect(all(db, `SELECT device_key, model, serial FROM devices WHERE class = 'nvme'`)).toEqual([{ device_key: 'nvme:nvme0', model: 'INTEL SSDPEKKW512G7', serial: 'BTPY65250EQN512F' }]);
    expect(all(db, `SELECT version, state, artifact FROM firmware WHERE device_key = 'nvme:nvme0'`)).toEqual([{ version: 'PSF121C', state: 'running', artifact: 'cmd/nvme/list.out' }]);
  });

  it('a sosreport with nvme list and id-ctrl for the same controller: id-ctrl\'s row stands, nvme list adds only the controller id-ctrl did not cover', async () => {
    const idCtrl = real('nvme/fixtures/real/id-ctrl/samsung-pm1733-notes-H.txt');
    const { db } = await imported({
      ...sosMarkers('4.12'),
      'sos_commands/nvme/nvme_list': real('nvme/fixtures/report-outputs/nvme-list/intel-600p-lkml.txt').replace('nvme0n1', 'nvme1n1'),
      [`sos_commands/nvme/${sosFileName(['nvme', 'id-ctrl', '-H', '/dev/nvme0n1'])}`]: idCtrl,
    });
    const rows = all(db, `SELECT device_key, model FROM devices WHERE class = 'nvme' ORDER BY device_key`);
    expect(rows.map((r) => r.device_key)).toEqual(['nvme:nvme0', 'nvme:nvme1']);
    expect(rows[1]).toEqual({ device_key: 'nvme:nvme1', model: 'INTEL SSDPEKKW512G7' });
  });
});

describe('the journal of a report → kernel_log', () => {
  const JOURNAL = real('kernel-log/fixtures/real/journal-k-monotonic-adl-guc-load-failed.txt');

  it('sos 4.0\'s journalctl --no-pager --catalog --boot: the kernel\'s lines only, other programs\' lines and markers left out; rules fire', async () => {
    const other = 'Aug 16 10:00:01 adl systemd[1]: Started Daily apt download activities.\n-- Reboot --\n';
    const text = `-- Logs begin at Wed 2023-08-16 09:00:00 UTC, end at Wed 2023-08-16 10:01:00 UTC. --\n${other}${JOURNAL}`;
    const { db, artifacts } = await imported({ ...sosMarkers('4.0'), 'sos_commands/logs/journalctl_--no-pager_--catalog_--boot': text, 'sos_commands/logs/journalctl_--no-pager_--catalog_--boot_-1': 'Aug 15 10:00:00 adl kernel: i915 0000:00:02.0: Failed to initialize GPU, declaring it wedged!\n' });
    expect(artifacts.get('cmd/journalctl/--no-pager_--catalog_--boot.out')).toEqual({ path: 'sos_commands/logs/journalctl_--no-pager_--catalog_--boot' });
    expect([...artifacts.keys()].some((n) => n.includes('_-1'))).toBe(false);
    const rows = all(db, 'SELECT level, usec, text, artifact FROM kernel_log ORDER BY rowid');
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual({ level: null, usec: 61_507_354, text: 'i915 0000:00:02.0: [drm] GT0: GuC firmware i915/adlp_guc_70.bin version 70.5.1', artifact: 'cmd/journalctl/--no-pager_--catalog_--boot.out' });
  });

  it('supportconfig\'s journalctl --no-pager --boot=0 --output=short-iso, hostname in each line: the kernel\'s lines without times', async () => {
    const iso = JOURNAL.split('\n').filter(Boolean).map((l) => l.replace(/^\[\s*[\d.]+\] kernel:/, '2023-08-16T10:00:01+0000 adl kernel:')).join('\n');
    const { db } = await imported({
      'supportconfig.txt': 'Script Version:      3.2.10\n',
      'basic-environment.txt': logCmd('/bin/date', 'Tue Dec  1 11:30:00 UTC 2026'),
      'boot.txt': logCmd('/usr/bin/journalctl --no-pager --boot=0 --output=short-iso', `2023-08-16T10:00:00+0000 adl systemd[1]: Starting up.\n${iso}\n`),
    }, 'scc_host_261201_1130');
    const rows = all(db, 'SELECT level, usec, text FROM kernel_log ORDER BY rowid');
    expect(rows).toHaveLength(7);
    expect(rows.every((r) => r.level === null && r.usec === null)).toBe(true);
    expect(rows[6]!.text).toBe('i915 0000:00:02.0: [drm] *ERROR* GT0: Failed to initialize GPU, declaring it wedged!');
  });

  it('sos 3.x\'s journalctl --all --this-boot --no-pager is the running boot\'s journal too', async () => {
    const { db } = await imported({ 'version.txt': 'sosreport: 3.5\n', 'sos_logs/sos.log': '', 'sos_commands/logs/journalctl_--all_--this-boot_--no-pager': JOURNAL });
    expect(all(db, 'SELECT DISTINCT artifact FROM kernel_log')).toEqual([{ artifact: 'cmd/journalctl/--all_--this-boot_--no-pager.out' }]);
  });

  it('a report\'s dmesg wins over its journal', async () => {
    const { db } = await imported({ ...sosMarkers('4.12'), 'sos_commands/kernel/dmesg': real('kernel-log/fixtures/real/dmesg-el7.txt'), 'sos_commands/logs/journalctl_--no-pager_--boot': JOURNAL });
    expect(all(db, 'SELECT DISTINCT artifact FROM kernel_log')).toEqual([{ artifact: 'cmd/dmesg/_.out' }]);
  });
});
