import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEthtoolInfoText } from '../../analyzer/classes/nic/ethtool-info-text.js';
import { savedDriverInfoInterface } from '../../collector/classes/nic/net.js';

const sample = (name: string): string => readFileSync(new URL(`fixtures/real/ethtool-i/${name}.txt`, import.meta.url), 'utf8');

describe('ethtool -i among the other things a page holds', () => {
  // Real form: a script's Raspberry Pi 5 report, each output under `## driver (ethN)` in a section of its own.
  it('takes a heading naming the interface in parentheses above the driver line for that interface\'s run', () => {
    const report = sample('macb-r8152-rpi5-report-driver-headings');
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool -i.txt', report)).toBe('eth0');
    const r = parseEthtoolInfoText(report, 'eth0');
    expect([r.driver, r.busInfo]).toEqual(['macb', '1f00100000.ethernet']);
    expect(r.others.map((o) => [o.ifname, o.driver, o.busInfo])).toEqual([['eth1', 'r8152', 'usb-xhci-hcd.1-1'], ['eth2', 'r8152', 'usb-xhci-hcd.0-1']]);
    // A heading whose parentheses name no interface, or that no driver line follows, names none.
    expect(parseEthtoolInfoText('## udev attributes (eth0)\n## driver (eth0\ndriver: macb\n', 'eth0').issues.map((i) => i.line)).toEqual([1, 2]);
  });

  // Real form: a CoreOS issue comment, `cat /etc/os-release` pasted above the ethtool -i output and `ip -4 addr` below it.
  it('notes another command\'s output once, from its first line, not one unread line per line', () => {
    const r = parseEthtoolInfoText(readFileSync(new URL('fixtures/real/ethtool-i/bnx2x-coreos-os-release-before-ip-after.txt', import.meta.url), 'utf8'), 'enp2s0f0');
    expect(r.driver).toBe('bnx2x');
    expect(r.issues.filter((i) => i.line < 30).map((i) => [i.line, i.message])).toEqual([[5, '9 line(s) of the output of "cat /etc/os-release" not read']]);
    // Lines that read as words at the end of such a run stay lines of their own (the load tells words around the paste).
    expect(r.issues.filter((i) => i.line > 30).map((i) => i.line)).toEqual([31, 32, 33]);
    // An output under another command that holds ethtool -i's own fields stays a run to read.
    expect(parseEthtoolInfoText('$ ssh host\ndriver: igb\nbus-info: 0000:01:00.0\n').driver).toBe('igb');
  });
});
