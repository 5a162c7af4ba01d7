import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEthtoolInfoText } from '../../analyzer/classes/nic/ethtool-info-text.js';

/**
 * `ethtool <if>`'s link lines (`Speed: 1000Mb/s`, `Duplex: Full`, `Link detected: yes`, the supported and advertised
 * modes) pasted beside an `ethtool -i` output with no `Settings for <if>:` line over them: a `| grep -E 'Speed|Duplex'`
 * of them printed right above the driver lines (a tutorial whose two commands are in a fence of their own), or a page
 * that kept the settings but not their heading. They are another output of the interface, noted once, not each an
 * unread line of ethtool -i's.
 */
const real = (f: string): string => readFileSync(new URL(`./fixtures/real/ethtool-i/${f}.txt`, import.meta.url), 'utf8');
const TUTORIAL = real('e1000e-tutorial-settings-grep-above-fields-commands-own-fence');
const ICSSG = real('icssg-prueth-debug-notes-settings-T-P-l-after');

const unread = (text: string, ifname?: string): string[] => parseEthtoolInfoText(text, ifname).issues.map((i) => `${i.line} ${i.message}`);

describe('ethtool link settings lines with no Settings heading beside ethtool -i', () => {
  it('a grep of them above the driver lines (a tutorial): one note, the fields read', () => {
    const r = parseEthtoolInfoText(TUTORIAL, 'enp1s0');
    expect(r.driver).toBe('e1000e');
    expect(r.fwVersion).toBe('0.13-4');
    expect(r.busInfo).toBe('0000:00:1f.6');
    const issues = unread(TUTORIAL, 'enp1s0');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^9 3 line\(s\) of the output of "ethtool \(link settings, no "Settings for" line\)"/);
  });

  it('the whole settings output with its heading cut, after the fields: one note', () => {
    // The real icssg-prueth notes with their `Settings for eth2:` line and the command above it taken out.
    const cut = ICSSG.replace('# ethtool eth2\nSettings for eth2:\n', '');
    const r = parseEthtoolInfoText(cut, 'eth2');
    expect(r.driver).toBe('icssg-prueth');
    expect(r.busInfo).toBe('icssg1-eth');
    const settings = unread(cut, 'eth2').filter((m) => m.startsWith('14 '));
    expect(settings).toEqual(['14 29 line(s) of the output of "ethtool (link settings, no "Settings for" line)" not read']);
    // The writer's step line above the fence stays theirs (a line of words around the paste).
    expect(unread(cut, 'eth2').filter((m) => /not a "field: value" line/.test(m))).toEqual(['1 not a "field: value" line']);
  });

  it('tab-indented under a sentence, before the fields, nothing typed: one note', () => {
    const text = 'ethtool says:\n\n\tSpeed: 100Mb/s\n\tDuplex: Half\n\tLink detected: yes\n\ndriver: e1000e\nversion: 3.2.6-k\nfirmware-version: 0.13-3\nbus-info: 0000:00:19.0\n';
    const r = parseEthtoolInfoText(text, 'eth0');
    expect(r.fwVersion).toBe('0.13-3');
    expect(unread(text, 'eth0').filter((m) => /link settings/.test(m))).toHaveLength(1);
    expect(unread(text, 'eth0').filter((m) => /not a "field: value" line/.test(m))).toEqual([]);
  });

  it('one line of a person that happens to start with Port: is not taken for settings', () => {
    const text = 'driver: igb\nversion: 5.6.0-k\nfirmware-version: 3.25, 0x800005cc\nbus-info: 0000:0f:00.0\nPort: the left one on the board\n';
    expect(unread(text, 'eth0').filter((m) => /link settings/.test(m))).toEqual([]);
  });
});
