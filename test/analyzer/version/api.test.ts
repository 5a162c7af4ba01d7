import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  guessScheme,
  keyFamilyRange,
  parseVersion,
  GENERIC_SCHEMES,
  registerSchemes,
  VersionError,
  versionKey,
  versionSchemes,
  type VersionScheme,
} from '../../../analyzer/version/index.js';
import { CLASSES, SCHEME_GUIDES, schemeGuidesOf } from '../../../analyzer/classes/index.js';
import { opaqueScheme } from '../../../analyzer/version/opaque.js';

describe('guessScheme', () => {
  it.each([
    ['20.31.1014 (MT_0000000223)', { driver: 'mlx5_core[ib_ipoib]' }, 'mlx5'],
    ['14.32.1010', { driver: 'mlx5_core' }, 'mlx5'],
    ['2.42.5000', { vendorId: '0x15b3' }, 'mlx5'],
    ['14.32.1010', { vendorId: 0x15b3 }, 'mlx5'],
    ['4.40 0x8001c967 1.3534.0', { driver: 'ice', vendorId: 0x8086 }, 'intel-nvm'],
    ['6.00 0x800036cb 1.1747.0', { driver: 'i40e' }, 'intel-nvm'],
    ['220.0.59.0/pkg 220.0.83.0', { driver: 'bnxt_en', vendorId: 0x14e4 }, 'bnxt'],
    ['bc 5.2.7 phy baa0.105', { driver: 'bnx2x' }, 'bnxt'],
    ['3B2QGXA7', { driver: 'nvme' }, 'nvme'],
    ['MU01', { component: 'ata' }, 'ata'],
    ['MU01', { driver: 'sata_nv' }, 'ata'],
    ['0x2b000571', { component: 'microcode' }, 'microcode'],
    ['2.19.1', { component: 'BIOS' }, 'dmi-bios'],
  ] as const)('%j with %j → %s', (raw, hints, scheme) => {
    expect(guessScheme(raw, hints, SCHEME_GUIDES)).toBe(scheme);
  });

  it('falls back to the shape of the string for unknown drivers and vendors', () => {
    expect(guessScheme('1.2.3', { driver: 'e1000e', vendorId: 0x8086 }, SCHEME_GUIDES)).toBe('triplet');
    // Without the classes' guides, only the shape decides.
    expect(guessScheme('14.32.1010', { driver: 'mlx5_core' })).toBe('triplet');
    expect(guessScheme(' 5 ', {})).toBe('number');
  });
});

describe('version schemes defined by classes', () => {
  it('the generic engine defines fwupd\'s formats, dotted and semver; every other scheme is registered by the class that defines it', () => {
    expect(GENERIC_SCHEMES).toEqual(expect.arrayContaining(['plain', 'triplet', 'hex', 'dotted', 'semver']));
    const byClass = Object.fromEntries(CLASSES.filter((c) => c.schemes).map((c) => [c.name, Object.keys(c.schemes!).sort()]));
    expect(byClass).toEqual({ ata: ['ata'], cpu: ['microcode'], mlx5: ['mlx5'], nic: ['bnxt', 'intel-nvm'], nvme: ['nvme'], platform: ['dmi-bios'], usb: ['usb-bcd'] });
    expect(versionSchemes()).toEqual([...GENERIC_SCHEMES, ...Object.values(byClass).flat().sort()]);
  });

  it('refuses a generic name, a name that cannot start a version key, and a name two classes define; the same definition again is harmless', () => {
    expect(() => registerSchemes('x', { triplet: opaqueScheme })).toThrow(/version scheme triplet \(class x\) is a generic scheme/);
    expect(() => registerSchemes('x', { 'a|b': opaqueScheme })).toThrow(/"a\|b" \(class x\) must be lower-case letters, digits and -/);
    expect(() => registerSchemes('x', { 'a:b': opaqueScheme })).toThrow(VersionError);
    expect(() => registerSchemes('other', { mlx5: opaqueScheme })).toThrow(/version scheme mlx5 is defined twice \(classes mlx5 and other\)/);
    const nvme = CLASSES.find((c) => c.name === 'nvme')!;
    expect(() => registerSchemes('nvme', nvme.schemes!)).not.toThrow();
    expect(() => registerSchemes('ata', { nvme: opaqueScheme })).toThrow(/defined twice/);
  });

  it('a guide or a declared firmware fact naming a scheme nobody defines is refused', () => {
    const c = { name: 'c', loaders: [], facts: [], versionSchemes: { drivers: { foo: 'mlx6' } } };
    expect(() => schemeGuidesOf([c])).toThrow(/driver foo is read with version scheme mlx6, which neither analyzer\/version nor a class defines \(class c\)/);
    const p = { name: 'p', loaders: [], facts: [], versionSchemes: { driverPatterns: [[/^x_/, 'nope']] as [RegExp, string][] } };
    expect(() => schemeGuidesOf([p])).toThrow(/version scheme nope/);
    const declared = CLASSES.flatMap((k) => k.facts.flatMap((f) => f.firmware.map((fw) => fw.scheme)));
    expect(declared.length).toBeGreaterThan(5);
    for (const s of declared) expect(s === 'guessed' || versionSchemes().includes(s), s).toBe(true);
  });
});

