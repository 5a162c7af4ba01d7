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
  it('reads a declared driver, component or vendor with the scheme its class names (each class tests its own: test/<class>/)', () => {
    const g = SCHEME_GUIDES;
    expect(Object.keys(g.drivers).length + Object.keys(g.components).length + Object.keys(g.vendors).length).toBeGreaterThan(3);
    for (const [driver, scheme] of Object.entries(g.drivers)) expect(guessScheme('1.2.3', { driver }, g), driver).toBe(scheme);
    for (const [component, scheme] of Object.entries(g.components)) expect(guessScheme('1.2.3', { component }, g), component).toBe(scheme);
    for (const [vendorId, scheme] of Object.entries(g.vendors)) expect(guessScheme('1.2.3', { vendorId: Number(vendorId) }, g), vendorId).toBe(scheme);
  });

  it('falls back to the shape of the string for unknown drivers and vendors', () => {
    expect(guessScheme('1.2.3', { driver: 'e1000e', vendorId: 0x8086 }, SCHEME_GUIDES)).toBe('triplet');
    // Without the classes' guides, only the shape decides.
    const [driver] = Object.keys(SCHEME_GUIDES.drivers);
    expect(guessScheme('14.32.1010', { driver: driver! })).toBe('triplet');
    expect(guessScheme(' 5 ', {})).toBe('number');
  });
});

describe('version schemes defined by classes', () => {
  it('the generic engine defines fwupd\'s formats, dotted and semver; every other scheme is registered by the class that defines it', () => {
    expect(GENERIC_SCHEMES).toEqual(expect.arrayContaining(['plain', 'triplet', 'hex', 'dotted', 'semver']));
    // Each class's own schemes are tested in test/<class>/.
    const byClass = Object.fromEntries(CLASSES.filter((c) => c.schemes).map((c) => [c.name, Object.keys(c.schemes!).sort()]));
    expect(Object.keys(byClass).length).toBeGreaterThan(1);
    expect(versionSchemes()).toEqual([...GENERIC_SCHEMES, ...Object.values(byClass).flat().sort()]);
  });

  it('refuses a generic name, a name that cannot start a version key, and a name two classes define; the same definition again is harmless', () => {
    expect(() => registerSchemes('x', { triplet: opaqueScheme })).toThrow(/version scheme triplet \(class x\) is a generic scheme/);
    expect(() => registerSchemes('x', { 'a|b': opaqueScheme })).toThrow(/"a\|b" \(class x\) must be lower-case letters, digits and -/);
    expect(() => registerSchemes('x', { 'a:b': opaqueScheme })).toThrow(VersionError);
    const [one, other] = CLASSES.filter((c) => c.schemes);
    const scheme = Object.keys(one!.schemes!)[0]!;
    expect(() => registerSchemes('other', { [scheme]: opaqueScheme })).toThrow(new RegExp(`version scheme ${scheme} is defined twice \\(classes ${one!.name} and other\\)`));
    expect(() => registerSchemes(one!.name, one!.schemes!)).not.toThrow();
    expect(() => registerSchemes(other!.name, { [scheme]: opaqueScheme })).toThrow(/defined twice/);
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
    const a = { name: 'a', loaders: [], facts: [], versionSchemes: { drivers: { foo: 'triplet' as const } } };
    const b = { name: 'b', loaders: [], facts: [], versionSchemes: { drivers: { foo: 'semver' as const } } };
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
    const v = parseVersion('14.32.1010', 'dotted');
    expect(() => compareVersions(v, '14.32.1010', 'triplet')).toThrow(/read as dotted, not triplet/);
  });

  it('guesses the scheme when none is given', () => {
    expect(parseVersion('1.2.3')).toMatchObject({ scheme: 'triplet', parts: [1, 2, 3], unknown: false });
  });
});

describe('sentinels', () => {
  it.each(['', '   ', 'N/A', 'n/a', 'unknown', 'None', '0', '0.0.0', '0.0', '0x00000000', '255.255.65535', '65535.65535.65535', '0xffffffff', 'FFFFFFFF', '\u00ff\u00ff\u00ff\u00ff', '\ufffd\ufffd', '255.255.65535 (MT_0000000436)', 'ffff.ffff', '0.0.0 (N/A)', 'REDACTED', '[redacted]', '<removed>', 'XXXXXXXX', '****', 'x.x.x', 'X.XX.XXX'])(
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
    expect(parseVersion('X1.2').unknown).toBe(false);
    expect(parseVersion('REDACTED-2').unknown).toBe(false);
    expect(parseVersion('x.2.3').unknown).toBe(false);
  });
});

describe('keyFamilyRange', () => {
  // That a range bounds every key of one family and no key of another: test/mlx5/version-scheme.test.ts.
  it('escapes families so that one never looks like the prefix of another', () => {
    const a = keyFamilyRange('microcode', 'x|y');
    const b = keyFamilyRange('microcode', 'x');
    const k = versionKey('0x10', 'microcode', { cpuSignature: 'x|y' })!;
    expect(k).toBe('microcode:x%7Cy|00000010');
    expect(a.low < k && k < a.high).toBe(true);
    expect(b.low < k && k < b.high).toBe(false);
  });
});
