import { describe, expect, it } from 'vitest';
import { parseEthtoolInfoText } from '../../analyzer/classes/nic/ethtool-info-text.js';

const out = (bus: string): string => `driver: ixgbe\nversion: 6.8.12-30-pve\nfirmware-version: 0x800007b5\nbus-info: ${bus}\n`;

/** Several `ethtool -i` commands typed one under the other, then as many outputs one after the other (a blog's layout). */
describe('commands listed together above their outputs', () => {
  const paste = `先確認目前網卡 firmware:\nethtool -i eno1\nethtool -i eno2\n更新前我的狀態是:\n${out('0000:01:00.0')}${out('0000:01:00.1')}`;

  it('gives each output to its command, in order', () => {
    const eno1 = parseEthtoolInfoText(paste, 'eno1');
    expect(eno1.busInfo).toBe('0000:01:00.0');
    expect(eno1.others.map((o) => [o.ifname, o.busInfo])).toEqual([['eno2', '0000:01:00.1']]);
    expect(eno1.unnamed).toEqual([]);
    expect(parseEthtoolInfoText(paste, 'eno2').busInfo).toBe('0000:01:00.1');
  });

  it('with prompts, the same', () => {
    const prompted = `# ethtool -i eth0\n# ethtool -i eth1\n# ethtool -i eth2\n${out('0000:01:00.0')}${out('0000:01:00.1')}${out('0000:02:00.0')}`;
    expect(parseEthtoolInfoText(prompted, 'eth2').busInfo).toBe('0000:02:00.0');
    expect(parseEthtoolInfoText(prompted, 'eth1').busInfo).toBe('0000:01:00.1');
  });

  it('not when the outputs are fewer than the commands: no one can tell whose they are', () => {
    const one = `ethtool -i eno1\nethtool -i eno2\n${out('0000:01:00.1')}`;
    expect(parseEthtoolInfoText(one, 'eno1').others).toEqual([]);
  });
});

describe('one line running ethtool -i for several interfaces', () => {
  it('gives the outputs below to its interfaces in order (`&&`, `;`)', () => {
    for (const join of [' &&  ', '; ']) {
      const paste = `$ ethtool -i eth0${join}ethtool -i eth1\n${out('0000:02:00.0')}${out('0000:0a:04.0')}`;
      const eth0 = parseEthtoolInfoText(paste, 'eth0');
      expect([eth0.busInfo, eth0.others.map((o) => [o.ifname, o.busInfo])]).toEqual(['0000:02:00.0', [['eth1', '0000:0a:04.0']]]);
    }
  });
});

describe('fields as people retyped or glued them', () => {
  it('reads a field with no space after its colon, and a field glued to the value above it', () => {
    const r = parseEthtoolInfoText('driver: ATL1Eversion: 1.0.0.7-NAPI\nfirmware-version: L1e\nbus-info:0000:01:00.0\nsupports-test:no\n', 'eth0');
    expect([r.driver, r.version, r.fwVersion, r.busInfo, r.supports.test, r.issues]).toEqual(['ATL1E', '1.0.0.7-NAPI', 'L1e', '0000:01:00.0', false, []]);
  });
});

describe('a command line typed again right above the listed ones, and a command written as a label', () => {
  it('the same command twice in a row is one command', () => {
    const paste = `$ ethtool -i eno1\nethtool -i eno1\nethtool -i eno2\n${out('0000:01:00.0')}${out('0000:01:00.1')}`;
    expect(parseEthtoolInfoText(paste, 'eno2').busInfo).toBe('0000:01:00.1');
  });

  it('`ethtool -i eth0:` names eth0, also under another command line naming it', () => {
    const paste = `$ ethtool -i eth0\nHere are the outputs:\n\nethtool -i eth0:\n${out('0000:01:00.0')}`;
    expect(parseEthtoolInfoText(paste, 'eth0').busInfo).toBe('0000:01:00.0');
  });
});
