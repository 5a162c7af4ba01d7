/** Bundles of saved outputs read no hostname: in a database, each is a host of its own, not all one host "unknown". */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { latestPerHost } from '../../analyzer/fleet/model.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const ethtool = (fw: string): string => `driver: ixgbe\nversion: 5.1.0-k\nfirmware-version: ${fw}\nexpansion-rom-version:\nbus-info: 0000:01:00.0\nsupports-statistics: yes\n`;

describe('a fleet database of saved outputs', () => {
  it('keeps each bundle without a hostname as its own host', async () => {
    const dir = tempDir();
    const bundles: string[] = [];
    for (const fw of ['0x800003e7', '0x80000aee']) {
      const bundle = join(dir, `${fw}.tar.gz`);
      await collect({ output: bundle, root: treeOf({ 'cmd/ethtool/-i_eth0.out': ethtool(fw) }), isolation: 'inline' });
      bundles.push(bundle);
    }
    const r = await analyze({ bundles, db: join(dir, 'fleet.db'), minSeverity: 'low' });
    expect(r.report.bundles.map((b) => b.hostname)).toEqual([null, null]);
    expect(latestPerHost(r.db)).toHaveLength(2);
    r.db.close();
  });
});
