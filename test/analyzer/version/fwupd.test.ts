import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  guessScheme,
  parseFromFormat,
  parseVersion,
  versionFromUint32,
  versionKey,
  type FwupdScheme,
} from '../../../analyzer/version/index.js';

// fu_version_compare test vectors (fwupd fu_version_vercmp_func, as listed in the analyzer reference §2.2).
const OLDER_NEWER: [string, string][] = [
  ['1.2.3', '1.2.4'],
  ['1.2.3.1', '1.2.4'],
  ['1.2.3a', '1.2.3b'],
  ['1.2.3', '1.2.3a'],
  ['alpha', 'beta'],
  ['1.2a.3', '1.2b.3'],
  ['1.2.3~rc1', '1.2.3'],
  ['1.2.3~rc1', '1.2.3~rc2'],
  ['1.2.3', '1.2.3.1'],
  ['1.2', '1.2.0'],
  ['001.002.000', '001.002.009'],
];

describe('fwupd comparison (fu_version_compare)', () => {
  it.each(OLDER_NEWER)('%s < %s, in both directions and in the keys', (older, newer) => {
    expect(compareVersions(older, newer, 'triplet')).toBe(-1);
    expect(compareVersions(newer, older, 'triplet')).toBe(1);
    expect(versionKey(older, 'triplet')! < versionKey(newer, 'triplet')!).toBe(true);
  });

  it('ignores leading zeros: 001.002.003 equals 1.2.3 and has the same key', () => {
    expect(compareVersions('001.002.003', '1.2.3', 'triplet')).toBe(0);
    expect(versionKey('001.002.003', 'triplet')).toBe(versionKey('1.2.3', 'triplet'));
  });

  it('orders a Dell BIOS 1.17.1 after 1.2.1 (the string-compare bug of DriverAutomationTool#29)', () => {
    expect(compareVersions('1.17.1', '1.2.1', 'dell-bios')).toBe(1);
    expect(compareVersions('1.9.1', '1.8.4', 'triplet')).toBe(1);
  });

  it('compares `plain` byte-wise like strcmp, as fwupd does for NVMe', () => {
    expect(compareVersions('1.17.1', '1.2.1', 'plain')).toBe(-1);
    expect(compareVersions('3B2QGXA7', '2B2QEXM7', 'plain')).toBe(1);
    expect(compareVersions('EDA5302Q', 'EDA5602Q', 'plain')).toBe(-1);
    expect(versionKey('EDA5302Q', 'plain')).toBe('plain|EDA5302Q');
  });

  it('normalizes `hex` before comparing: 0x00000002 equals 0x0002 (fwupd PR #2472)', () => {
    expect(compareVersions('0x00000002', '0x0002', 'hex')).toBe(0);
    expect(compareVersions('0x00000002', '2', 'hex')).toBe(0);
    expect(versionKey('0x2', 'hex')).toBe(versionKey('0x00000002', 'hex'));
  });

  it('orders the LiteON NVMe of fwupd#3680 correctly once both sides are hex: 0x15449bc is 22301116', () => {
    expect(compareVersions('0x15449bc', '22301115', 'hex')).toBe(1);
    expect(parseVersion('22301115', 'hex').fields.normalized).toBe('0x015449bb');
  });

  it('keeps fwupd’s behaviour for zero-padded pairs: 26.6 < 26.08 (fwupd PR #10866)', () => {
    expect(compareVersions('26.6', '26.08', 'pair')).toBe(-1);
  });

  it('treats 1.2.01 and 1.2.1 as the same version (canonical/firmware-updater#362)', () => {
    expect(compareVersions('1.2.01', '1.2.1', 'triplet')).toBe(0);
  });

  it('reads sections the way g_ascii_strtoll does: spaces and signs before digits, the rest as a suffix', () => {
    expect(compareVersions('1. 2', '1.2', 'dotted')).toBe(0);
    expect(compareVersions('1.-1', '1.0', 'dotted')).toBe(-1);
    expect(compareVersions('1.+5', '1.5', 'dotted')).toBe(0);
    expect(compareVersions('1.x', '1.0', 'dotted')).toBe(1);
    expect(compareVersions('1.99999999999999999999', '1.9223372036854775807', 'dotted')).toBe(0);
  });

  it('puts `~` before the end of a section and every other byte after it', () => {
    expect(compareVersions('1.0~', '1.0', 'quad')).toBe(-1);
    expect(compareVersions('1.0-', '1.0', 'quad')).toBe(1);
    expect(compareVersions('1.0~a', '1.0~', 'quad')).toBe(1);
  });

  it('writes readable keys', () => {
    expect(versionKey('1.2.3~rc1', 'triplet')).toBe('triplet|a1.a2.a3,rc1.');
    expect(versionKey('11.8.50.3460', 'intel-me2')).toBe('intel-me2|b11.a8.b50.d3460.');
    expect(versionKey('1.-3', 'dotted')).toBe('dotted|a1.Y6.');
  });
});

