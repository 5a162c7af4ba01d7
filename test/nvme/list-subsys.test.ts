/**
 * `nvme list-subsys` saved as a person saves it (`list-subsys.txt`, `nvme-list-subsys.txt`, `list-subsys_nvme0n1.txt`,
 * or `nvme.txt` holding it) was not read at all (UNKNOWN_NAME: not an allowed nvme-cli subcommand). It is now replayed,
 * and each controller it lists gets its subsystem and path (`nvme.subsystem`): the subsystem NQN, host NQN, I/O policy,
 * transport, address, state and ANA state; a controller nothing else described is made from it. Real public outputs
 * (fixtures/list-subsys, with provenance and truth): a VirtualBox guest (nvme-cli 2.x), four PM1733 in an RST literal
 * block, an NVMe/TCP volume pasted in a Markdown list, two NVMe/TCP paths in an Ansible stdout_lines list, nvme-cli
 * issue 1458's and PR 1540's NVMe/TCP subsystems with ANA states, and netdata issue 19500's `-o json` (2.11, cut short).
 */
import { describe, expect, it } from 'vitest';
import { generatedNqn } from '../../analyzer/classes/nvme/generated-nqn.js';
import { parseListSubsys } from '../../analyzer/classes/nvme/nvme-list-subsys.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { savedNvmeList } from '../../collector/classes/nvme/saved.js';
import { assertNoFalseAlarm, realSamples, replaySample } from '../helpers/real-corpus.js';
import { tempDir, treeOf } from '../helpers/tmp.js';
import { looksLikeProse } from '../../analyzer/parsers/text-input.js';
import { readFileSync } from 'node:fs';

const samples = realSamples(new URL('./fixtures/list-subsys', import.meta.url).pathname);

interface ControllerTruth {
  controller: string;
  [key: string]: string;
}
const truthOf = (s: (typeof samples)[number]): ControllerTruth[] => (s.provenance.truth as unknown as { controllers: ControllerTruth[] }).controllers;

