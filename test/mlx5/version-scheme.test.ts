import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion, versionKey } from '../../analyzer/version/index.js';
// Registers the schemes the classes define (mlx5 among them).
import '../../analyzer/classes/index.js';

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
