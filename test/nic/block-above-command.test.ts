import { describe, expect, it } from 'vitest';
import { parseEthtoolInfoText } from '../../analyzer/classes/nic/ethtool-info-text.js';

const fence = '```';
const output = 'driver: ice\nversion: 6.15.9-201.fc42.x86_64\nfirmware-version: 2.28 0x80010193 1.3200.0\nbus-info: 0000:ec:00.7\n';

describe('a fenced block above the ethtool -i command line, showing no command of its own', () => {
  it('is another command\'s output, noted once', () => {
    const paste = `NIC:\n${fence}\npci@0000:ec:00.6  lan4    network        Ethernet Connection E822-C for SFP\npci@0000:ec:00.7  lan1    network        Ethernet Connection E822-C for SFP\n${fence}\nethtool:\n${fence}\nsudo ethtool -i lan1\n${output}${fence}\n`;
    const r = parseEthtoolInfoText(paste, 'lan1');
    expect(r.busInfo).toBe('0000:ec:00.7');
    expect(r.issues.filter((i) => i.line > 1 && i.line < 6)).toEqual([
      { line: 3, text: 'pci@0000:ec:00.6  lan4    network        Ethernet Connection E822-C for SFP', message: '2 line(s) of another output above the command line (its command not shown) not read' },
    ]);
  });

  it('holding ethtool -i fields, is an output of the tool, read as before', () => {
    const paste = `Before:\n${fence}\n${output.replace('2.28', '2.20')}${fence}\nAfter:\n${fence}\n$ ethtool -i lan1\n${output}${fence}\n`;
    const r = parseEthtoolInfoText(paste, 'lan1');
    expect(r.fwVersion).toBe('2.28 0x80010193 1.3200.0');
  });
});
