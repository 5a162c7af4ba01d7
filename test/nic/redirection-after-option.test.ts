import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { savedDriverInfoInterface } from '../../collector/classes/nic/net.js';
import { replaySaved } from '../helpers/replay-tree.js';

/**
 * `ethtool -i` typed with no interface and its output redirected (`ethtool -i 2>&1 > out.txt`, as a runbook saves it):
 * the redirection's descriptor `2` is no interface. Before, the output was stored as `cmd/ethtool/-i_2.out` and its
 * device keyed `net:2`. Real output: gve's ethtool -i from a benchmark framework's comment (the corpus sample saved for ens4).
 */
const GVE = readFileSync(new URL('./fixtures/real/ethtool-i/gve-python-comment.txt', import.meta.url), 'utf8');

describe('a redirection after ethtool -i', () => {
  it.each(['ethtool -i 2>&1 > out.txt', 'ethtool -i 2> /dev/null', 'ethtool --driver >> report.log'])('%s names no interface', (command) => {
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool-i.txt', `${command}\n${GVE}`)).toBeUndefined();
  });

  it('an interface before the redirection is still read', () => {
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool-i.txt', `ethtool -i eth0 2>&1 > out.txt\n${GVE}`)).toBe('eth0');
  });

  it('replayed: the device is keyed by its bus-info, not by the descriptor', async () => {
    const { db } = await replaySaved('cmd/ethtool/ethtool-i.txt', `ethtool -i 2>&1 > out.txt\n${GVE}`);
    try {
      expect(db.prepare("SELECT DISTINCT device_key FROM settings WHERE namespace = 'ethtool.drvinfo'").all()).toEqual([{ device_key: 'net:pci/0000:00:04.0' }]);
    } finally {
      db.close();
    }
  });
});
