import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import { savedOutputStem } from '../../collector/saved-output-name.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

/**
 * Outputs saved with no extension (`cmd/ethtool/-i_eth0`, `cmd/nvme/id-ctrl_nvme0`, `cmd/devlink/dev_info`) are read
 * like `.out` files when the name reads as a command; a name ending in another extension (`.bak`), whose last word may
 * be the device's or the file's, is not read and is named with the name that would be, and of two files of one
 * command the one with an output's extension is read.
 */
const ETHTOOL = (ifname: string): string => `driver: e1000e\nversion: 3.2.6-k\nfirmware-version: 0.13-4\nbus-info: 0000:00:19.0\n# ${ifname}\n`;
const ID_CTRL = 'NVME Identify Controller:\nvid       : 0x144d\nsn        : S1\nmn        : M\nfr        : 1.0\n';
const DEV_INFO = 'pci/0000:3b:00.0:\n  driver mlx5_core\n  versions:\n      running:\n        fw.version 16.35.2000\n';
const QUERY = 'Image type:            FS4\nFW Version:            16.35.2000\nPSID:                  MT_0000000080\n';

async function collected(files: Record<string, string>): Promise<{ read: Map<string, string>; notRead: Map<string, string> }> {
  const root = treeOf(files);
  const { manifest } = await collect({ output: join(tempDir(), 'b.tar.gz'), root, isolation: 'inline' });
  const read = new Map(manifest.artifacts.filter((a) => a.replayedFrom !== undefined && a.origin.kind === 'cmd' && a.origin.stream === 'stdout').map((a) => [a.replayedFrom!, a.name]));
  const notRead = new Map(manifest.issues.filter((i) => i.code === 'NOT_READ').map((i) => [i.target, i.message]));
  return { read, notRead };
}

describe('saved outputs without an extension', () => {
  it('the stem of a saved name: an output extension taken off, none kept whole, another extension is no output', () => {
    expect(savedOutputStem('-i_eth0.out')).toBe('-i_eth0');
    expect(savedOutputStem('-i_eth0.TXT')).toBe('-i_eth0');
    expect(savedOutputStem('-i_eth0')).toBe('-i_eth0');
    expect(savedOutputStem('-i_eth0.100')).toBe('-i_eth0.100');
    expect(savedOutputStem('-d_3b:00.0_q')).toBe('-d_3b:00.0_q');
    expect(savedOutputStem('health_show_pci_0000:2b:00.0')).toBe('health_show_pci_0000:2b:00.0');
    for (const other of ['-i_eth0.bak', '-i_eth0.err', '-i_eth0.status', 'notes.md', 'id-ctrl_nvme0.orig']) expect(savedOutputStem(other), other).toBeUndefined();
  });

  it('are read when the name reads as a command, and stored under its own name', async () => {
    const { read, notRead } = await collected({
      'cmd/ethtool/-i_eth0': ETHTOOL('eth0'),
      'cmd/ethtool/-i_eth0.100': ETHTOOL('eth0.100'),
      'cmd/nvme/id-ctrl_nvme0': ID_CTRL,
      'cmd/devlink/dev_info': DEV_INFO,
      'cmd/flint/-d_3b:00.0_q': QUERY,
    });
    expect(Object.fromEntries(read)).toEqual({
      'cmd/ethtool/-i_eth0': 'cmd/ethtool/-i_eth0.out',
      'cmd/ethtool/-i_eth0.100': 'cmd/ethtool/-i_eth0.100.out',
      'cmd/nvme/id-ctrl_nvme0': 'cmd/nvme/id-ctrl_%2fdev%2fnvme0.out',
      'cmd/devlink/dev_info': 'cmd/devlink/dev_info.out',
      'cmd/flint/-d_3b:00.0_q': 'cmd/flint/-d_3b:00.0_q.out',
    });
    expect([...notRead.keys()]).toEqual([]);
  });

  it("an extensionless output's .err and .status are read with it", async () => {
    const root = treeOf({
      'cmd/devlink/dev_info': DEV_INFO,
      'cmd/devlink/dev_info.err': 'kernel answers: Operation not supported\n',
      'cmd/devlink/dev_info.status': '1\n',
    });
    const { manifest } = await collect({ output: join(tempDir(), 'b.tar.gz'), root, isolation: 'inline' });
    const out = manifest.artifacts.find((a) => a.name === 'cmd/devlink/dev_info.out');
    expect(out?.exitStatus).toBe(1);
    expect(manifest.artifacts.find((a) => a.name === 'cmd/devlink/dev_info.err')?.size).toBe(40);
    expect(manifest.issues.filter((i) => i.code === 'NOT_READ')).toEqual([]);
  });

  it('are not read when another extension ends the name, or when a file of the same command has an extension; each is named', async () => {
    const { read, notRead } = await collected({
      'cmd/ethtool/-i_eth1.bak': ETHTOOL('eth1'),
      'cmd/ethtool/-i_eth2': ETHTOOL('eth2 without extension'),
      'cmd/ethtool/-i_eth2.out': ETHTOOL('eth2'),
      'cmd/nvme/id-ctrl_nvme0.orig': ID_CTRL,
    });
    expect(Object.fromEntries(read)).toEqual({ 'cmd/ethtool/-i_eth2.out': 'cmd/ethtool/-i_eth2.out' });
    expect(notRead.get('cmd/ethtool/-i_eth1.bak')).toMatch(/^not read: \.bak is not an output's extension .*; did you mean cmd\/ethtool\/-i_eth1\.out\?/);
    expect(notRead.get('cmd/nvme/id-ctrl_nvme0.orig')).toMatch(/^not read: \.orig is not an output's extension .*; did you mean cmd\/nvme\/id-ctrl_nvme0\.out\?/);
    expect(notRead.get('cmd/ethtool/-i_eth2')).toMatch(/^not read: another output of the same command was read instead \(kept as /);
    expect(notRead.size).toBe(3);
  });
});
