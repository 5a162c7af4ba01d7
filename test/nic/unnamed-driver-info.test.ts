import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { collect } from '../../collector/collect.js';
import { savedDriverInfo } from '../../collector/classes/nic/net.js';
import { tempDir } from '../helpers/tmp.js';

/** Collects a captured tree of the given files and analyses it. */
async function replay(files: Record<string, string>): Promise<Awaited<ReturnType<typeof analyze>>> {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    const p = join(dir, 'tree', name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  await collect({ output: join(dir, 'b.tar.gz'), root: join(dir, 'tree'), isolation: 'inline' });
  return analyze({ bundles: [join(dir, 'b.tar.gz')], minSeverity: 'info' });
}

const I40E = 'driver: i40e\nversion: 2.22.18\nfirmware-version: 9.20 0x8000d8c5 1.3353.0\nexpansion-rom-version: \nbus-info: 0000:3b:00.0\nsupports-statistics: yes\n';

describe('an ethtool -i output saved with no interface in its name and none in its text', () => {
  it('is an ethtool -i output by its name, the interface unknown', () => {
    for (const n of ['ethtool-i.txt', 'ethtool_i.txt', 'ethtool_info.txt', 'ethtool-info.txt', 'driver-info.txt', 'driver_info.txt', 'drvinfo.txt', '-i.out']) {
      expect(savedDriverInfo(`cmd/ethtool/${n}`, I40E), n).toEqual({});
    }
    expect(savedDriverInfo('cmd/ethtool/ethtool_info_eth0.txt', I40E)).toEqual({ ifname: 'eth0' });
    expect(savedDriverInfo('cmd/ethtool/ethtool-i.txt', '# ethtool -i eth2\ndriver: i40e\n')).toEqual({ ifname: 'eth2' });
    expect(savedDriverInfo('cmd/ethtool/-S_eth0.out', I40E)).toBeUndefined();
    // A file in the tool's own folder is the tool's output whatever its name (`cmd/ethtool/output.out`); driver information
    // text makes it `ethtool -i`.
    expect(savedDriverInfo('cmd/ethtool/output.out', I40E)).toEqual({});
    expect(savedDriverInfo('cmd/ethtool/notes.txt', I40E)).toEqual({});
    expect(savedDriverInfo('cmd/ethtool/notes.txt', 'Settings for eth0:\n\tSpeed: 1000Mb/s\n')).toBeUndefined();
  });

  it('is read, its device keyed by the PCI address its bus-info names, with a note that the interface is unknown', async () => {
    for (const name of ['cmd/ethtool/ethtool-i.txt', 'cmd/ethtool/ethtool_info.txt', 'cmd/ethtool/driver-info.txt']) {
      const { db } = await replay({ [name]: I40E });
      try {
        expect(db.prepare(`SELECT device_key, pci_address, driver FROM devices WHERE class = 'net'`).all(), name).toEqual([{ device_key: 'net:pci/0000:3b:00.0', pci_address: '0000:3b:00.0', driver: 'i40e' }]);
        expect(db.prepare(`SELECT component, version FROM firmware WHERE device_key = 'net:pci/0000:3b:00.0'`).all()).toEqual([{ component: 'firmware', version: '9.20 0x8000d8c5 1.3353.0' }]);
        const notes = db.prepare(`SELECT code, message FROM collection_issues WHERE code IN ('UNKNOWN_NAME', 'NO-INTERFACE')`).all() as { code: string; message: string }[];
        expect(notes.map((n) => n.code)).toEqual(['NO-INTERFACE']);
        expect(notes[0]!.message).toMatch(/interface.*unknown/);
        expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = 'PARSE-LINE'`).get()).toEqual({ n: 0 });
      } finally {
        db.close();
      }
    }
  });

  it('joins the interface an output that names it gives for the same PCI address, instead of a second device', async () => {
    const { db } = await replay({ 'cmd/ethtool/ethtool-i.txt': I40E, 'cmd/ethtool/-i_ens1f0.out': I40E });
    try {
      expect(db.prepare(`SELECT device_key FROM devices WHERE class = 'net'`).all()).toEqual([{ device_key: 'net:ens1f0' }]);
    } finally {
      db.close();
    }
  });

  it('reads each interface\'s run under its heading (== eth0 ==, --- eth1 ---, ### ens1f0) as that interface\'s device', async () => {
    const IGB = 'driver: igb\nversion: 5.6.0-k\nfirmware-version: 1.63, 0x800009fa\nbus-info: 0000:02:00.0\n';
    const E1000E = 'driver: e1000e\nversion: 3.2.6-k\nfirmware-version: 0.13-4\nbus-info: 0000:00:19.0\n';
    for (const [a, b] of [['== eth0 ==', '== eth1 =='], ['--- eth0 ---', '--- eth1 ---'], ['### eth0', '### eth1']] as const) {
      expect(savedDriverInfo('cmd/ethtool/ethtool-i.txt', `${a}\n${E1000E}${b}\n${IGB}`)).toEqual({ ifname: 'eth0' });
      const { db } = await replay({ 'cmd/ethtool/ethtool-i.txt': `${a}\n${E1000E}\n${b}\n${IGB}` });
      try {
        expect(db.prepare(`SELECT device_key, pci_address, driver FROM devices WHERE class = 'net' ORDER BY device_key`).all(), a).toEqual([
          { device_key: 'net:eth0', pci_address: '0000:00:19.0', driver: 'e1000e' },
          { device_key: 'net:eth1', pci_address: '0000:02:00.0', driver: 'igb' },
        ]);
        expect(db.prepare(`SELECT device_key, version FROM firmware ORDER BY device_key`).all()).toEqual([
          { device_key: 'net:eth0', version: '0.13-4' }, { device_key: 'net:eth1', version: '1.63, 0x800009fa' },
        ]);
        expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code IN ('PARSE-LINE', 'NO-INTERFACE')`).get()).toEqual({ n: 0 });
      } finally {
        db.close();
      }
    }
    // A title is no interface's heading: a Markdown heading without a digit, or one no driver line follows.
    expect(savedDriverInfo('cmd/ethtool/ethtool-i.txt', `### Output\n${E1000E}`)).toEqual({});
    expect(savedDriverInfo('cmd/ethtool/ethtool-i.txt', `== host1 ==\nuptime 3 days\n${E1000E}`)).toEqual({});
  });
});

