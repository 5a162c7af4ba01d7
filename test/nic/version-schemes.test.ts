import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion, versionKey } from '../../analyzer/version/index.js';
// Registers the schemes the classes define (intel-nvm and bnxt among them).
import '../../analyzer/classes/index.js';
import { CLASSES, SCHEME_GUIDES } from '../../analyzer/classes/index.js';
import { guessScheme } from '../../analyzer/version/index.js';

describe('intel-nvm (i40e/ice `ethtool -i` firmware-version)', () => {
  it('reads NVM (hex digits), EETrack and combo version', () => {
    expect(parseVersion('4.40 0x8001c967 1.3534.0', 'intel-nvm')).toMatchObject({
      unknown: false,
      family: 'nvm',
      parts: [4, 0x40, 1, 3534, 0],
      fields: { nvm: '4.40', eetrack: 0x8001c967, combo: '1.3534.0' },
    });
  });

  it('orders by NVM version first, then combo version', () => {
    expect(compareVersions('4.30 0x8001af27 1.3429.0', '4.40 0x8001c967 1.3534.0', 'intel-nvm')).toBe(-1);
    expect(compareVersions('6.00 0x800036cb 1.1747.0', '4.40 0x8001c967 1.3534.0', 'intel-nvm')).toBe(1);
    expect(compareVersions('9.20 0x8000d8c5 1.3429.0', '9.20 0x8000d8c5 1.3534.0', 'intel-nvm')).toBe(-1);
    expect(compareVersions('4.40', '4.3a', 'intel-nvm')).toBe(1);
  });

  it('lets a rule threshold name only the NVM version: a bare 4.40 sorts before every 4.40 image', () => {
    expect(compareVersions('4.40', '4.40 0x8001c967 1.3534.0', 'intel-nvm')).toBe(-1);
    expect(compareVersions('4.41', '4.40 0x8001c967 1.3534.0', 'intel-nvm')).toBe(1);
    expect(versionKey('4.40', 'intel-nvm')! < versionKey('4.40 0x8001c967 1.3534.0', 'intel-nvm')!).toBe(true);
  });

  it('keeps the i40e OEM format (gen.snap.release) in its own family', () => {
    expect(parseVersion('1.a.2', 'intel-nvm')).toMatchObject({ family: 'oem', parts: [1, 10, 2] });
    expect(compareVersions('1.a.2', '4.40 0x8001c967 1.3534.0', 'intel-nvm')).toBeNull();
  });

  it('rejects other shapes', () => {
    expect(parseVersion('4.40 8001c967 1.3534.0', 'intel-nvm').unknownReason).toBe('malformed');
    expect(parseVersion('fw 9.1.70067 api 1.15', 'intel-nvm').unknownReason).toBe('malformed');
  });
});

describe('bnxt', () => {
  it('reads firmware and package versions', () => {
    expect(parseVersion('220.0.59.0/pkg 220.0.83.0', 'bnxt')).toMatchObject({
      unknown: false,
      parts: [220, 0, 59, 0],
      fields: { pkg: '220.0.83.0' },
    });
    expect(parseVersion('20.1.20.0', 'bnxt')).toMatchObject({ parts: [20, 1, 20, 0], fields: {} });
  });

  it('orders by the firmware version numerically, then by package', () => {
    expect(compareVersions('20.1.20.0', '220.0.59.0/pkg 220.0.83.0', 'bnxt')).toBe(-1);
    expect(compareVersions('227.0.131.0/pkg 227.1.111.0', '220.0.59.0/pkg 220.0.83.0', 'bnxt')).toBe(1);
    expect(compareVersions('220.0.59.0', '220.0.59.0/pkg 220.0.83.0', 'bnxt')).toBe(-1);
    expect(versionKey('220.0.59.0/pkg 220.0.83.0', 'bnxt')).toBe('bnxt|c220.a0.b59.a0.a1.c220.a0.b83.a0');
  });

  it('reads bnx2/bnx2x bootcode versions as the separate family `bc`', () => {
    expect(parseVersion('FFV7.12.19 bc 7.12.5', 'bnxt')).toMatchObject({
      family: 'bc',
      parts: [7, 12, 5],
      fields: { ffv: 'FFV7.12.19' },
    });
    expect(parseVersion('bc 5.2.7 phy baa0.105', 'bnxt').fields).toEqual({ phy: 'baa0.105' });
    expect(compareVersions('bc 1.9.6', 'bc 5.2.7 phy baa0.105', 'bnxt')).toBe(-1);
    expect(compareVersions('bc 1.9.6', '20.1.20.0', 'bnxt')).toBeNull();
  });
});

describe('the nic class in the shared version engine', () => {
  it('defines bnxt, intel-nvm, the scheme(s) of its firmware versions', () => {
    expect(Object.keys(CLASSES.find((c) => c.name === 'nic')!.schemes ?? {}).sort()).toEqual(['bnxt', 'intel-nvm']);
  });

  it.each([
    ['4.40 0x8001c967 1.3534.0', { driver: 'ice', vendorId: 0x8086 }, 'intel-nvm'],
    ['6.00 0x800036cb 1.1747.0', { driver: 'i40e' }, 'intel-nvm'],
    ['220.0.59.0/pkg 220.0.83.0', { driver: 'bnxt_en', vendorId: 0x14e4 }, 'bnxt'],
    ['bc 5.2.7 phy baa0.105', { driver: 'bnx2x' }, 'bnxt'],
  ] as const)('guesses %j with %j as %s', (raw, hints, scheme) => {
    expect(guessScheme(raw, hints, SCHEME_GUIDES)).toBe(scheme);
  });
});
