/**
 * What ethtool -i prints instead of its fields when the kernel gives no driver information (its do_gdrv's perror, the same
 * words from ethtool 3 on: `Cannot get driver information: Operation not supported`, `… No such device`) is the tool's
 * own answer for the interface, recorded as an `ETHTOOL` issue naming it, as the mst tools' `-E-` lines are recorded.
 * Before, such an output was a PARSE issue (`no "driver:" line; not ethtool -i output`). Real forms: an Ubuntu Forums
 * thread of 2008 ("[SOLVED] Better than 50%?", an Atheros card under madwifi: `sudo ethtool -i ath0`, sudo's password
 * prompt, the error) and a GitHub issue of a Huawei hinic port bound to igb_uio by dpdk-devbind (`ethtool -i enp5s0` at a
 * root prompt, then `No such device`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
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
    return db.prepare(`SELECT code, message FROM collection_issues WHERE code IN ('ETHTOOL', 'PARSE', 'PARSE-LINE', 'NO-INTERFACE') ORDER BY message`).all() as { code: string; message: string }[];
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