describe('versionFromUint32 (fu_version_from_uint32 vectors)', () => {
  const cases: [number, FwupdScheme, string][] = [
    [0xff000100, 'number', '4278190336'],
    [0xff000100, 'triplet', '255.0.256'],
    [0xff000100, 'quad', '255.0.1.0'],
    [0x0b32057a, 'intel-me', '11.11.50.1402'],
    [0xb8320d84, 'intel-me2', '11.8.50.3460'],
    [0x226a4b00, 'surface-legacy', '137.2706.768'],
    [0x6001988, 'surface', '6.25.136'],
    [0x00ff0001, 'dell-bios', '255.0.1'],
    [0xc8, 'hex', '0x000000c8'],
    [0x010f0201, 'dell-bios-msb', '1.15.2'],
    [0x00000741, 'intel-csme19', '19.0.0.1857'],
    [0x00001234, 'compal-bios', '12.34'],
    [0x12345678, 'bcd', '12.34.56.78'],
    [0x00010002, 'pair', '1.2'],
    // fwupd#1992: the ESRT integer 16973824 is version 1.3.0 once read as a triplet.
    [16973824, 'triplet', '1.3.0'],
  ];
  it.each(cases)('%i as %s is %s', (value, scheme, expected) => {
    expect(versionFromUint32(value, scheme)).toBe(expected);
  });

  it('refuses values that are not unsigned 32-bit integers, naming them', () => {
    expect(() => versionFromUint32(2 ** 32, 'quad')).toThrow(/4294967296/);
    expect(() => versionFromUint32(-1, 'quad')).toThrow(/-1/);
  });
});

describe('parseFromFormat (fu_version_parse_from_format triplet vectors)', () => {
  it.each([
    ['0x1a', '0.0.26'],
    ['257', '0.0.257'],
    ['0xff0001', '0.255.1'],
    ['16711681', '0.255.1'],
    ['20150915', '20150915'],
    ['dave', 'dave'],
    ['0x1x', '0x1x'],
    ['1.2.3', '1.2.3'],
    ['0', '0'],
    ['4294967296', '4294967296'],
  ])('%s → %s', (raw, expected) => {
    expect(parseFromFormat(raw, 'triplet')).toBe(expected);
  });
});

describe('guessScheme without hints follows fu_version_guess_format', () => {
  it.each([
    ['', 'dotted'],
    ['1234ac', 'hex'],
    ['1A', 'hex'],
    ['1', 'number'],
    ['0x10201', 'number'],
    ['1.2', 'pair'],
    ['1.2.3', 'triplet'],
    ['1.2.3.4', 'quad'],
    ['1.2.3.4.5', 'dotted'],
    ['1a.2b.3', 'plain'],
  ])('%j → %s', (raw, scheme) => {
    expect(guessScheme(raw, {})).toBe(scheme);
  });
});
