/**
 * A script whose outputs are written as comments under each command (a how-to's bash block): a line that is no comment
 * there is one of its commands, whatever the program (`yum install -y mstflint`, `systemctl restart …`), and the writer's
 * comments over it are words; neither is a line of the output above it. Real form: the nic corpus's
 * ethtool-i/mlx5-cx7-roce-pfc-script-comment-output.
 */
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../analyzer/parsers/text-input.js';

describe('the steps of a script whose outputs are comments', () => {
  it('are command lines, and the comments over them the writer’s', () => {
    const c = cleanText(['```bash', 'ethtool -i ens1f0', '# driver: ice', '# firmware-version: 4.40 0x8001c967 1.3534.0', '', '# Reload the driver (when needed)', '# Then:', 'systemctl restart NetworkManager', 'pip3 install --user pyroute2', '```'].join('\n'));
    expect(c.lines.map((l) => [l.no, l.text])).toEqual([[3, 'driver: ice'], [4, 'firmware-version: 4.40 0x8001c967 1.3534.0']]);
    expect(c.noise.filter((n) => n.kind === 'prompt').map((n) => n.no)).toEqual([2, 8, 9]);
    expect(c.noise.filter((n) => n.kind === 'prose').map((n) => n.no)).toEqual([6, 7]);
  });

  it('a paste whose output is not commented keeps an unknown line as a line', () => {
    expect(cleanText('$ ethtool -i ens1f0\ndriver: ice\nsomething else here\n').lines.map((l) => l.no)).toEqual([2, 3]);
  });
});
