import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion, versionKey } from '../../../analyzer/version/index.js';
// Registers the schemes the classes define (mlx5 by mlx5, intel-nvm and bnxt by nic).
import '../../../analyzer/classes/index.js';

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
