import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseNvmeList } from '../../analyzer/classes/nvme/nvme-list.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { savedNvmeList } from '../../collector/classes/nvme/saved.js';
import { tempDir } from '../helpers/tmp.js';

const REAL = new URL('./fixtures/report-outputs/nvme-list/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, REAL), 'utf8');
const truth = (name: string): unknown => (parse(read(`${name}.provenance.yaml`)) as { truth: unknown }).truth;
const SAMPLES = readdirSync(REAL).filter((f) => !f.endsWith('.provenance.yaml')).sort();

describe('nvme list (the nvme class\'s parser, for imported reports and saved outputs), on real public outputs', () => {
  it('holds text, -v and JSON samples of nvme-cli 1.x and 2.x', () => {
    expect(SAMPLES.length).toBeGreaterThanOrEqual(10);
  });

  it.each(SAMPLES)('%s: every namespace or controller its provenance names, as printed', (file) => {
    const p = parseNvmeList(read(file));
    expect(p.entries).toEqual(truth(file.replace(/\.(?:txt|json)$/, '')));
    // The only lines left unread are a prompt of a form the shared text layer does not know, a heading cut short,
    // a row the stored copy of a thread cut short, and where a JSON document was cut.
    // A JSON document the stored copy cut short is read up to its last whole member, the cut named (netdata issue 19500).
    // Another nvme-cli command's output pasted above it (issue 2661's `nvme list-ns`) is that command's, named once.
    // The kernel's console lines printed above the table (issue 2173's `[700147.853053][T3178441] block nvme0n1: …`) are no
    // line of the list: each is named unread.
    expect(p.issues.filter((i) => !/cut short|of the output of "nvme [\w-]+[^"]*" not read/.test(i.message)).map((i) => i.text).filter((t) => !/ # \.\/nvme list|^Device {7}Generic$|^\/de$|^\[\s*\d+\.\d+\]\[T\d+\] block nvme\d+n\d+: /.test(t))).toEqual([]);
  });

  it('nvme-cli 2.x adds a Generic column and widens fields: columns are found by heading, not place', () => {
    const text = [
      'Node                  Generic               SN                   Model                                    Namespace  Usage                      Format           FW Rev  ',
      '--------------------- --------------------- -------------------- ---------------------------------------- ---------- -------------------------- ---------------- --------',
      '/dev/nvme0n1          /dev/ng0n1            BTPY65250EQN512F     INTEL SSDPEKKW512G7                      0x1        512.11  GB / 512.11  GB    512   B +  0 B    PSF121C',
    ].join('\r\n');
    expect(parseNvmeList(text).entries).toEqual(truth('intel-600p-lkml'));
  });

  it('a dashes line one group short (no dashes under FW Rev): the heading\'s last column is read after the last dashed one', () => {
    expect(parseNvmeList(read('samsung-960evo-issue849-dashes-short.txt'))).toEqual({ entries: truth('samsung-960evo-issue849-dashes-short'), issues: [] });
  });

  it('list -v: controllers from the Device/SN/MN/FR table; the subsystem and namespace tables are known and skipped', () => {
    const p = parseNvmeList(read('qemu-pr1171-verbose-section-titles.txt'));
    expect(p.entries.map((e) => e.controller)).toEqual(['nvme0']);
    expect(p.issues).toEqual([]);
  });

  it('a row narrower than its dashes (2.x -v Device column) is split on runs of spaces; a value cut by a column start goes to the side holding more of it', () => {
    const v = parseNvmeList(read('vmware-libnvme995-verbose-cntlid-slot-cut.txt')).entries;
    expect(v.map((e) => [e.controller, e.serial, e.model, e.firmware])).toContainEqual(['nvme0', 'VMware NVME_0002', 'VMware Virtual NVMe Disk', '1.3']);
    expect(parseNvmeList(read('kingston-snv2s250g-fog72-no-dashes.txt')).entries[0]!.firmware).toBe('ELFK0S.4');
  });

  it('list -v with a serial that fills its column (one space before the model): read by the dashes\' places, the Device column narrower than its dashes or not', () => {
    // The layout of nvme-cli 2.x (libnvme 1.x) `list -v`: Device printed %-8s under 16 dashes, SN %-20s, MN %-40s.
    const shifted = [
      'Device           Cntlid SN                   MN                                       FR       TxPort Address        Slot   Subsystem    Namespaces',
      '---------------- ------ -------------------- ---------------------------------------- -------- ------ -------------- ------ ------------ ----------------',
      'nvme0    0      S5GXNF0R123456A7B8C9 Samsung SSD 980 PRO 2TB                  5B2QGXA7 pcie   0000:04:00.0          nvme-subsys0 nvme0n1',
      'nvme1    6      VMware NVME_0000     VMware Virtual NVMe Disk                 1.3      pcie   0000:13:00.0   193    nvme-subsys1 nvme1n1',
    ].join('\n');
    expect(parseNvmeList(shifted)).toEqual({
      entries: [
        { node: 'nvme0', controller: 'nvme0', serial: 'S5GXNF0R123456A7B8C9', model: 'Samsung SSD 980 PRO 2TB', firmware: '5B2QGXA7' },
        { node: 'nvme1', controller: 'nvme1', serial: 'VMware NVME_0000', model: 'VMware Virtual NVMe Disk', firmware: '1.3' },
      ],
      issues: [],
    });
    const aligned = [
      'Device   SN                   MN                                       FR       TxPort Address        Subsystem    Namespaces      ',
      '-------- -------------------- ---------------------------------------- -------- ------ -------------- ------------ ----------------',
      'nvme10   BTLJ1234567890ABCDEF INTEL SSDPE2KX040T8                      VDV10131 pcie   0000:5e:00.0   nvme-subsys10 nvme10n1',
    ].join('\n');
    expect(parseNvmeList(aligned).entries).toEqual([
      { node: 'nvme10', controller: 'nvme10', serial: 'BTLJ1234567890ABCDEF', model: 'INTEL SSDPE2KX040T8', firmware: 'VDV10131' },
    ]);
  });

  it('JSON: the flat Devices form, the nested form of -v and of nvme-cli 2.11+ (Subsystems, Controllers), and {} for no device', () => {
    // The nested keys as nvme-cli issues 225 and 2749 describe them.
    const nested = JSON.stringify({ Devices: [{ HostNQN: 'nqn.x', Subsystems: [{ Subsystem: 'nvme-subsys0', SubsystemNQN: 'nqn.y', Controllers: [
      { Controller: 'nvme0', Cntlid: '1', SerialNumber: 'S1 ', ModelNumber: 'M1', Firmware: 'F1', Transport: 'pcie', Address: '0000:01:00.0', Namespaces: [{ NameSpace: 'nvme0n1', NSID: 1 }] },
    ], Namespaces: [] }] }] });
    expect(parseNvmeList(nested)).toEqual({ entries: [{ node: 'nvme0', controller: 'nvme0', serial: 'S1', model: 'M1', firmware: 'F1' }], issues: [] });
    expect(parseNvmeList('{}')).toEqual({ entries: [], issues: [] });
    expect(parseNvmeList('{"Devices":[{"HostNQN":"nqn.x"}]}').issues).toHaveLength(1);
  });

  it('the 2015 pre-release form (`<node> : NVM Express - 0x<vid> - <model> <fr> - <ns>`): model and firmware of each namespace; a partition line is no namespace', () => {
    // nvme-cli issue 4 (2015-02-18); the firmware field was printed unterminated (8 bytes, then what followed them).
    const p = parseNvmeList(read('nvmecli4-2015-prerelease.txt'));
    expect(p).toEqual({ entries: truth('nvmecli4-2015-prerelease'), issues: [] });
  });

  it('rows of list -v or list whose heading was cut off: controllers read from their row\'s shape, subsystem and namespace rows known', () => {
    const text = [
      'nvme-subsys0     nqn.2017-03.jp.co.toshiba:KXG60ZNV512G NVMe TOSHIBA 512GB:49MA23BZK03N                           nvme0',
      'nvme0    49MA23BZK03N         KXG60ZNV512G NVMe TOSHIBA 512GB          10604107 pcie   0000:3d:00.0   nvme-subsys0 nvme0n1',
      'nvme1    0      VMware NVME_0002     VMware Virtual NVMe Disk                 1.3      pcie   0000:04:00.0   161    nvme-subsys1 nvme1n1, nvme1n2',
      'nvme2    85JZX23              dellemc-powerstore                       2.1.0.0  tcp    traddr=10.162.198.45,trsvcid=4420 nvme-subsys2 nvme2n1',
      '/dev/nvme0n1 /dev/ng0n1   0x1          512.11  GB / 512.11  GB    512   B +  0 B   nvme0',
      'nvme0n1      1        512.11  GB / 512.11  GB    512   B +  0 B   nvme0',
      '/dev/nvme3n1     S3ESNX0J917822J      Samsung SSD 960 EVO 250GB                1        250.06  GB / 250.06  GB    512   B +  0 B   2B7QCXE7',
      '/dev/nvme4n1          /dev/ng4n1            23181L900125         WUS5EA138ESP7E3                          0x1          3.83  TB /  30.64  TB      4 KiB +  0 B   RC610004',
    ].join('\n');
    expect(parseNvmeList(text)).toEqual({
      entries: [
        { node: 'nvme0', controller: 'nvme0', serial: '49MA23BZK03N', model: 'KXG60ZNV512G NVMe TOSHIBA 512GB', firmware: '10604107' },
        { node: 'nvme1', controller: 'nvme1', serial: 'VMware NVME_0002', model: 'VMware Virtual NVMe Disk', firmware: '1.3' },
        { node: 'nvme2', controller: 'nvme2', serial: '85JZX23', model: 'dellemc-powerstore', firmware: '2.1.0.0' },
        { node: '/dev/nvme3n1', controller: 'nvme3', serial: 'S3ESNX0J917822J', model: 'Samsung SSD 960 EVO 250GB', firmware: '2B7QCXE7' },
        { node: '/dev/nvme4n1', controller: 'nvme4', serial: '23181L900125', model: 'WUS5EA138ESP7E3', firmware: 'RC610004' },
      ],
      issues: [],
    });
    // A row after a table of another shape is read by its own shape too.
    const after = `${read('intel-600p-lkml.txt')}${text.split('\n')[1]}\n`;
    expect(parseNvmeList(after).entries.map((e) => e.node)).toEqual(['/dev/nvme0n1', 'nvme0']);
    expect(parseNvmeList('nvme0    garbage\n').issues).toHaveLength(1);
  });

  // A person's note written at the margin between a table's heading and its dashes (the paste sweep's 'a margin line'):
  // the dashes are still the heading's, the note one unread line with its number, never the table's heading.
  it.each([
    'netapp-eseries-ef600-roce-cli2-blog-two-namespaces.txt', 'intel-600p-lkml.txt', 'azure-msft-accelerator-lisa-cli1-serial-with-space.txt',
    'samsung-990pro-issue2661-cli2-after-other-commands.txt', 'toshiba-kxg60-libnvme108-verbose.txt', 'vmware-libnvme995-verbose-cntlid-slot-cut.txt',
  ])('%s with a note between a heading and its dashes: every row read, the note one unread line', (file) => {
    const text = read(file);
    const plain = parseNvmeList(text);
    const ls = text.split('\n');
    const dashes = ls.map((l, i) => (/^\s*-{3,}(?:\s+-{3,})+\s*$/.test(l) ? i : -1)).filter((i) => i > 0);
    for (const note of ['Note: the values below were read after the reboot.', 'EDIT: this part is from the second card, see below.', 'The values below were read after the reboot.']) {
      for (const at of dashes) {
        const got = parseNvmeList([...ls.slice(0, at), note, ...ls.slice(at)].join('\n'));
        expect(got.entries, `${note} above line ${at + 1}`).toEqual(plain.entries);
        expect(got.issues.filter((i) => !plain.issues.some((p) => p.text === i.text)).map((i) => [i.line, i.text]), note).toEqual([[at + 1, note]]);
      }
    }
  });

  it('a web page that collapsed runs of spaces: a serial of two words (VMware\'s `VMware NVME_0002`) ends where its first word starts the model again', () => {
    const collapsed = read('vmware-libnvme995-verbose-cntlid-slot-cut.txt').replace(/ {2,}/g, ' ');
    const got = parseNvmeList(collapsed).entries.map((e) => [e.controller, e.serial, e.model, e.firmware]);
    expect(got).toContainEqual(['nvme0', 'VMware NVME_0002', 'VMware Virtual NVMe Disk', '1.3']);
    const plain = ['Node SN Model Namespace Usage Format FW Rev', '/dev/nvme0n1 VMware NVME_0000 VMware Virtual NVMe Disk 1 53.69 GB / 53.69 GB 512 B + 0 B 1.3',
      '/dev/nvme1n1 S3ESNX0J917822J Samsung SSD 960 EVO 250GB 1 250.06 GB / 250.06 GB 512 B + 0 B 2B7QCXE7'].join('\n');
    expect(parseNvmeList(plain).entries.map((e) => [e.serial, e.model])).toEqual([['VMware NVME_0000', 'VMware Virtual NVMe Disk'], ['S3ESNX0J917822J', 'Samsung SSD 960 EVO 250GB']]);
  });

  it('collapsed rows whose two-word serials start with a word the model lacks: the model is what every row ends with, the serial the words before it', () => {
    // A virtual controller's serials over one model (spaces collapsed by a web page); a lone row, or rows of one-word
    // serials (which differ from row to row), keep the first word as the serial.
    const rows = (...r: string[]): string => ['Node SN Model Namespace Usage Format FW Rev', ...r].join('\n');
    const virt = rows('/dev/nvme0n1 Hyper NVME_0001 Virtual NVMe Disk 1 53.69 GB / 53.69 GB 512 B + 0 B 1.3', '/dev/nvme1n1 Hyper NVME_0002 Virtual NVMe Disk 1 10.74 GB / 10.74 GB 512 B + 0 B 1.3');
    expect(parseNvmeList(virt).entries.map((e) => [e.serial, e.model])).toEqual([['Hyper NVME_0001', 'Virtual NVMe Disk'], ['Hyper NVME_0002', 'Virtual NVMe Disk']]);
    const same = rows('/dev/nvme0n1 S3ESNX0J917822J Samsung SSD 960 EVO 250GB 1 250.06 GB / 250.06 GB 512 B + 0 B 2B7QCXE7', '/dev/nvme1n1 S3ESNX0J917823K Samsung SSD 960 EVO 250GB 1 250.06 GB / 250.06 GB 512 B + 0 B 2B7QCXE7');
    expect(parseNvmeList(same).entries.map((e) => e.serial)).toEqual(['S3ESNX0J917822J', 'S3ESNX0J917823K']);
    const mixed = rows('/dev/nvme0n1 S3ESNX0J917822J Samsung SSD 960 EVO 250GB 1 250.06 GB / 250.06 GB 512 B + 0 B 2B7QCXE7', '/dev/nvme1n1 S5GXNF0R123456A Samsung SSD 980 PRO 250GB 1 250.06 GB / 250.06 GB 512 B + 0 B 5B2QGXA7');
    expect(parseNvmeList(mixed).entries.map((e) => e.serial)).toEqual(['S3ESNX0J917822J', 'S5GXNF0R123456A']);
  });

  it('a line without a device node is an issue with its line number; JSON that does not parse is an issue', () => {
    const text = `${read('intel-600p-lkml.txt')}garbage here\n`;
    expect(parseNvmeList(text).issues).toEqual([{ line: 4, text: 'garbage here', message: expect.stringMatching(/not a namespace or controller line/) }]);
    expect(parseNvmeList('{"Devices": [').issues).toHaveLength(1);
    expect(parseNvmeList('').issues).toEqual([]);
  });
});

describe('a saved nvme list reaches the analyzer through collect --root', () => {
  it('takes list, list -v and list -o json names; refuses other words', () => {
    expect(savedNvmeList('cmd/nvme/list.out')).toEqual(['nvme', 'list']);
    expect(savedNvmeList('cmd/nvme/list_-v.out')).toEqual(['nvme', 'list', '-v']);
    expect(savedNvmeList('cmd/nvme/nvme_list_-o_json.txt')).toEqual(['nvme', 'list', '-o', 'json']);
    expect(savedNvmeList('cmd/nvme/nvme-list-v.txt')).toEqual(['nvme', 'list', '-v']);
    expect(savedNvmeList('cmd/nvme/nvme-list-o-json.json')).toEqual(['nvme', 'list', '-o', 'json']);
    expect(savedNvmeList('cmd/nvme/list_-o_binary.out')).toBeUndefined();
    expect(savedNvmeList('cmd/nvme/id-ctrl_nvme0.out')).toBeUndefined();
  });

  it.each([
    ['list_-v.out', 'powerstore-tcp-issue1529-verbose-cut.txt', [['nvme:nvme0', 'dellemc-powerstore', '2.1.0.0'], ['nvme:nvme1', 'dellemc-powerstore', '2.1.0.0']]],
    ['list_-o_json.out', 'intel-p4510-issue2028-json-2x.json', [['nvme:nvme0', 'INTEL SSDPE2KX080T8', 'VDV10182']]],
    ['list.out', 'toshiba-kxg60-libnvme108-dev-build.txt', [['nvme:nvme0', 'KXG60ZNV512G NVMe TOSHIBA 512GB', '10604107']]],
  ])('%s (%s): each controller with its model and running firmware', async (saved, sample, want) => {
    const dir = tempDir();
    mkdirSync(join(dir, 'tree/cmd/nvme'), { recursive: true });
    writeFileSync(join(dir, 'tree/cmd/nvme', saved), read(sample));
    const r = await collect({ output: join(dir, 'b.tar.gz'), root: join(dir, 'tree'), only: ['nvme'], isolation: 'inline' });
    expect(r.manifest.issues).toEqual([]);
    expect(r.manifest.artifacts.find((a) => a.replayedFrom === `cmd/nvme/${saved}`)).toBeDefined();
    const db = openDatabase(':memory:');
    await loadBundle(db, join(dir, 'b.tar.gz'));
    const rows = db.prepare(`SELECT d.device_key AS k, d.model AS m, f.version AS v FROM devices d JOIN firmware f ON f.device_key = d.device_key WHERE d.class = 'nvme' AND f.state = 'running' ORDER BY d.device_key`).all() as { k: string; m: string; v: string }[];
    expect(rows.map((x) => [x.k, x.m, x.v])).toEqual(want);
    db.close();
  });
});
