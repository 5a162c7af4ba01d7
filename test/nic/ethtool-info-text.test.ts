import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEthtoolInfoText } from '../../analyzer/classes/nic/ethtool-info-text.js';
import { expectOnlyParseErrors } from '../helpers/parse-property.js';

// Verbatim outputs from collector-facts §3.3.
const CX4LX = `driver: mlx5_core
version: 3.0-1 (January 2015)
firmware-version: 14.23.1020
expansion-rom-version:
bus-info: 0000:af:00.0
supports-statistics: yes
supports-test: no
supports-eeprom-access: no
supports-register-dump: no
supports-priv-flags: no
`;
// The poster's "<-----" annotation after the driver name is left out.
const BNX2X = `driver: bnx2x
version: 1.713.36-0 storm 7.13.1.0
firmware-version: FFV7.12.19 bc 7.12.5
expansion-rom-version: 
bus-info: 0000:01:00.0
supports-statistics: yes
supports-test: yes
supports-eeprom-access: yes
supports-register-dump: yes
supports-priv-flags: yes
`;
const ICE = `  driver: ice
  version: 0.8.1-k
  firmware-version: 0.80 0x80002ec0 1.2581.0
  expansion-rom-version:
  bus-info: 0000:3b:00.0
  supports-statistics: yes
  supports-test: yes
  supports-eeprom-access: yes
  supports-register-dump: yes
  supports-priv-flags: yes`;

describe('ethtool -i text', () => {
  it('reads mlx5 output with an empty expansion-rom-version', () => {
    expect(parseEthtoolInfoText(CX4LX)).toEqual({
      driver: 'mlx5_core', driverField: 'mlx5_core', version: '3.0-1 (January 2015)', fwVersion: '14.23.1020', eromVersion: '', busInfo: '0000:af:00.0',
      supports: { statistics: true, test: false, eepromAccess: false, registerDump: false, privFlags: false },
      issues: [],
    });
  });

  it('keeps spaces inside values and drops the trailing blank of an empty value (bnx2x)', () => {
    const i = parseEthtoolInfoText(BNX2X);
    expect(i.version).toBe('1.713.36-0 storm 7.13.1.0');
    expect(i.fwVersion).toBe('FFV7.12.19 bc 7.12.5');
    expect(i.eromVersion).toBe('');
    expect(i.supports.registerDump).toBe(true);
  });

  it('accepts indented lines without a final newline (ice)', () => {
    expect(parseEthtoolInfoText(ICE)).toMatchObject({ driver: 'ice', fwVersion: '0.80 0x80002ec0 1.2581.0', busInfo: '0000:3b:00.0' });
  });

  it('takes the driver name out of a driver field with a note (old MLNX_EN printed the board PSID there) and keeps the field as printed', () => {
    const i = parseEthtoolInfoText('driver: mlx4_en (MT_0BD0110004)\nversion: 1.5.0 (Dec 2009)\nfirmware-version: 2.7.0\n');
    expect(i).toMatchObject({ driver: 'mlx4_en', driverField: 'mlx4_en (MT_0BD0110004)', version: '1.5.0 (Dec 2009)', fwVersion: '2.7.0' });
    expect(parseEthtoolInfoText('driver: ice\n')).toMatchObject({ driver: 'ice', driverField: 'ice' });
  });

  it('reads, of a paste holding several interfaces\' runs, the run of the interface it is saved for (the rest are recorded)', () => {
    const two = 'root@a:~# ethtool -i ens33\ndriver: e1000\nbus-info: 0000:02:01.0\n[root@b ~]# ethtool -i ens160 | cat\ndriver: vmxnet3\nbus-info: 0000:03:00.0\n';
    expect(parseEthtoolInfoText(two, 'ens160')).toMatchObject({ driver: 'vmxnet3', busInfo: '0000:03:00.0', issues: [{ line: 2, message: 'the output of another command (ethtool -i ens33)' }, { line: 3 }] });
    expect(parseEthtoolInfoText(two, 'ens33')).toMatchObject({ driver: 'e1000', busInfo: '0000:02:01.0' });
    // No run of that interface: everything is read as before, the first value of each field wins.
    expect(parseEthtoolInfoText(two, 'eth9')).toMatchObject({ driver: 'e1000' });
    expect(parseEthtoolInfoText(two)).toMatchObject({ driver: 'e1000' });
  });

  it("takes a document's command naming the interface as a placeholder (ethtool -i <ethX>) for any interface's run", () => {
    // The kernel's atlantic documentation, quoted in a review (test/nic/fixtures/real/ethtool-i), with a prompt of the paste's own above it.
    const doc = '$ ethtool -i eth0\nViewing adapter information\nethtool -i <ethX>\nOutput example:\ndriver: atlantic\nbus-info: 0000:01:00.0\n';
    expect(parseEthtoolInfoText(doc, 'eth0')).toMatchObject({ driver: 'atlantic', busInfo: '0000:01:00.0' });
  });

  it('names the problem when the text is not ethtool -i output', () => {
    expect(() => parseEthtoolInfoText('Cannot get driver information: Operation not supported\n')).toThrow(/ethtool-i: no "driver:" line/);
  });

  it('records a line it does not know and reads the rest', () => {
    const i = parseEthtoolInfoText('driver: ice\nthis is not ethtool\nfirmware-version: 4.22 0x80010446 1.3197.0\n');
    expect(i).toMatchObject({ driver: 'ice', fwVersion: '4.22 0x80010446 1.3197.0' });
    expect(i.issues).toEqual([{ line: 2, text: 'this is not ethtool', message: 'not a "field: value" line' }]);
  });

  it('reads a grep of two lines, reporting the missing driver line only when it is missing', () => {
    expect(parseEthtoolInfoText('firmware-version: 9.30 0x8000e5f3 1.3429.0\n')).toMatchObject({ driver: '', fwVersion: '9.30 0x8000e5f3 1.3429.0', issues: [{ message: 'no "driver:" line' }] });
  });

  it('returns or throws ParseError on arbitrary text', () => {
    expectOnlyParseErrors(fc.string({ maxLength: 300 }), [parseEthtoolInfoText]);
  });
});
