import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaySaved } from '../helpers/replay-tree.js';

/**
 * Two real `ethtool -i` outputs of two NICs pasted one after the other in one file, with no command line naming
 * either, parted by a rule a person typed: each is read as it would be alone.
 */
const real = (f: string): string => readFileSync(new URL(`./fixtures/real/ethtool-i/${f}.txt`, import.meta.url), 'utf8');
const E1000E = real('e1000e-ethq11');
const IGB = real('igb-i210-ethq22');
const RULES = ['---\n', '===\n', '-----8<-----\n', '\n-----\n\n', '\n'];

describe('two ethtool -i outputs in one pasted file, a rule between them', () => {
  for (const rule of RULES) {
    it(`saved under no interface's name, parted by ${JSON.stringify(rule)}: both NICs, each keyed by its bus-info`, async () => {
      const { db } = await replaySaved('cmd/ethtool/ethtool-i.txt', `${E1000E}${rule}${IGB}`);
      try {
        expect(db.prepare(`SELECT device_key, component, version FROM firmware ORDER BY device_key`).all()).toEqual([
          { device_key: 'net:pci/0000:00:19.0', component: 'firmware', version: '0.13-3' },
          { device_key: 'net:pci/0000:02:00.0', component: 'firmware', version: '3.25, 0x800005cc' },
        ]);
        expect(db.prepare(`SELECT device_key, value FROM settings WHERE key = 'driver' ORDER BY device_key`).all()).toEqual([
          { device_key: 'net:pci/0000:00:19.0', value: 'e1000e' }, { device_key: 'net:pci/0000:02:00.0', value: 'igb' },
        ]);
        expect(db.prepare(`SELECT code FROM collection_issues WHERE code IN ('PARSE-LINE', 'EARLIER-OUTPUT')`).all()).toEqual([]);
      } finally {
        db.close();
      }
    });
  }

  it('saved under one interface\'s name: the first output is that interface, the other NIC is keyed by its bus-info', async () => {
    const { db } = await replaySaved('cmd/ethtool/-i_eno1.out', `${E1000E}---\n${IGB}`);
    try {
      expect(db.prepare(`SELECT device_key, version FROM firmware ORDER BY device_key`).all()).toEqual([
        { device_key: 'net:eno1', version: '0.13-3' }, { device_key: 'net:pci/0000:02:00.0', version: '3.25, 0x800005cc' },
      ]);
    } finally {
      db.close();
    }
  });

  // Real form: a Netronome document comparing an mlx5 and an i40e VF, each output cut to three lines under its heading.
  it('two outputs printing no bus-info, of two drivers, under no command: two devices, neither one interface\'s earlier output', async () => {
    const doc = real('mlx5-i40e-rst-literal-headings-two-outputs');
    for (const saved of ['cmd/ethtool/ethtool-i.txt', 'cmd/ethtool/-i_eth0.out']) {
      const { db } = await replaySaved(saved, doc);
      try {
        // Saved under an interface's name, the first output is that interface's; the other has nothing to key it by.
        expect(db.prepare(`SELECT device_key, version FROM firmware`).all()).toEqual(saved.endsWith('eth0.out') ? [{ device_key: 'net:eth0', version: '16.25.1020 (MT_0000000080)' }] : []);
        expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = 'EARLIER-OUTPUT'`).get(), saved).toEqual({ n: 0 });
        expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = 'NO-INTERFACE'`).get(), saved).toEqual({ n: saved.endsWith('eth0.out') ? 1 : 2 });
      } finally {
        db.close();
      }
    }
    // Under one interface's commands a driver changed is that interface's later output (r8169 replaced by r8168).
    const { db } = await replaySaved('cmd/ethtool/-i_eth0.out', '# ethtool -i eth0\ndriver: r8169\nversion: 2.3LK-NAPI\n# ethtool -i eth0\ndriver: r8168\nversion: 8.048.03-NAPI\n');
    try {
      expect(db.prepare(`SELECT value FROM settings WHERE device_key = 'net:eth0' AND key = 'driver'`).all()).toEqual([{ value: 'r8168' }]);
    } finally {
      db.close();
    }
  });

  it('two outputs of one NIC (one bus-info) are still its earlier and later output, the later read', async () => {
    const later = E1000E.replace('0.13-3', '0.13-4');
    const { db } = await replaySaved('cmd/ethtool/ethtool-i.txt', `${E1000E}---\n${later}`);
    try {
      expect(db.prepare(`SELECT device_key, version FROM firmware`).all()).toEqual([{ device_key: 'net:pci/0000:00:19.0', version: '0.13-4' }]);
      expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = 'EARLIER-OUTPUT'`).get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });

  it('an ethtool -i output and another tool\'s under a rule: the ethtool -i output is read, the other tool\'s lines are unread lines', async () => {
    const devlink = readFileSync(new URL('./fixtures/real/devlink-dev-info/i40e-first-info.txt', import.meta.url), 'utf8');
    const { db } = await replaySaved('cmd/ethtool/ethtool-i.txt', `${E1000E}---\n${devlink}`);
    try {
      expect(db.prepare(`SELECT device_key, version FROM firmware`).all()).toEqual([{ device_key: 'net:pci/0000:00:19.0', version: '0.13-3' }]);
    } finally {
      db.close();
    }
  });
});
