import { describe, expect, it } from 'vitest';
import { compareVersions, opaqueScheme, parseVersion, registerSchemes, versionKey } from '../../../analyzer/version/index.js';

// The opaque scheme as a class registers it for revisions that are vendor strings with no order (a drive's revision).
registerSchemes('opaque-test-class', { 'opaque-test': opaqueScheme });
const OPAQUE = 'opaque-test';

describe('opaque revisions', () => {
  it('are equal when the same up to padding, otherwise not comparable', () => {
    expect(compareVersions('3B2QGXA7', '3B2QGXA7', OPAQUE)).toBe(0);
    expect(compareVersions('22301111', '22301111 ', OPAQUE)).toBe(0);
    expect(compareVersions('EDA5302Q', 'EDA5602Q', OPAQUE)).toBeNull();
    expect(compareVersions('MU01', 'MU02', OPAQUE)).toBeNull();
    expect(compareVersions('SD15', 'SD15\0\0\0\0', OPAQUE)).toBe(0);
  });

  it('have no key and no parts', () => {
    expect(versionKey('3B4QFXO7', OPAQUE)).toBeNull();
    expect(parseVersion('HPS4NFAV', OPAQUE)).toMatchObject({ unknown: false, parts: [] });
  });

  it('blank revisions are unknown', () => {
    expect(parseVersion('        ', OPAQUE)).toMatchObject({ unknown: true, unknownReason: 'empty' });
    expect(parseVersion('n/a ', OPAQUE).unknownReason).toBe('sentinel');
  });
});

describe('semver', () => {
  it('follows the precedence example of semver.org', () => {
    const chain = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '2.0.0', '2.1.0', '2.1.1'];
    for (let i = 0; i + 1 < chain.length; i++) {
      expect(compareVersions(chain[i]!, chain[i + 1]!, 'semver')).toBe(-1);
      expect(versionKey(chain[i]!, 'semver')! < versionKey(chain[i + 1]!, 'semver')!).toBe(true);
    }
  });

  it('ignores build metadata and a leading v', () => {
    expect(compareVersions('v1.2.3+build.5', '1.2.3', 'semver')).toBe(0);
    expect(parseVersion('1.2', 'semver').unknownReason).toBe('malformed');
    expect(parseVersion('01.2.3', 'semver').unknownReason).toBe('malformed');
  });
});
