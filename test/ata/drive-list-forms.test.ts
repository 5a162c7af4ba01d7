/**
 * A person's drive list saved at the top of a tree under a name of their own (docs/bundle-format.md, "drive lists"):
 * a model/firmware table (TSV, CSV, a Markdown table) or the disks' sysfs attributes (`grep . /sys/block/*\/device/{model,rev}`,
 * head's, typed cats). Before, none was read: the file was kept under unread/ and no drive reached the quirk rules.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDriveList } from '../../analyzer/classes/ata/drive-list.js';
import { LIBATA_FLAGS } from '../../analyzer/classes/ata/upstream/libata-flags.js';
import { REV_LEN, MODEL_LEN } from '../../analyzer/classes/ata/upstream/libata-rules.js';
import { isDriveListText } from '../../collector/classes/ata/drive-list-text.js';
import { replayTree } from '../helpers/replay-tree.js';
import { kernelGlobMatch } from './kernel-glob.js';
import { flagSlug, libataTable } from './libata-replay.js';

type Replayed = Awaited<ReturnType<typeof replayTree>>;
const rows = (r: Replayed, sql: string): Record<string, unknown>[] => r.db.prepare(sql).all() as Record<string, unknown>[];
const drives = (r: Replayed): Record<string, unknown>[] => rows(r, `SELECT d.device_key AS key, d.model,
  (SELECT version FROM firmware f WHERE f.device_key = d.device_key AND f.state = 'running') AS firmware FROM devices d ORDER BY d.device_key`);
const findings = (r: Replayed): [string, string, string][] =>
  r.report.inventory.flatMap((e) => e.findings.map((g) => [g.headline.device ?? '', g.headline.rule, g.severity] as [string, string, string]));
const fixture = (path: string): string => readFileSync(new URL(`./fixtures/drive-lists/${path}`, import.meta.url), 'utf8');

/** The flags of the entry the kernel matches whose rule needs no setting a drive list cannot give (trim mode, LPM, transfer mode). */
function listFlags(model: string, rev: string): string[] {
  const cut = (s: string, n: number): string => s.slice(0, n).replace(/ +$/, '');
  const e = libataTable.entries.find((x) => kernelGlobMatch(x.model, cut(model, MODEL_LEN)) && (x.rev === null || kernelGlobMatch(x.rev, cut(rev, REV_LEN))));
  return (e?.flags ?? []).filter((f) => LIBATA_FLAGS[f] && !LIBATA_FLAGS[f]!.when && LIBATA_FLAGS[f]!.hostVendor === undefined).map(flagSlug).sort();
}

