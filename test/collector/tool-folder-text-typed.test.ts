import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

/**
 * A text a person saved under its tool's folder by the tool's name alone (`cmd/mlxfwmanager/mlxfwmanager.txt`,
 * `cmd/mlxfwmanager/sudo mlxfwmanager.log`) with the tool's command typed above the output: the name says only which tool, the
 * typed line what was run, as at the top of the tree (test/ata/tool-named-text-typed). Before, the name was read as the
 * bare tool (`mlxfwmanager --query` stored as `cmd/mlxfwmanager/_.out`, `lspci -s 04:00.0 -vv` as `cmd/lspci/_.out`,
 * `smartctl -a /dev/sdb` as `smartctl /dev/sdb`, `mstflint -d 0001:19:00.0 q` as `mstflint q`). A name that is the
 * collector's own argument list (`-i_eth0.out`) is read by its name, as before. Real outputs of the corpora, as saved.
 */
const real = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

type Stored = { commands: string[]; from: string[]; notRead: string[] };

async function stored(name: string, text: string): Promise<Stored> {
  const { db } = await replayTree({ [name]: text });
  try {
    const rows = db.prepare(`SELECT name, saved_as FROM artifacts WHERE origin_kind = 'cmd' AND name NOT LIKE '%.err'`).all() as { name: string; saved_as: string | null }[];
    return {
      commands: rows.map((r) => r.name),
      from: rows.map((r) => r.saved_as ?? r.name),
      notRead: (db.prepare(`SELECT name FROM artifacts WHERE name LIKE 'unread/%'`).all() as { name: string }[]).map((r) => r.name),
    };
  } finally {
    db.close();
  }
}

/** Each tool with such a folder: where the text is saved, the real sample, the command typed in it as a bundle names it, its line. */
const CASES: { saved: string; sample: string; command: string; line: number }[] = [
  { saved: 'cmd/mlxfwmanager/mlxfwmanager.txt', sample: 'mlx5/fixtures/real/fwmanager/spectrum-msn2410-sonic-mlxfwmanager-query-issue265.txt', command: 'cmd/mlxfwmanager/--query.out', line: 1 },
  { saved: 'cmd/mlxfwmanager/sudo mlxfwmanager.log', sample: 'mlx5/fixtures/real/fwmanager/cx4-two-devices-dev-mst-no-uefi.txt', command: 'cmd/mlxfwmanager/--query.out', line: 1 },
  { saved: 'cmd/mstflint/mstflint.txt', sample: 'mlx5/fixtures/real/mstflint/cx4lx-ibm-oem-netdev.txt', command: 'cmd/mstflint/-d_0001:19:00.0_q.out', line: 1 },
  { saved: 'cmd/flint/flint.log', sample: 'mlx5/fixtures/real/mstflint/cx4lx-fs3-hp-rel-product-version.txt', command: 'cmd/flint/-d_%2fdev%2fmst%2fmt4117_pciconf0_q.out', line: 1 },
  { saved: 'cmd/mlxconfig/mlxconfig.txt', sample: 'mlx5/fixtures/real/mstconfig/cx4lx-xca-header-only-optiplex-jp.txt', command: 'cmd/mlxconfig/-d_%2fdev%2fmst%2fmt4117_pciconf0_q.out', line: 1 },
  { saved: 'cmd/nvme/nvme.txt', sample: 'nvme/fixtures/real/id-ctrl/tforce-tm8fpl500g-truenas-notes-H-margin-bits.txt', command: 'cmd/nvme/id-ctrl_%2fdev%2fnvme0n1_-H.out', line: 1 },
  { saved: 'cmd/smartctl/smartctl.txt', sample: 'ata/fixtures/real/smartctl/crucial-mx200-failed-check-smart.txt', command: 'cmd/smartctl/-a_%2fdev%2fsdb.out', line: 1 },
  { saved: 'cmd/ethtool/ethtool.txt', sample: 'nic/fixtures/real/ethtool-i/ionic-doc-elided.txt', command: 'cmd/ethtool/-i_enp181s0.out', line: 1 },
  { saved: 'cmd/devlink/devlink.json', sample: 'nic/fixtures/real/devlink-dev-info/nfp-iproute2-info-commit-jp.json', command: 'cmd/devlink/-jp_dev_info_pci%2f0000:82:00.0.out', line: 1 },
  { saved: 'cmd/lspci/lspci.txt', sample: 'pci/fixtures/real-lspci/connectx4lx-ocp-vv-indented.txt', command: 'cmd/lspci/-s_04:00.0_-vv.out', line: 1 },
  { saved: 'cmd/lspci/lspci.txt', sample: 'pci/fixtures/real-lspci/gb10-vvv-s-domain-interrupts-nixpkgs.txt', command: 'cmd/lspci/-vvv_-s_000f:01:00.0.out', line: 2 },
];

