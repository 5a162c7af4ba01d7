import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEthtoolInfoText } from '../../analyzer/classes/nic/ethtool-info-text.js';

/**
 * An `ip -s link` listing pasted in the same file as `ethtool -i` and `ethtool <if>` outputs: ip's output ends where the
 * next tool's starts — a command line typed between, or ethtool's tab-indented settings lines (`Supported ports: [ TP ]`,
 * `Speed: 1000Mb/s`) printed with no `Settings for <if>:` line over them, which are indented deeper than ip's head line
 * but are no line of ip's. And an ethtool output under the command typed right above it (`# ethtool eth2` over
 * `Settings for eth2:`) is noted under that command, as a person names it, not under its first line.
 */
const real = (f: string): string => readFileSync(new URL(`./fixtures/real/ethtool-i/${f}.txt`, import.meta.url), 'utf8');
const ICSSG = real('icssg-prueth-debug-notes-settings-T-P-l-after');

const notes = (text: string, ifname: string): string[] => parseEthtoolInfoText(text, ifname).issues.map((i) => `${i.line} ${i.message}`);

const FIELDS = ['driver: igb', 'version: 5.4.0-k', 'firmware-version: 3.30, 0x80000d4d', 'expansion-rom-version: ', 'bus-info: 0000:03:00.0', 'supports-statistics: yes', 'supports-test: yes', 'supports-eeprom-access: yes', 'supports-register-dump: yes', 'supports-priv-flags: yes'];
const IP_S_LINK = [
  '4: eth2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT group default qlen 1000',
  '    link/ether 00:1b:21:aa:bb:cc brd ff:ff:ff:ff:ff:ff',
  '    RX: bytes  packets  errors  dropped overrun mcast   ',
  '    1873464235 2318273  0       1834    0       12      ',
  '    TX: bytes  packets  errors  dropped carrier collsns ',
  '    297348121  1638233  0       0       0       0       ',
];
const SETTINGS = ['\tSupported ports: [ TP ]', '\tSupported link modes:   10baseT/Half 10baseT/Full ', '\t                        100baseT/Half 100baseT/Full ', '\t                        1000baseT/Full ', '\tSpeed: 1000Mb/s', '\tDuplex: Full', '\tLink detected: yes'];
const paste = (...parts: string[][]): string => `${parts.flat().join('\n')}\n`;

describe('ip -s link beside ethtool outputs', () => {
  it('no command lines, the settings with no heading after the counters: ip noted for its 6 lines, the settings on their own', () => {
    const text = paste(FIELDS, IP_S_LINK, SETTINGS);
    expect(parseEthtoolInfoText(text, 'eth2').fwVersion).toBe('3.30, 0x80000d4d');
    expect(notes(text, 'eth2')).toEqual([
      '11 6 line(s) of the output of "ip address / ip link (its command line not pasted)" not read',
      '17 7 line(s) of the output of "ethtool (link settings, no "Settings for" line)" not read',
    ]);
  });

  it('the ip command typed, the settings after its counters with no command line: ip\'s output ends at its counters', () => {
    const text = paste(['# ethtool -i eth2'], FIELDS, ['# ip -s link show eth2'], IP_S_LINK, SETTINGS);
    expect(notes(text, 'eth2')).toEqual([
      '13 6 line(s) of the output of "ip -s link show eth2" not read',
      '19 7 line(s) of the output of "ethtool (link settings, no "Settings for" line)" not read',
    ]);
  });

  it('the listing with no command line, then a typed command over settings: the command ends the listing', () => {
    const text = paste(FIELDS, IP_S_LINK, ['# ethtool eth2 | grep -E "Speed|Duplex|Link"', '\tSpeed: 1000Mb/s', '\tDuplex: Full', '\tLink detected: yes']);
    expect(notes(text, 'eth2')).toEqual([
      '11 6 line(s) of the output of "ip address / ip link (its command line not pasted)" not read',
      '18 3 line(s) of the output of "ethtool eth2 | grep -E "Speed|Duplex|Link"" not read',
    ]);
  });
});

describe('an ethtool output under the command typed right above it', () => {
  it('the real icssg-prueth notes: each output named by its command (ethtool eth2, -T, -l)', () => {
    expect(notes(ICSSG, 'eth2').slice(1)).toEqual([
      '15 30 line(s) of the output of "ethtool eth2" not read',
      '46 15 line(s) of the output of "ethtool -T eth2" not read',
      '63 1 line(s) of the output of "ethtool -P eth2" not read',
      '66 11 line(s) of the output of "ethtool -l eth2" not read',
    ]);
  });

  it('a prompt the text layer does not take for one (a placeholder host): the command line and its output one note', () => {
    const text = paste(FIELDS.slice(0, 5), ['<machine_obfuscated>:~# ethtool <interface_obfuscated>', 'Settings for <interface_obfuscated>:', '\tSpeed: 1000Mb/s', '\tLink detected: yes']);
    expect(notes(text, 'eth0')).toEqual(['6 4 line(s) of the output of "<machine_obfuscated>:~# ethtool <interface_obfuscated>" not read']);
  });

  it('no command typed above: the output is named by its first line', () => {
    const text = paste(FIELDS, ['Settings for eth2:', ...SETTINGS]);
    expect(notes(text, 'eth2')).toEqual(['11 8 line(s) of the output of "ethtool (Settings for eth2:)" not read']);
  });

  it('a second output under one typed command (a cat of a saved report): the first named by the command, the next by its line', () => {
    const text = paste(['$ cat eth2-report.txt'], FIELDS, ['Settings for eth2:', ...SETTINGS, 'Coalesce parameters for eth2:', 'Adaptive RX: on  TX: on', 'rx-usecs: 3']);
    const n = notes(text, 'eth2');
    expect(n.some((m) => /output of "ethtool \(Coalesce parameters for eth2:\)"/.test(m))).toBe(true);
  });
});
