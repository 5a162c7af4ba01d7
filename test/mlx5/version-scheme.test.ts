import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion, versionKey } from '../../analyzer/version/index.js';
// Registers the schemes the classes define (mlx5 among them).
import '../../analyzer/classes/index.js';
import { CLASSES, SCHEME_GUIDES } from '../../analyzer/classes/index.js';
import { guessScheme, keyFamilyRange } from '../../analyzer/version/index.js';

describe('mlx5', () => {
  it('reads ethtool’s `%d.%d.%04d (PSID)` with the major as the family', () => {
    const v = parseVersion('20.33.1048 (MT_0000000226)', 'mlx5', { pciDeviceId: 0x101b });
    expect(v).toMatchObject({
      unknown: false,
      parts: [20, 33, 1048],
      family: '20',
      fields: { psid: 'MT_0000000226', pciDeviceId: 0x101b },
    });
    expect(versionKey(v, 'mlx5')).toBe('mlx5:20|b33.d1048');
  });

  it('orders within a family and treats padded and unpadded sub-minors alike (ethtool vs dmesg)', () => {
    expect(compareVersions('22.35.2000', '22.36.1010', 'mlx5')).toBe(-1);
    expect(compareVersions('22.37.1014', '22.36.1010 (MT_0000000359)', 'mlx5')).toBe(1);
    expect(compareVersions('16.35.2000', '16.35.1012', 'mlx5')).toBe(1);
    expect(compareVersions('20.33.0048 (MT_0000000226)', '20.33.48', 'mlx5')).toBe(0);
    expect(versionKey('20.33.0048', 'mlx5')).toBe(versionKey('20.33.48', 'mlx5'));
  });

  it('never orders across product families', () => {
    expect(compareVersions('14.32.1010', '16.35.2000', 'mlx5')).toBeNull();
    expect(compareVersions('28.39.5124', '20.39.5124', 'mlx5')).toBeNull();
  });

  it('treats the all-ones version as unknown and other shapes as malformed', () => {
    expect(parseVersion('255.255.65535', 'mlx5')).toMatchObject({ unknown: true, unknownReason: 'sentinel' });
    expect(parseVersion('65535.65535.65535', 'mlx5').unknown).toBe(true);
    const bad = parseVersion('14.32', 'mlx5');
    expect(bad).toMatchObject({ unknown: true, unknownReason: 'malformed' });
    expect(bad.problem).toContain('"14.32"');
    expect(compareVersions('255.255.65535', '14.32.1010', 'mlx5')).toBeNull();
    expect(versionKey('N/A', 'mlx5')).toBeNull();
  });
});

describe('the mlx5 class in the shared version engine', () => {
  it('defines mlx5, the scheme(s) of its firmware versions', () => {
    expect(Object.keys(CLASSES.find((c) => c.name === 'mlx5')!.schemes ?? {}).sort()).toEqual(['mlx5']);
  });

  it.each([
    ['20.31.1014 (MT_0000000223)', { driver: 'mlx5_core[ib_ipoib]' }, 'mlx5'],
    ['14.32.1010', { driver: 'mlx5_core' }, 'mlx5'],
    ['2.42.5000', { vendorId: '0x15b3' }, 'mlx5'],
    ['14.32.1010', { vendorId: 0x15b3 }, 'mlx5'],
  ] as const)('guesses %j with %j as %s', (raw, hints, scheme) => {
    expect(guessScheme(raw, hints, SCHEME_GUIDES)).toBe(scheme);
  });

  it('a key family range bounds every key of one family and no key of another', () => {
    const { low, high } = keyFamilyRange('mlx5', '22');
    const k22 = versionKey('22.36.1010', 'mlx5')!;
    const k20 = versionKey('20.39.5124', 'mlx5')!;
    const k220 = versionKey('220.1.1', 'mlx5')!;
    expect(low < k22 && k22 < high).toBe(true);
    expect(low < k20 && k20 < high).toBe(false);
    expect(low < k220 && k220 < high).toBe(false);
  });

  it('a version read as mlx5 is not compared as another scheme', () => {
    const v = parseVersion('14.32.1010', 'mlx5');
    expect(() => compareVersions(v, '14.32.1010', 'triplet')).toThrow(/read as mlx5, not triplet/);
  });
});