describe("a text under its tool's folder, named by the tool alone, is the command typed in it", () => {
  for (const c of CASES) {
    it(`${c.saved}: ${c.command}`, async () => {
      const r = await stored(c.saved, real(c.sample));
      expect(r.commands).toEqual([c.command]);
      expect(r.from).toEqual([`${c.saved}:${c.line}`]);
      expect(r.notRead).toEqual([]);
    });
  }

  it("a name that is the collector's own argument list is read by its name, as before", async () => {
    const r = await stored('cmd/ethtool/-i_eth0.out', real('nic/fixtures/real/ethtool-i/ionic-doc-elided.txt'));
    expect(r.commands).toEqual(['cmd/ethtool/-i_eth0.out']);
    expect(r.notRead).toEqual([]);
  });

  it('any other name is read by its name, as before', async () => {
    const r = await stored('cmd/flint/q.txt', real('mlx5/fixtures/real/mstflint/cx4lx-fs3-hp-rel-product-version.txt'));
    expect(r.from).toEqual(['cmd/flint/q.txt']);
    expect((await stored('cmd/mlxfwmanager/notes.log', real('mlx5/fixtures/real/fwmanager/cx4-two-devices-dev-mst-no-uefi.txt'))).commands).toEqual(['cmd/mlxfwmanager/_.out']);
  });
  // The typed command's name already taken in the tree: the text keeps its own name (read as the bare tool, as before)
  // and both outputs are read. dd12d807 gave the typed name to the text and lost one of the two (a real BlueField-2
  // mlxfwmanager query pasted under `$ mlxfwmanager --query` beside another real query saved as --query.out).
  const BF2 = real('mlx5/fixtures/real/fwmanager/bf2-sonic-eeprom-test-no-matching-image.txt');
  const CX3 = real('mlx5/fixtures/real/fwmanager/cx3-mlxfwmanager-query-bracket-prompt.txt');
  const psids = async (files: Record<string, string>): Promise<{ saved: string[]; psids: string[] }> => {
    const { db } = await replayTree(files);
    try {
      const saved = (db.prepare(`SELECT coalesce(saved_as, name) AS s FROM artifacts WHERE origin_kind = 'cmd' AND name NOT LIKE '%.err' ORDER BY 1`).all() as { s: string }[]).map((r) => r.s);
      const psids = (db.prepare(`SELECT DISTINCT version FROM firmware WHERE component = 'psid' ORDER BY 1`).all() as { version: string }[]).map((r) => r.version);
      return { saved, psids };
    } finally {
      db.close();
    }
  };
  for (const other of ['cmd/mlxfwmanager/--query.out', 'cmd/mlxfwmanager/--query.txt', 'cmd/mlxfwmanager/mlxfwmanager_--query.log', 'mlxfwmanager --query.txt']) {
    it(`typed name taken by ${other}: both are read, the text under its own name`, async () => {
      const r = await psids({ 'cmd/mlxfwmanager/mlxfwmanager.txt': `$ mlxfwmanager --query\n${BF2}`, [other]: CX3 });
      expect(r.psids).toEqual(['MT_0000000767', 'MT_1090120019']);
      expect(r.saved).toContain('cmd/mlxfwmanager/mlxfwmanager.txt');
    });
  }

  it('two texts named by the tool alone typing one command: the first takes its name, the other keeps its own', async () => {
    const r = await psids({ 'cmd/mlxfwmanager/mlxfwmanager.txt': `$ mlxfwmanager --query\n${BF2}`, 'cmd/mlxfwmanager/sudo mlxfwmanager.log': CX3 });
    expect(r.psids).toEqual(['MT_0000000767', 'MT_1090120019']);
    expect(r.saved).toEqual(['cmd/mlxfwmanager/mlxfwmanager.txt:1', 'cmd/mlxfwmanager/sudo mlxfwmanager.log']);
  });
});