describe('several ethtool -i outputs in one tree, none naming its interface', () => {
  const IXGBE = 'driver: ixgbe\nversion: 5.1.0-k\nfirmware-version: 0x800006da, 1.2074.0\nexpansion-rom-version: \nbus-info: 0000:06:00.1\nsupports-statistics: yes\n';
  const MLX5 = 'driver: mlx5_core\nversion: 5.0-0\nfirmware-version: 16.35.2000 (MT_0000000008)\nexpansion-rom-version: \nbus-info: 0000:81:00.0\nsupports-statistics: yes\n';
  const TREES: Record<string, string>[] = [
    { 'cmd/ethtool/ethtool-i.txt': I40E, 'cmd/ethtool/driver-info.txt': IXGBE, 'cmd/ethtool/ethtool_info.txt': MLX5 },
    { 'cmd/ethtool/ethtool-i-1.txt': I40E, 'cmd/ethtool/ethtool-i-2.txt': IXGBE, 'cmd/ethtool/ethtool-i-3.txt': MLX5 },
  ];
  it('reads each one, under its own artifact, its device keyed by its bus-info', async () => {
    for (const files of TREES) {
      const { db } = await replay(files);
      try {
        expect(db.prepare(`SELECT device_key, driver FROM devices WHERE class = 'net' ORDER BY device_key`).all(), Object.keys(files)[0]).toEqual([
          { device_key: 'net:pci/0000:06:00.1', driver: 'ixgbe' }, { device_key: 'net:pci/0000:3b:00.0', driver: 'i40e' }, { device_key: 'net:pci/0000:81:00.0', driver: 'mlx5_core' },
        ]);
        expect(db.prepare(`SELECT count(DISTINCT artifact) AS n FROM firmware WHERE device_key LIKE 'net:pci/%'`).get()).toEqual({ n: 3 });
        expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code IN ('UNKNOWN_NAME', 'PARSE-LINE', 'EARLIER-OUTPUT')`).get()).toEqual({ n: 0 });
        expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = 'NO-INTERFACE'`).get()).toEqual({ n: 3 });
      } finally {
        db.close();
      }
    }
  });

  it('of two with the same bus-info, reads one as current and notes the other', async () => {
    const later = I40E.replace('9.20 0x8000d8c5 1.3353.0', '9.40 0x8000ecc0 1.3429.0');
    const { db } = await replay({ 'cmd/ethtool/ethtool-i-1.txt': I40E, 'cmd/ethtool/ethtool-i-2.txt': later });
    try {
      expect(db.prepare(`SELECT version FROM firmware WHERE device_key = 'net:pci/0000:3b:00.0'`).all()).toEqual([{ version: '9.40 0x8000ecc0 1.3429.0' }]);
      expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = 'EARLIER-OUTPUT'`).get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });
});
