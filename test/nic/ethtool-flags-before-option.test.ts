import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { savedDriverInfo, savedDriverInfoInterface } from '../../collector/classes/nic/net.js';
import { withoutEthtoolFlags } from '../../collector/classes/nic/commands.js';
import { replaySaved } from '../helpers/replay-tree.js';

/**
 * ethtool's FLAGS before the command option: `ethtool [ FLAGS ] -i|--driver DEVNAME`, FLAGS being `--debug MASK`,
 * `--json` and `-I|--include-statistics` (`ethtool -h` of ethtool 5.10 on; read from ethtool 6.1's usage; NEWS of 5.10
 * "infrastructure for JSON output" and of 5.14 "do not silently ignore --json if unsupported"). `ethtool --json -i eth0`
 * prints the text output on 5.10–5.13; `--debug` and `-I` print it on every release. Before, a text typing one of them
 * before `-i` was read as no tool's output ("no output of a tool fwsnap reads was found in it"), and a saved name holding
 * one (`--json_-i_eth0.out`) stood for nothing. Real output: the mlx5_core ConnectX-4 Lx one of the corpus, its command
 * line retyped with each flag.
 */
const REAL = readFileSync(new URL('./fixtures/real/ethtool-i/mlx5-fc42-hw-csum-trace-above-kernel-version.txt', import.meta.url), 'utf8');
const OUTPUT = REAL.slice(REAL.indexOf('driver: mlx5_core'));

describe('ethtool FLAGS before -i', () => {
  it('are left out of the words of a command line', () => {
    expect(withoutEthtoolFlags(['--json', '-i', 'eth0'])).toEqual(['-i', 'eth0']);
    expect(withoutEthtoolFlags(['--debug', '0x1', '-I', '--driver', 'eth0'])).toEqual(['--driver', 'eth0']);
    expect(withoutEthtoolFlags(['-i', 'eth0'])).toEqual(['-i', 'eth0']);
  });

  it.each(['ethtool --json -i mlx-p1', 'sudo ethtool --debug 1 -i mlx-p1', 'ethtool -I --driver mlx-p1', 'ethtool --include-statistics -i mlx-p1'])(
    '`%s` names the interface of the output under it',
    (command) => {
      expect(savedDriverInfoInterface('cmd/ethtool/ethtool-i.txt', `$ ${command}\n${OUTPUT}`)).toBe('mlx-p1');
    },
  );

  it('a saved name holding a flag (`--json_-i_mlx-p1.out`) stands for ethtool -i of that interface', () => {
    expect(savedDriverInfo('cmd/ethtool/--json_-i_mlx-p1.out', OUTPUT)).toEqual({ ifname: 'mlx-p1' });
    expect(savedDriverInfo('cmd/ethtool/--debug_1_-i_mlx-p1.out', OUTPUT)).toEqual({ ifname: 'mlx-p1' });
  });

  it('replayed from a ticket typing `ethtool --json -i`: the device, its driver and its firmware are read', async () => {
    const { db } = await replaySaved('ticket.txt', `$ ethtool --json -i mlx-p1\n${OUTPUT}`);
    try {
      expect(db.prepare("SELECT device_key, component, version FROM firmware WHERE device_key LIKE 'net:%'").all()).toEqual([
        { device_key: 'net:mlx-p1', component: 'firmware', version: '14.32.1900 (MT_2420110034)' },
      ]);
    } finally {
      db.close();
    }
  });

  it('plain ethtool with --json (`ethtool --json eth0`, link settings) is no driver info', () => {
    expect(savedDriverInfo('cmd/ethtool/--json_mlx-p1.out', 'Settings for mlx-p1:\n\tSpeed: 25000Mb/s\n')).toBeUndefined();
  });
});