describe('a model/firmware table', () => {
  it('a real TSV drive list (bsdhw/SMART pairs, `model<TAB>firmware` heading) saved as drives.tsv: each row a drive, each reaching the quirk rules as the kernel matches it', async () => {
    const text = fixture('bsdhw-desktop-ata.tsv');
    const list = text.trimEnd().split('\n').slice(1).map((l) => l.split('\t')).map(([model, rev]) => ({ model: model!, rev: rev! }));
    const r = await replayTree({ 'drives.tsv': text });
    const got = drives(r);
    expect(got).toHaveLength(list.length);
    const byKey = new Map(got.map((d) => [d.key, d]));
    list.forEach((d, i) => expect(byKey.get(`ata:drives-${i + 1}`), d.model).toEqual({ key: `ata:drives-${i + 1}`, model: d.model, firmware: d.rev }));
    const fired = new Map<string, string[]>();
    for (const [key, rule] of findings(r)) if (rule.startsWith('ata.libata-quirk.')) fired.set(key, [...(fired.get(key) ?? []), rule.slice(rule.lastIndexOf('.') + 1)]);
    const differ = list.map((d, i) => ({ drive: `${d.model} / ${d.rev}`, kernel: listFlags(d.model, d.rev), fwsnap: (fired.get(`ata:drives-${i + 1}`) ?? []).sort() }))
      .filter((x) => x.kernel.join() !== x.fwsnap.join());
    expect(differ).toEqual([]);
    expect([...fired.values()].flat().length).toBeGreaterThan(100);
    expect(rows(r, `SELECT COUNT(*) AS n FROM collection_issues WHERE code IN ('PARSE-LINE', 'NOT_READ')`)).toEqual([{ n: 0 }]);
  }, 180_000);

  it('CSV with quotes and a serial column, a Markdown table, `;` separated (synthetic: no public sample of these forms was found)', async () => {
    const csv = 'Device,Model,Firmware Version,Serial Number\n/dev/sda,"Samsung SSD 860 EVO 500GB",RVT02B6Q,S3Z1NB0K000001X\nsdb,ST31500341AS,SD17,9VS00001\n';
    const md = '| Model | FW |\n|---|---|\n| Crucial_CT512MX100SSD1 | MU01 |\n';
    const semi = 'Model Number;Firmware\nSamsung SSD 970 EVO Plus 1TB;2B2QEXM7\n';
    const r = await replayTree({ 'disks.csv': csv, 'my drives.md': md, 'inventory.txt': semi });
    expect(drives(r)).toEqual([
      { key: 'ata:my_drives-1', model: 'Crucial_CT512MX100SSD1', firmware: 'MU01' },
      { key: 'ata:sda', model: 'Samsung SSD 860 EVO 500GB', firmware: 'RVT02B6Q' },
      { key: 'ata:sdb', model: 'ST31500341AS', firmware: 'SD17' },
      { key: 'nvme:inventory-1', model: 'Samsung SSD 970 EVO Plus 1TB', firmware: '2B2QEXM7' },
    ]);
    const f = findings(r);
    expect(f).toContainEqual(['ata:sdb', 'ata.libata-quirk.st31500341as-sd1-5-9.firmwarewarn', 'high']);
    expect(f).toContainEqual(['ata:my_drives-1', 'ata.libata-quirk.crucial-ct512mx100-mu01.zeroaftertrim', 'info']);
    expect(rows(r, `SELECT serial FROM devices WHERE device_key = 'ata:sda'`)).toEqual([{ serial: 'S3Z1NB0K000001X' }]);
  });

  it('a Markdown table is a drive list in a file saved as one, or when every column is a drive\'s; a host\'s parts table in a README is not', async () => {
    const parts = '# host7\n\n| Component | Model | Firmware |\n|---|---|---|\n| NIC | ConnectX-5 | 16.35.2000 |\n| BIOS | Dell R740 | 2.19.1 |\n| Boot SSD | Micron_5300_MTFDDAK480TDS | D3MU001 |\n';
    const disks = 'Our shelf:\n\n| Disk | Model | Firmware | Capacity |\n|---|---|---|---|\n| sdb | ST31500341AS | SD17 | 1.5 TB |\n';
    const named = '| Model | FW | Notes |\n|---|---|---|\n| Crucial_CT512MX100SSD1 | MU01 | boot |\n';
    const r = await replayTree({ 'README.md': parts, 'notes.md': disks, 'ssd models.md': named });
    expect(drives(r)).toEqual([
      { key: 'ata:sdb', model: 'ST31500341AS', firmware: 'SD17' },
      { key: 'ata:ssd_models-1', model: 'Crucial_CT512MX100SSD1', firmware: 'MU01' },
    ]);
    expect(isDriveListText(parts, 'README.md')).toBe(false);
    expect(isDriveListText(parts, 'drives.md')).toBe(true);
    expect(isDriveListText(named, 'notes.md')).toBe(false);
  });

  it('columns aligned with spaces: a TSV whose tabs a paste expanded, a table typed by hand (synthetic)', () => {
    const expanded = 'model   firmware\nSamsung SSD 860 EVO 500GB       RVT02B6Q\nST31500341AS    SD17\n';
    expect(parseDriveList(expanded).drives.map((d) => [d.model, d.firmware])).toEqual([['Samsung SSD 860 EVO 500GB', 'RVT02B6Q'], ['ST31500341AS', 'SD17']]);
    const typed = 'Disk  Model                      Firmware\nsda   Samsung SSD 860 EVO 500GB  RVT02B6Q\nsdb   WDC WD40EFRX-68N32N0       82.00A82\n';
    expect(parseDriveList(typed).drives.map((d) => [d.name, d.model, d.firmware])).toEqual([['sda', 'Samsung SSD 860 EVO 500GB', 'RVT02B6Q'], ['sdb', 'WDC WD40EFRX-68N32N0', '82.00A82']]);
    expect(isDriveListText(typed)).toBe(true);
    // A sentence that names a model and a firmware is no heading.
    expect(isDriveListText('The model and firmware are below.\n')).toBe(false);
  });

  it('is told by its heading, not its name; a table of other things is none', () => {
    expect(isDriveListText('model\tfirmware\nX\tY\n')).toBe(true);
    expect(isDriveListText('name,size,mountpoint\nsda,1T,/\n')).toBe(false);
    expect(parseDriveList('Disk;Model;Version\nsda;ST31500341AS;SD17\n').drives.map((d) => [d.name, d.firmware])).toEqual([['sda', 'SD17']]);
    expect(isDriveListText('smartctl 7.3 2022-02-28 r5338\nDevice Model: X\n')).toBe(false);
    expect(parseDriveList('Model,Firmware\n,\nA,-\n').drives).toEqual([{ model: 'A', from: 'table', modelHeading: 'Model', line: 3 }]);
    // A person's sentence at the margin between the rows is theirs: an issue with its number, the rows after it read.
    const margin = parseDriveList('Model,Firmware\nST31500341AS,SD17\nThe two below are the new shelf, bought in May.\nST4000DM004-2CV104,0001\n');
    expect(margin.drives.map((d) => d.model)).toEqual(['ST31500341AS', 'ST4000DM004-2CV104']);
    expect(margin.issues.map((i) => i.line)).toEqual([3]);
  });
});