describe('nvme list-subsys saved in a captured tree', () => {
  it('its saved names stand for nvme list-subsys, with a node when the name gives one', () => {
    expect(savedNvmeList('cmd/nvme/list-subsys.txt')).toEqual(['nvme', 'list-subsys']);
    expect(savedNvmeList('cmd/nvme/nvme-list-subsys.txt')).toEqual(['nvme', 'list-subsys']);
    expect(savedNvmeList('cmd/nvme/list-subsys_-o_json.out')).toEqual(['nvme', 'list-subsys', '-o', 'json']);
    expect(savedNvmeList('cmd/nvme/list-subsys_nvme0n1.txt')).toEqual(['nvme', 'list-subsys', '/dev/nvme0n1']);
    expect(savedNvmeList('cmd/nvme/nvme.txt', 'nvme-subsys0 - NQN=nqn.2019-08.org.qemu:deadbeef\n\\\n +- nvme0 pcie 0000:00:04.0 live\n')).toEqual(['nvme', 'list-subsys']);
  });

  it.each(samples.map((s) => [s.name, s] as const))('%s: read whole, and each controller\'s subsystem stored', async (_, s) => {
    // A JSON output the stored copy cut short is read up to its last whole member, the cut named (netdata issue 19500).
    // A thread's sentences quoted under it (a 2019 linux-nvme reply's `>> >Does this all make sense?`) the parser leaves
    // unread, and the load names them once as text around the output, never as unread lines.
    expect(parseListSubsys(readFileSync(s.file, 'utf8')).issues.filter((i) => !/cut short/.test(i.message) && !looksLikeProse(i.text))).toEqual([]);
    const r = await replaySample(s, tempDir(), ['nvme']);
    expect((r.db.prepare(`SELECT message FROM collection_issues WHERE code = 'PARSE-LINE'`).all() as { message: string }[]).filter((i) => !/cut short/.test(i.message))).toEqual([]);
    for (const t of truthOf(s)) {
      const rows = r.db.prepare(`SELECT key, value FROM settings WHERE bundle_id = ? AND device_key = ? AND namespace = 'nvme.subsystem'`).all(r.bundleId, `nvme:${t.controller}`) as { key: string; value: string }[];
      const { controller, ...want } = t;
      expect(Object.fromEntries(rows.map((x) => [x.key, x.value])), controller).toEqual(want);
    }
    assertNoFalseAlarm(s, r);
  });

  it('a PCIe controller nothing else describes is made from it, its PCI function its parent; one described elsewhere keeps its own rows', async () => {
    const out = `${tempDir()}/b.tar.gz`;
    const idCtrl = 'NVME Identify Controller:\nvid       : 0x144d\nssvid     : 0x144d\nsn        : S5G3NA0R107888\nmn        : SAMSUNG MZWLJ3T8HBLS-0007C\nfr        : EPK9BJ5Q\n';
    await collect({ output: out, only: ['nvme'], isolation: 'inline', root: treeOf({ 'cmd/nvme/list-subsys.txt': readFileSync(samples.find((s) => s.name.startsWith('samsung-pm1733'))!.file), 'cmd/nvme/id-ctrl_nvme0.txt': idCtrl }) });
    const db = openDatabase(':memory:');
    await loadBundle(db, out);
    const devices = db.prepare(`SELECT device_key, parent_key, serial FROM devices WHERE class = 'nvme' ORDER BY device_key`).all() as { device_key: string; parent_key: string | null; serial: string | null }[];
    expect(devices.map((d) => d.device_key)).toEqual(['nvme:nvme0', 'nvme:nvme1', 'nvme:nvme2', 'nvme:nvme3']);
    expect(devices[0]!.serial?.trim()).toBe('S5G3NA0R107888');
    expect(devices[1]!.parent_key).toBe('0000:82:00.0');
  });

  // A person reads the serial and model off a generated NQN (`nqn.2014.08.org.nvmexpress:80868086PHBT9135037D032P    INTEL
  // MEMPEK1J032GAD`, an Optane M10's list-subsys of nvme-cli 1.12): a controller only list-subsys names gets them.
  it('a controller only list-subsys names gets the vendor ids, serial and model its generated NQN holds; a vendor NQN gives none', async () => {
    const devices = async (name: string): Promise<unknown[]> => {
      const s = samples.find((x) => x.name === name)!;
      const r = await replaySample(s, tempDir(), ['nvme']);
      return r.db.prepare(`SELECT device_key, vendor_id, subsystem_vendor_id, model, serial FROM devices WHERE class = 'nvme' ORDER BY device_key`).all();
    };
    expect(await devices('intel-optane-m10-cm4-cli112-generated-nqn-trailing-spaces')).toEqual([{ device_key: 'nvme:nvme0', vendor_id: 0x8086, subsystem_vendor_id: 0x8086, model: 'INTEL MEMPEK1J032GAD', serial: 'PHBT9135037D032P' }]);
    expect(await devices('netdata19500-cli2-json-cut')).toContainEqual({ device_key: 'nvme:nvme2', vendor_id: 0x1bb1, subsystem_vendor_id: 0x1bb1, model: 'Seagate FireCuda 530 ZP4000GM30023', serial: '7VS00KNX' });
    expect((await devices('samsung-pm1733-devbox-rst-four-subsystems'))[0]).toMatchObject({ model: null, serial: null, vendor_id: null });
    // A page that collapsed the padding leaves one space between serial and model.
    expect(generatedNqn('nqn.2014.08.org.nvmexpress:144d144dS4EWNX0R123456 Samsung SSD 970 EVO Plus 1TB')).toEqual({ vid: 0x144d, ssvid: 0x144d, serial: 'S4EWNX0R123456', model: 'Samsung SSD 970 EVO Plus 1TB' });
    expect(generatedNqn('nqn.2014-08.org.nvmexpress:uuid:f5aab8b7-89ca-42c4-bf97-f28a5b78aec0')).toBeUndefined();
  });
});

