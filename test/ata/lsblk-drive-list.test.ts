/**
 * A drive list given as lsblk's listing (issue 11, held-out drive lists): real published outputs of `lsblk -S`,
 * `lsblk --scsi` and `lsblk -o …MODEL…` (test/ata/fixtures/drive-lists/lsblk/, each with its provenance), saved under the
 * names a person gives them, reach the drives' rows and the quirk rules: an ATA drive (vendor ATA, TRAN sata, or nothing
 * saying otherwise) is an `ata` device with the model and revision lsblk printed, an NVMe namespace its controller, a
 * SAS/USB/iSCSI disk or a RAID volume a `block` device. Before, no lsblk output was read.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLsblk } from '../../analyzer/classes/ata/lsblk.js';
import { savedLsblkArgv } from '../../collector/classes/ata/lsblk-source.js';
import { Redactor } from '../../bundle/redact/redactor.js';
import { REDACTION } from '../../collector/classes/index.js';
import { replayTree } from '../helpers/replay-tree.js';

const real = (name: string): string => readFileSync(new URL(`./fixtures/drive-lists/lsblk/${name}.txt`, import.meta.url), 'utf8');
const rows = (r: Awaited<ReturnType<typeof replayTree>>, sql: string): Record<string, unknown>[] => r.db.prepare(sql).all() as Record<string, unknown>[];
const drives = (r: Awaited<ReturnType<typeof replayTree>>): Record<string, unknown>[] => rows(r, `SELECT d.device_key AS key, d.class, d.model, d.serial,
  (SELECT version FROM firmware f WHERE f.device_key = d.device_key AND f.state = 'running') AS firmware FROM devices d ORDER BY d.device_key`);

describe('lsblk listings as a drive list', () => {
  it('lsblk --scsi: ATA drives behind an HBA, a RAID volume, iSCSI LUNs; the INTEL SSDs\' cut model reaches no quirk entry', async () => {
    const r = await replayTree({ 'lsblk --scsi.txt': real('intel-ssdsc2bx40-perc-lio-int32bit-blog') });
    const all = drives(r);
    expect(all.filter((d) => d.class === 'ata').map((d) => [d.key, d.model, d.firmware])).toEqual(
      ['sda', 'sdb', 'sdc', 'sdd', 'sde', 'sdf'].map((n) => [`ata:${n}`, 'INTEL SSDSC2BX40…', '…DL2B']));
    expect(all.filter((d) => d.class === 'block').map((d) => [d.key, d.model, d.firmware])).toEqual([
      ['block:sdg', 'PERC H330 Mini', '4.26'], ['block:sdh', 'IBLOCK', '4.0'], ['block:sdi', 'IBLOCK', '4.0'], ['block:sdj', 'IBLOCK', '4.0'],
      ['block:sdk', 'IBLOCK', '4.0'], ['block:sdm', 'test_fileio', '4.0'],
    ]);
    const findings = r.report.inventory.flatMap((e) => e.findings.map((g) => [g.headline.rule, g.severity]));
    expect(findings.filter(([, s]) => s === 'high' || s === 'critical')).toEqual([]);
  });

  it('lsblk -S, lsblk --scsi: one SATA drive each, its revision as printed (sysfs pads `1.0 `), with … before it (the firmware\'s last 4 characters)', async () => {
    expect(drives(await replayTree({ 'lsblk -S.txt': real('toshiba-thnsnj25-memo') }))).toEqual([{ key: 'ata:sda', class: 'ata', model: 'TOSHIBA THNSNJ25…', serial: null, firmware: '…0101' }]);
    expect(drives(await replayTree({ 'cmd/lsblk/--scsi.out': real('vbox-harddisk-codingbee') }))).toEqual([{ key: 'ata:sda', class: 'ata', model: 'VBOX HARDDISK', serial: null, firmware: '…1.0' }]);
  });

  it('lsblk -o NAME,…,MODEL,SERIAL with child rows: the two disks, not their RAID, partitions or volumes', async () => {
    const r = await replayTree({ 'lsblk -o NAME,HCTL,TYPE,MOUNTPOINT,FSTYPE,VENDOR,MODEL,SERIAL.txt': real('intel-ssdsc2bb15-md126-decisions238') });
    expect(drives(r)).toEqual([
      { key: 'ata:sda', class: 'ata', model: 'INTEL_SSDSC2BB15…', serial: 'PHDV718305YD150MGN', firmware: null },
      { key: 'ata:sdb', class: 'ata', model: 'INTEL_SSDSC2BB15…', serial: 'PHDV71660DZB150MGN', firmware: null },
    ]);
    expect(rows(r, `SELECT COUNT(*) AS n FROM collection_issues WHERE code = 'PARSE-LINE'`)).toEqual([{ n: 0 }]);
  });

  it('an NVMe namespace is its controller; a row with an empty SERIAL column', async () => {
    expect(drives(await replayTree({ 'lsblk -o NAME,VENDOR,MODEL,SERIAL.txt': real('samsung-mzvlw256hehp-nvme-utillinux823') }))).toEqual([
      { key: 'nvme:nvme0', class: 'nvme', model: 'SAMSUNG MZVLW256HEHP-000L7', serial: 'S35ENX1K616597', firmware: null },
    ]);
    expect(drives(await replayTree({ 'lsblk -o +SERIAL,MODEL sda.txt': real('crucial-ct500mx500ssd1-no-serial-utillinux2653') }))).toEqual([
      { key: 'ata:sda', class: 'ata', model: 'CT500MX500SSD1', serial: null, firmware: null },
    ]);
  });

  it('a glued -oNAME,… (util-linux issue 305) and -P pairs (systeminformation issue 266): read as the text listing is', async () => {
    expect(drives(await replayTree({ 'lsblk -oNAME,SERIAL,TRAN,MODEL,SUBSYSTEMS -d nvme0n1.txt': real('g7101-nvme-glued-o-utillinux305') }))).toEqual([
      { key: 'nvme:nvme0', class: 'nvme', model: 'G7101 BN102', serial: 'P441101MM0027', firmware: null },
    ]);
    const r = await replayTree({ 'lsblk -bPo NAME,TYPE,SIZE,FSTYPE,MOUNTPOINT,UUID,ROTA,RO,RM,LABEL,MODEL,OWNER,GROUP.txt': real('vb0250eaver-pairs-systeminformation266') });
    expect(drives(r)).toEqual([{ key: 'ata:sda', class: 'ata', model: 'VB0250EAVER', serial: null, firmware: null }]);
    expect(rows(r, `SELECT COUNT(*) AS n FROM collection_issues WHERE code IN ('PARSE-LINE', 'NOT_READ', 'UNKNOWN_NAME')`)).toEqual([{ n: 0 }]);
  });

  it('lsblk -J: each top-level device, its children skipped (synthetic: no public JSON listing of a real drive was found, only test doubles)', () => {
    const j = '{\n   "blockdevices": [\n      {"name":"sda", "model":"Samsung SSD 860 EVO 500GB", "rev":"2B6Q", "serial":"S3Z1NB0K000001X", "type":"disk",\n         "children": [{"name":"sda1", "model":null, "type":"part"}]}\n   ]\n}\n';
    expect(parseLsblk(j).disks).toEqual([{ name: 'sda', line: 0, model: 'Samsung SSD 860 EVO 500GB', rev: '2B6Q', serial: 'S3Z1NB0K000001X', type: 'disk' }]);
  });

  it('cuts the columns where lsblk prints them: MODEL holds spaces, REV and SIZE are right-aligned words', () => {
    const t = ['NAME MAJ:MIN   SIZE MODEL                    REV', 'sda      8:0 931.5G Samsung SSD 860 QVO 1TB 2B6Q', 'sdb     8:16   1.8T WDC WD20EFRX-68EUZN0        ', ''].join('\n');
    expect(parseLsblk(t).disks.map((d) => [d.name, d.model, d.rev])).toEqual([['sda', 'Samsung SSD 860 QVO 1TB', '2B6Q'], ['sdb', 'WDC WD20EFRX-68EUZN0', undefined]]);
  });

  it('a revision sysfs pads to 4 (`1   `) starts left of the REV heading: it is the revision, not the end of the model (a real lsblk --scsi)', async () => {
    const t = real('samsung-860-ocz-agility4-padded-rev-ctf-writeup');
    expect(parseLsblk(t).disks.map((d) => [d.name, d.model, d.rev])).toEqual([
      ['sda', 'Samsung SSD 860 EVO 500GB', '2B6Q'], ['sdb', 'OCZ-AGILITY4', '1'], ['sdc', 'WDC WD10EARS-00Y5B1', '0A80'], ['sdd', 'VIRTUAL-DISK', '0'], ['sr0', 'ATAPI iHAS124 C', 'LL06'],
    ]);
    const r = await replayTree({ 'lsblk --scsi.txt': t });
    expect(drives(r).filter((d) => d.class === 'ata')).toEqual([
      { key: 'ata:sda', class: 'ata', model: 'Samsung SSD 860 EVO 500GB', serial: 'S3Z2NB0M303041W', firmware: '…2B6Q' },
      { key: 'ata:sdb', class: 'ata', model: 'OCZ-AGILITY4', serial: 'OCZ-8DY8U684AS11K4SR', firmware: '…1' },
      { key: 'ata:sdc', class: 'ata', model: 'WDC WD10EARS-00Y5B1', serial: 'WD-WCAV5C854606', firmware: '…0A80' },
    ]);
    expect(rows(r, `SELECT COUNT(*) AS n FROM collection_issues WHERE code = 'PARSE-LINE'`)).toEqual([{ n: 0 }]);
  });

  it('a listing a format=flowed mail wrapped (a line broken after a space, its rest on the next line) is read as sent (platform-driver-x86, 2024)', async () => {
    const t = real('samsung-mz7lh240-intel-ssdsc2kg480g8-flowed-platform-driver-x86');
    expect(parseLsblk(t).disks.map((d) => [d.name, d.model, d.rev, d.serial])).toEqual([
      ['sda', 'SAMSUNG MZ7LH240HAHQ-00005', 'HXT7904Q', 'S45RNC0T166451'], ['sdb', 'INTEL SSDSC2KG480G8', 'XCV10100', 'BTYG84910BR5480BGN'],
    ]);
    const r = await replayTree({ 'lsblk -S.txt': t });
    expect(drives(r)).toEqual([
      { key: 'ata:sda', class: 'ata', model: 'SAMSUNG MZ7LH240HAHQ-00005', serial: 'S45RNC0T166451', firmware: 'HXT7904Q' },
      { key: 'ata:sdb', class: 'ata', model: 'INTEL SSDSC2KG480G8', serial: 'BTYG84910BR5480BGN', firmware: 'XCV10100' },
    ]);
    expect(rows(r, `SELECT COUNT(*) AS n FROM collection_issues WHERE code = 'PARSE-LINE'`)).toEqual([{ n: 0 }]);
    const quirks = r.report.inventory.flatMap((e) => e.findings.map((g) => g.headline.rule)).filter((f) => f.startsWith('ata.libata-quirk.')).sort();
    expect(quirks).toEqual(['ata.libata-quirk.intel-ssd.zeroaftertrim', 'ata.libata-quirk.samsung-mz7lh.zeroaftertrim']);
  });

  it('lsblk --scsi with udev\'s whole firmware (EXT0DB6Q) beside sysfs\'s 4-character revision (V4.7): the Samsung SSD 840 EVO is decided by its own libata entry (a real Arch Linux note)', async () => {
    const r = await replayTree({ 'lsblk --scsi.txt': real('samsung-840-evo-apacer-as340-whole-rev-arch-notes-ru') });
    expect(drives(r).filter((d) => d.class === 'ata')).toEqual([
      { key: 'ata:sda', class: 'ata', model: 'Apacer AS340 240GB', serial: 'J28485R004707', firmware: '…V4.7' },
      { key: 'ata:sdb', class: 'ata', model: 'Samsung SSD 840 EVO 250GB', serial: 'S1DBNSAFB46994Z', firmware: 'EXT0DB6Q' },
    ]);
    const quirks = r.report.inventory.flatMap((e) => e.findings.map((g) => g.headline.rule)).filter((f) => f.startsWith('ata.libata-quirk.')).sort();
    expect(quirks).toEqual(['ata.libata-quirk.samsung-ssd-840-evo.nodmalog', 'ata.libata-quirk.samsung-ssd-840-evo.zeroaftertrim']);
    expect(rows(r, `SELECT COUNT(*) AS n FROM collection_issues WHERE code = 'PARSE-LINE'`)).toEqual([{ n: 0 }]);
  });

  it('reads the names a person saves a listing under, the raw layout\'s too', () => {
    expect(savedLsblkArgv('lsblk -o NAME,MODEL,REV,SERIAL.txt')).toEqual(['lsblk', '-o', 'NAME,MODEL,REV,SERIAL']);
    expect(savedLsblkArgv('sudo lsblk -d -o name,model,rev.log')).toEqual(['lsblk', '-d', '-o', 'NAME,MODEL,REV']);
    expect(savedLsblkArgv('lsblk.txt')).toEqual(['lsblk']);
    expect(savedLsblkArgv('cmd/lsblk/-S.out')).toEqual(['lsblk', '-S']);
    expect(savedLsblkArgv('lsblk -J -o NAME,MODEL.json')).toEqual(['lsblk', '-J', '-o', 'NAME,MODEL']);
    expect(savedLsblkArgv('lsblk -P.txt')).toEqual(['lsblk', '-P']);
    expect(savedLsblkArgv('lsblk -r.txt')).toEqual(['lsblk', '-r']);
    expect(savedLsblkArgv('lsblk -Arndio KNAME,SERIAL,TRAN,MODEL,ROTA.txt')).toEqual(['lsblk', '-Arndio', 'KNAME,SERIAL,TRAN,MODEL,ROTA']);
    expect(savedLsblkArgv('lsblk -oNAME,serial,MODEL -d nvme0n1.txt')).toEqual(['lsblk', '-oNAME,SERIAL,MODEL', '-d']);
    expect(savedLsblkArgv('lsblk -bPo NAME,MODEL.txt')).toEqual(['lsblk', '-bPo', 'NAME,MODEL']);
  });

  it('redaction replaces the SERIAL column\'s serials, which lsblk prints with no label beside them', () => {
    const listing = real('intel-ssdsc2bb15-md126-decisions238');
    const after = Buffer.from(new Redactor({ catalog: REDACTION }).redact('cmd/lsblk/-o_NAME,HCTL,TYPE,MOUNTPOINT,FSTYPE,VENDOR,MODEL,SERIAL.out', undefined, Buffer.from(listing))!).toString('latin1');
    expect(after).not.toMatch(/PHDV718305YD150MGN|PHDV71660DZB150MGN/);
    expect(parseLsblk(after).disks.map((d) => d.model)).toEqual(['INTEL_SSDSC2BB15', 'INTEL_SSDSC2BB15']);
  });
});

describe('lsblk -r: values parted by one space, a model\'s spaces escaped as \\x20', () => {
  // A real listing's two rows as a Python tool's docstring shows them under its command (`lsblk -Arndio KNAME,SERIAL,TRAN,MODEL,ROTA`, serials masked by the writer).
  const rows = 'sda XXX0NF0JB1XXXXVV sata Samsung\\x20SSD\\x20750\\x20EVO\\x20250GB 0\nnvme0n1 XXXXNX0WXXXXXXL nvme Samsung\\x20SSD\\x20990\\x20PRO\\x201TB 0\n';
  it('with no heading, the columns its command line lists: the SATA drive and the NVMe controller, their models whole', async () => {
    const r = await replayTree({ 'lsblk -Arndio KNAME,SERIAL,TRAN,MODEL,ROTA.txt': rows });
    expect(drives(r)).toEqual([
      { key: 'ata:sda', class: 'ata', model: 'Samsung SSD 750 EVO 250GB', serial: 'XXX0NF0JB1XXXXVV', firmware: null },
      { key: 'nvme:nvme0', class: 'nvme', model: 'Samsung SSD 990 PRO 1TB', serial: 'XXXXNX0WXXXXXXL', firmware: null },
    ]);
  });

  it('under its heading, known by the command or by its rows alone; an empty value is nothing between two spaces', () => {
    const t = 'NAME MODEL REV TYPE\nsda Samsung\\x20SSD\\x20860\\x20QVO\\x201TB 2B6Q disk\nsda1   part\nsdb WDC\\x20WD20EFRX-68EUZN0 82.00A82 disk\n';
    const want = [['sda', 'Samsung SSD 860 QVO 1TB', '2B6Q'], ['sda1', undefined, undefined], ['sdb', 'WDC WD20EFRX-68EUZN0', '82.00A82']];
    expect(parseLsblk(t, ['lsblk', '-r', '-o', 'NAME,MODEL,REV,TYPE']).disks.map((d) => [d.name, d.model, d.rev])).toEqual(want);
    expect(parseLsblk(t).disks.map((d) => [d.name, d.model, d.rev])).toEqual(want);
    expect(parseLsblk(t).issues).toEqual([]);
  });

  it('redaction replaces the raw layout\'s serials too', () => {
    const after = Buffer.from(new Redactor({ catalog: REDACTION }).redact('cmd/lsblk/-r_-o_NAME,SERIAL,MODEL.out', undefined, Buffer.from('NAME SERIAL MODEL\nsda S3Z9NB0K123456A Samsung\\x20SSD\\x20860\\x20EVO\\x20500GB\n'))!).toString('latin1');
    expect(after).not.toContain('S3Z9NB0K123456A');
    const headless = Buffer.from(new Redactor({ catalog: REDACTION }).redact('cmd/lsblk/-Arndio_KNAME,SERIAL,TRAN,MODEL,ROTA.out', undefined, Buffer.from('sda S3Z9NB0K123456A sata Samsung\\x20SSD\\x20860\\x20EVO\\x20500GB 0\n'))!).toString('latin1');
    expect(headless).not.toContain('S3Z9NB0K123456A');
  });
});

describe('an ATA model lsblk gives cut, and a quirk finding of a drive with no firmware read', () => {
  it('a 16-character model (the INQUIRY product lsblk reads from sysfs) is stored ending in … and says so; no quirk is matched on it', async () => {
    const r = await replayTree({ 'lsblk --scsi.txt': real('intel-ssdsc2bx40-perc-lio-int32bit-blog') });
    expect(drives(r).filter((d) => d.class === 'ata').map((d) => d.model)).toEqual(Array(6).fill('INTEL SSDSC2BX40…'));
    const findings = r.report.inventory.flatMap((e) => e.findings.map((g) => g.headline.rule));
    expect(findings.filter((f) => f.startsWith('ata.libata-quirk.'))).toEqual([]);
    const notes = rows(r, `SELECT code, message FROM collection_issues WHERE code LIKE 'PARTIAL-%' ORDER BY code`);
    expect(notes.map((n) => n.code)).toEqual(['PARTIAL-FIRMWARE', 'PARTIAL-MODEL']);
    expect(String(notes[1]!.message)).toContain('sda "INTEL SSDSC2BX40"');
  });

  it('a whole model (longer than 16 characters: udev\'s) reaches the quirk rules; a finding with no firmware read names none', async () => {
    const r = await replayTree({ 'lsblk -d -o NAME,MODEL,SERIAL.txt': 'NAME MODEL               SERIAL\nsda  INTEL SSDSC2BB016T7 PHDV0000000001P6NGN\n' });
    expect(drives(r)).toEqual([{ key: 'ata:sda', class: 'ata', model: 'INTEL SSDSC2BB016T7', serial: 'PHDV0000000001P6NGN', firmware: null }]);
    const messages = r.report.inventory.flatMap((e) => e.findings.flatMap((g) => [g.headline.message]));
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m).not.toMatch(/\{|firmware unknown/);
    expect(rows(r, `SELECT COUNT(*) AS n FROM collection_issues WHERE code LIKE 'PARTIAL-%'`)).toEqual([{ n: 0 }]);
  });
});