describe('cat /proc/scsi/scsi', () => {
  it('a real bug report\'s section: the two SATA disks ATA drives, the USB disk a block device, the DVD writer and the enclosure none; the INQUIRY revision said to be partial', async () => {
    const r = await replayTree({ 'proc-scsi-scsi.txt': fixture('proc-scsi/samsung-830-st31000524as-linux-mm-bug-report.txt') });
    expect(drives(r)).toEqual([
      { key: 'ata:proc-scsi-scsi-1', model: 'SAMSUNG SSD 830 …', firmware: '…CXM0' },
      { key: 'ata:proc-scsi-scsi-2', model: 'ST31000524AS', firmware: '…JC45' },
      { key: 'block:proc-scsi-scsi-3', model: 'My Passport 0748', firmware: '1010' },
    ]);
    expect(rows(r, `SELECT code, COUNT(*) AS n FROM collection_issues WHERE code IN ('PARSE-LINE', 'NOT_READ', 'PARTIAL-FIRMWARE') GROUP BY code ORDER BY code`)).toEqual([{ code: 'PARSE-LINE', n: 1 }, { code: 'PARTIAL-FIRMWARE', n: 1 }]);
    expect(findings(r)).toEqual([['ata:proc-scsi-scsi-1', 'ata.libata-quirk.samsung-ssd-2.zeroaftertrim', 'info']]);
  });

  it('real notes in Chinese, two listings indented under their items, the writer\'s words after a Host and a Rev line: every disk, the RAID volume and the BMC\'s virtual disks block devices', async () => {
    const r = await replayTree({ 'cmdb notes.txt': fixture('proc-scsi/intel-ssdsc2bb24-samsung-840-cmdb-notes-cjk.txt') });
    expect(drives(r)).toEqual([
      // The RAID card of the `lspci |grep RAID` typed in the notes, read as that command's output (typed-commands.ts).
      { key: '0000:03:00.0', model: null, firmware: null },
      { key: 'ata:cmdb_notes-2', model: 'INTEL SSDSC2BB24…', firmware: '…0370' },
      { key: 'ata:cmdb_notes-3', model: 'INTEL SSDSC2BB24…', firmware: '…0370' },
      { key: 'ata:cmdb_notes-4', model: 'Samsung SSD 840 …', firmware: '…DXT0' },
      { key: 'block:cmdb_notes-1', model: 'Logical Volume', firmware: '3000' },
      { key: 'block:cmdb_notes-5', model: 'Virtual HDISK0', firmware: '1.00' },
      { key: 'block:cmdb_notes-6', model: 'Virtual Floppy0', firmware: '1.00' },
    ]);
    expect(findings(r).filter(([, , sev]) => sev === 'high' || sev === 'critical')).toEqual([]);
  });

  it('a real notes file\'s, typed under its prompt: a revision n/a is none', async () => {
    const r = await replayTree({ 'scsi devices.txt': fixture('proc-scsi/samsung-840-csd-notes-prompt.txt') });
    expect(drives(r)).toEqual([
      { key: 'ata:scsi_devices-1', model: 'CSD CAZ320S', firmware: null },
      { key: 'ata:scsi_devices-2', model: 'Samsung SSD 840 …', firmware: '…BB6Q' },
    ]);
    expect(rows(r, `SELECT COUNT(*) AS n FROM collection_issues WHERE code IN ('PARSE-LINE', 'NOT_READ')`)).toEqual([{ n: 0 }]);
  });
});

