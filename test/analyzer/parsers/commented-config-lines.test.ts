/**
 * A commented configuration line among outputs — a modprobe.d line (`# options mlx5_core num_vfs=4`), a sysfs write
 * (`# echo 4 > /sys/class/net/eth0/device/sriov_numvfs`) — is a line of a file or a step a person left commented, not a
 * root prompt's command: the output above it keeps its command, and the line does not start another command's output.
 */
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../analyzer/parsers/text-input.js';

const CONFIG_LINES = ['# options mlx5_core num_vfs=4', '#options ixgbe max_vfs=8', '# echo 4 > /sys/class/net/eth0/device/sriov_numvfs', '# options mlx4_core port_type_array=2,2 num_vfs=8 probe_vf=0'];

describe('a commented configuration line among outputs', () => {
  for (const line of CONFIG_LINES) {
    it(`${line}: no command line`, () => {
      const c = cleanText(`root@host:~# ethtool -i ens1f0\ndriver: mlx5_core\nfirmware-version: 16.35.2000 (MT_0000000080)\n${line}\nbus-info: 0000:3b:00.0\n`);
      expect(c.noise.filter((n) => n.kind === 'prompt').map((n) => n.no)).toEqual([1]);
      expect(c.lines.find((l) => l.text.startsWith('bus-info'))?.command).toBe('ethtool -i ens1f0');
    });
  }

  it('in a script whose outputs are comments, below the output', () => {
    const c = cleanText('```bash\nethtool -i ens1f0\n# driver: mlx5_core\n# firmware-version: 16.35.2000\n\n# options mlx5_core num_vfs=4\n```\n');
    expect(c.noise.filter((n) => n.kind === 'prompt').map((n) => n.no)).toEqual([2]);
  });

  it('a root prompt typing a command is still one', () => {
    expect(cleanText('# modprobe -r mlx5_ib\n# ethtool -i ens1f0\ndriver: mlx5_core\n').noise.filter((n) => n.kind === 'prompt').map((n) => n.no)).toEqual([1, 2]);
  });
});
