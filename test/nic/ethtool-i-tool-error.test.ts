/**
 * What ethtool -i prints instead of its fields when the kernel gives no driver information (its do_gdrv's perror, the same
 * words from ethtool 3 on: `Cannot get driver information: Operation not supported`, `… No such device`) is the tool's
 * own answer for the interface, recorded as an `ETHTOOL` issue naming it, as the mst tools' `-E-` lines are recorded.
 * Before, such an output was a PARSE issue (`no "driver:" line; not ethtool -i output`). Real forms: an Ubuntu Forums
 * thread of 2008 ("[SOLVED] Better than 50%?", an Atheros card under madwifi: `sudo ethtool -i ath0`, sudo's password
 * prompt, the error) and a GitHub issue of a Huawei hinic port bound to igb_uio by dpdk-devbind (`ethtool -i enp5s0` at a
 * root prompt, then `No such device`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { parseEthtoolInfoText } from '../../analyzer/classes/nic/ethtool-info-text.js';
import { collect } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';

const MADWIFI = '```\nsudo ethtool -i ath0\n[sudo] password for jim:\nCannot get driver information: Operation not supported\n```\n';
const HINIC = '[root@centos7 igb-uio]# ethtool -i enp5s0\nCannot get driver information: No such device\n[root@centos7 igb-uio]# \n';

async function issues(files: Record<string, string>): Promise<{ code: string; message: string }[]> {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, 'tree', name)), { recursive: true });
    writeFileSync(join(dir, 'tree', name), text);
  }
  await collect({ output: join(dir, 'b.tar.gz'), root: join(dir, 'tree'), isolation: 'inline' });
  const { db } = await analyze({ bundles: [join(dir, 'b.tar.gz')], minSeverity: 'info' });
  try {
    return db.prepare(`SELECT code, message FROM collection_issues WHERE code IN ('ETHTOOL', 'PARSE', 'PARSE-LINE', 'NO-INTERFACE', 'PASTE-AROUND') ORDER BY message`).all() as { code: string; message: string }[];
  } finally {
    db.close();
  }
}

describe("ethtool -i's own error line given alone", () => {
  it('is read as the error, with no field and no unread line', () => {
    expect(parseEthtoolInfoText(MADWIFI, 'ath0')).toMatchObject({ driver: '', error: 'Cannot get driver information: Operation not supported', issues: [] });
    expect(parseEthtoolInfoText(HINIC, 'enp5s0')).toMatchObject({ error: 'Cannot get driver information: No such device', issues: [] });
  });

  it('loaded, it is an ETHTOOL issue naming the interface, not a PARSE issue; no device is made of it', async () => {
    expect(await issues({ 'cmd/ethtool/-i_ath0.out': MADWIFI, 'cmd/ethtool/-i_enp5s0.out': HINIC })).toEqual([
      { code: 'ETHTOOL', message: 'ath0: Cannot get driver information: Operation not supported' },
      { code: 'ETHTOOL', message: 'enp5s0: Cannot get driver information: No such device' },
    ]);
    // Saved under a name of no interface: the pasted command's, else the file is named.
    expect(await issues({ 'cmd/ethtool/-i.out': HINIC })).toEqual([{ code: 'ETHTOOL', message: 'enp5s0: Cannot get driver information: No such device' }]);
    expect(await issues({ 'cmd/ethtool/-i.out': 'Cannot get driver information: Operation not supported\n' })).toEqual([{ code: 'ETHTOOL', message: 'cmd/ethtool/-i.out: Cannot get driver information: Operation not supported' }]);
  });
});

/**
 * A ticket's several `ethtool -i` runs one after the other, one of them ethtool's error: the real TrueNAS paste of an
 * I219-V (e1000e, enp0s31f6) and an I211 (igb, enp2s0) (fixtures/real/ethtool-i/e1000e-igb-truenas-angle-prompt) with the
 * hinic ticket's run (`ethtool -i enp5s0`, `Cannot get driver information: No such device`) put before, between or after
 * them, at the paste's own prompt. Saved whole under one name, the error was the whole file's when its run came first
 * (under the paste's first interface, or under the failing one's name: the other interfaces were not read) and no one's
 * after another run (a line of text around the output). Each interface is read, the error is the failing one's alone.
 */
describe('an ethtool -i error among several interfaces\' outputs in one paste', () => {
  const real = readFileSync(new URL('./fixtures/real/ethtool-i/e1000e-igb-truenas-angle-prompt.txt', import.meta.url), 'utf8');
  const [e1000e, igb] = real.replace(/^```\n|```\n$/g, '').split(/\n(?=alex@duo > )/);
  const failing = 'alex@duo > sudo ethtool -i enp5s0\nCannot get driver information: No such device\n';
  const paste = (runs: string[]): string => `\`\`\`\n${runs.map((r) => r.replace(/\n*$/, '\n')).join('\n')}\`\`\`\n`;
  const forms: [string, string][] = [
    ['first', paste([failing, e1000e!, igb!])],
    ['between', paste([e1000e!, failing, igb!])],
    ['last', paste([e1000e!, igb!, failing])],
  ];

  for (const [where, text] of forms) {
    it(`the error run ${where}: parsed under any interface's name, the error is enp5s0's and the others are read`, () => {
      const asFailing = parseEthtoolInfoText(text, 'enp5s0');
      expect(asFailing).toMatchObject({ error: 'Cannot get driver information: No such device', issues: [] });
      expect(asFailing.others.map((o) => [o.ifname, o.driver])).toEqual([['enp0s31f6', 'e1000e'], ['enp2s0', 'igb']]);
      const asFirst = parseEthtoolInfoText(text, 'enp0s31f6');
      expect(asFirst).toMatchObject({ driver: 'e1000e', fwVersion: '0.2-4', issues: [] });
      expect(asFirst.others.map((o) => [o.ifname, o.driver, o.error])).toEqual([['enp5s0', '', 'Cannot get driver information: No such device'], ['enp2s0', 'igb', undefined]].sort((a, b) => text.indexOf(`-i ${a[0]}`) - text.indexOf(`-i ${b[0]}`)));
    });

    it(`the error run ${where}: loaded under every name a person saves it under, both NICs stored and one ETHTOOL issue naming enp5s0`, async () => {
      for (const name of ['ethtool -i.txt', 'cmd/ethtool/-i_enp0s31f6.out', 'cmd/ethtool/-i_enp5s0.out', 'ticket.txt']) {
        const dir = tempDir();
        mkdirSync(join(dir, 'tree', dirname(name)), { recursive: true });
        writeFileSync(join(dir, 'tree', name), text);
        await collect({ output: join(dir, 'b.tar.gz'), root: join(dir, 'tree'), isolation: 'inline' });
        const { db } = await analyze({ bundles: [join(dir, 'b.tar.gz')], minSeverity: 'info' });
        try {
          const firmware = db.prepare(`SELECT device_key, version FROM firmware WHERE device_key LIKE 'net:%' ORDER BY device_key`).all();
          expect(firmware, name).toEqual([{ device_key: 'net:enp0s31f6', version: '0.2-4' }, { device_key: 'net:enp2s0', version: '0. 4-1' }]);
          const issues = db.prepare(`SELECT code, message FROM collection_issues WHERE code IN ('ETHTOOL', 'PARSE', 'PARSE-LINE', 'NO-INTERFACE', 'PASTE-AROUND')`).all();
          expect(issues, name).toEqual([{ code: 'ETHTOOL', message: 'enp5s0: Cannot get driver information: No such device' }]);
        } finally {
          db.close();
        }
      }
    });
  }
});