describe('the disks\' sysfs attributes', () => {
  it('typed cats of device/model (a real Synology HDD db thread): each disk an ATA drive with its model', async () => {
    const r = await replayTree({ 'models.txt': fixture('sysfs/sandisk-sd9sn8w-synology-nvc-cat-hdddb3.txt') });
    expect(drives(r)).toEqual([
      { key: 'ata:nvc1', model: 'SD9SN8W1T001122 …', firmware: null },
      { key: 'ata:nvc2', model: 'SD9SN8W1T00', firmware: null },
    ]);
    expect(rows(r, `SELECT COUNT(*) AS n FROM collection_issues WHERE code IN ('PARSE-LINE', 'NOT_READ')`)).toEqual([{ n: 0 }]);
  });

  it('grep . /sys/class/block/sd?/device/model (a real guide\'s example, a USB stick, carets drawn under the name): one drive, the carets an issue', async () => {
    const r = await replayTree({ 'usb-model.txt': fixture('sysfs/patriot-memory-usb-grep-poplar-guide.txt') });
    expect(drives(r)).toEqual([{ key: 'ata:sdc', model: 'Patriot Memory', firmware: null }]);
    expect(rows(r, `SELECT COUNT(*) AS n FROM collection_issues WHERE code = 'PARSE-LINE'`)).toEqual([{ n: 1 }]);
    expect(findings(r)).toEqual([]);
  });

  it('grep . /sys/block/*/device/{model,rev} and head (synthetic: no public paste of an ATA drive\'s was found): an ATA model of 16 characters is cut, a revision decides no firmware-keyed quirk, an NVMe namespace is its controller', async () => {
    const grep = [
      '$ grep . /sys/block/*/device/{model,rev}', '/sys/block/sda/device/model:ST4000DM004-2CV1', '/sys/block/sdb/device/model:Samsung SSD 850 ',
      '/sys/block/nvme0n1/device/model:Samsung SSD 970 EVO Plus 1TB           ', '/sys/block/sda/device/rev:0001', '/sys/block/sdb/device/rev:2B6Q', '',
    ].join('\n');
    const head = ['==> /sys/block/sdc/device/model <==', 'ST31500341AS    ', '', '==> /sys/block/sdc/device/rev <==', 'SD17', ''].join('\n');
    const r = await replayTree({ 'sys-block-model-rev.txt': grep, 'sysfs-head.txt': head });
    expect(drives(r)).toEqual([
      { key: 'ata:sda', model: 'ST4000DM004-2CV1…', firmware: '…0001' },
      { key: 'ata:sdb', model: 'Samsung SSD 850 …', firmware: '…2B6Q' },
      { key: 'ata:sdc', model: 'ST31500341AS', firmware: '…SD17' },
      { key: 'nvme:nvme0', model: 'Samsung SSD 970 EVO Plus 1TB', firmware: null },
    ]);
    expect(findings(r).filter(([k]) => k === 'ata:sda')).toEqual([]);
    // SD17 is the INQUIRY revision: the firmware SD17 or any xxxxSD17. The SD1[5-9] entry is not decided on it.
    expect(findings(r).filter(([k]) => k === 'ata:sdc')).toEqual([]);
    expect(rows(r, `SELECT result FROM rule_results WHERE device_key = 'ata:sdc' AND rule_id = 'ata.libata-quirk.st31500341as-sd1-5-9.firmwarewarn'`)).toEqual([{ result: 'skip' }]);
    // A model cut at a space reads whole (sysfs pads every product to 16): a pattern ending in * matches it as the whole model.
    expect(findings(r)).toContainEqual(['ata:sdb', 'ata.libata-quirk.samsung-ssd-850.zeroaftertrim', 'info']);
    expect(rows(r, `SELECT code FROM collection_issues WHERE code LIKE 'PARTIAL-%' ORDER BY code`).map((x) => x.code)).toEqual(['PARTIAL-FIRMWARE', 'PARTIAL-FIRMWARE', 'PARTIAL-MODEL']);
  });
});