describe('scheme guides declared by classes', () => {
  it('refuses a driver claimed by two classes', () => {
    const a = { name: 'a', loaders: [], facts: [], versionSchemes: { drivers: { foo: 'mlx5' as const } } };
    const b = { name: 'b', loaders: [], facts: [], versionSchemes: { drivers: { foo: 'bnxt' as const } } };
    expect(() => schemeGuidesOf([a, b])).toThrow(/driver foo is declared twice \(class b\)/);
  });

  it('ignores names that are not declared, even those of Object.prototype', () => {
    expect(guessScheme('1.2.3', { component: 'constructor', driver: 'toString' }, SCHEME_GUIDES)).toBe('triplet');
  });
});

describe('programmer errors throw VersionError; data never throws', () => {
  it('names an unknown scheme', () => {
    expect(() => parseVersion('1.2.3', 'semvar' as VersionScheme)).toThrow(VersionError);
    expect(() => compareVersions('1', '2', 'foo' as VersionScheme)).toThrow(/"foo"/);
    expect(() => versionKey('1', 'bar' as VersionScheme)).toThrow(VersionError);
    expect(() => keyFamilyRange('baz' as VersionScheme)).toThrow(VersionError);
  });

  it('refuses a non-string version and a version read under another scheme', () => {
    expect(() => parseVersion(42 as unknown as string)).toThrow(/must be a string, got number/);
    const v = parseVersion('14.32.1010', 'mlx5');
    expect(() => compareVersions(v, '14.32.1010', 'triplet')).toThrow(/read as mlx5, not triplet/);
  });

  it('guesses the scheme when none is given', () => {
    expect(parseVersion('1.2.3')).toMatchObject({ scheme: 'triplet', parts: [1, 2, 3], unknown: false });
  });
});

describe('sentinels', () => {
  it.each(['', '   ', 'N/A', 'n/a', 'unknown', 'None', '0', '0.0.0', '0.0', '0x00000000', '255.255.65535', '65535.65535.65535', '0xffffffff', 'FFFFFFFF', '\u00ff\u00ff\u00ff\u00ff', '\ufffd\ufffd', '255.255.65535 (MT_0000000436)', 'ffff.ffff', '0.0.0 (N/A)'])(
    '%j is unknown in every scheme',
    (raw) => {
      for (const scheme of versionSchemes()) {
        expect(parseVersion(raw, scheme).unknown).toBe(true);
        expect(versionKey(raw, scheme)).toBeNull();
        expect(compareVersions(raw, raw, scheme)).toBeNull();
      }
    },
  );

  it('keeps real versions that merely contain zeros or 255', () => {
    expect(parseVersion('255.0.1', 'dell-bios').unknown).toBe(false);
    expect(parseVersion('0.0.1', 'triplet').unknown).toBe(false);
    expect(parseVersion('10.0', 'pair').unknown).toBe(false);
    expect(parseVersion('22.41.0188 (MT_0000000436)').unknown).toBe(false);
    expect(parseVersion('(none)').unknown).toBe(true);
  });
});

describe('keyFamilyRange', () => {
  it('bounds every key of one family and no key of another', () => {
    const { low, high } = keyFamilyRange('mlx5', '22');
    const k22 = versionKey('22.36.1010', 'mlx5')!;
    const k20 = versionKey('20.39.5124', 'mlx5')!;
    const k220 = versionKey('220.1.1', 'mlx5')!;
    expect(low < k22 && k22 < high).toBe(true);
    expect(low < k20 && k20 < high).toBe(false);
    expect(low < k220 && k220 < high).toBe(false);
  });

  it('escapes families so that one never looks like the prefix of another', () => {
    const a = keyFamilyRange('microcode', 'x|y');
    const b = keyFamilyRange('microcode', 'x');
    const k = versionKey('0x10', 'microcode', { cpuSignature: 'x|y' })!;
    expect(k).toBe('microcode:x%7Cy|00000010');
    expect(a.low < k && k < a.high).toBe(true);
    expect(b.low < k && k < b.high).toBe(false);
  });
});
