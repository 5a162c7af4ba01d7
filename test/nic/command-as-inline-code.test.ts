/**
 * Notes that set the command as inline code on its own line over the fenced output (the real StarFive VisionFive 2
 * notes: `` `ethtool -i eno0` ``): before, the collector found no command in the text, so a file saved as
 * ethtool-i.txt named no interface and the device was keyed by its bus-info (net:bus/16030000.ethernet).
 */
import { describe, expect, it } from 'vitest';
import { savedDriverInfo } from '../../collector/classes/nic/net.js';

const NOTES = '# Ethernet\n\n`ethtool -i eno0`\n\n\n```\ndriver: st_gmac\nversion: 6.2.0-19-generic\nfirmware-version: \nbus-info: 16030000.ethernet\n```\n';

describe('a command set as inline code above the output', () => {
  it('names the interface of the saved output', () => {
    expect(savedDriverInfo('cmd/ethtool/ethtool-i.txt', NOTES)).toEqual({ ifname: 'eno0' });
  });
});

describe('a command as inline code in a sentence', () => {
  // The real RevPi notes: `check with \`ethtool -i ethX\`` above two outputs, each under its own command line.
  it('names an example, not the output: the first typed command names it', () => {
    const notes = 'On this RevPi the two RJ45 NICs use different Linux drivers (check with `ethtool -i ethX`):\n\n```bash\n$ sudo ethtool -i eth0\ndriver: macb\nbus-info: 1f00100000.ethernet\n```\n';
    expect(savedDriverInfo('cmd/ethtool/ethtool-i.txt', notes)).toEqual({ ifname: 'eth0' });
  });
});
