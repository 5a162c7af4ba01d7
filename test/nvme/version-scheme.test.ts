import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion, versionKey } from '../../analyzer/version/index.js';
// Registers the schemes the classes define (nvme among them).
import '../../analyzer/classes/index.js';

describe('nvme revisions are opaque', () => {
  it('are equal when the same up to padding, otherwise not comparable', () => {
    expect(compareVersions('3B2QGXA7', '3B2QGXA7', 'nvme')).toBe(0);
    expect(compareVersions('22301111', '22301111 ', 'nvme')).toBe(0);
    expect(compareVersions('EDA5302Q', 'EDA5602Q', 'nvme')).toBeNull();
  });

  it('have no key and no parts; blank revisions are unknown', () => {
    expect(versionKey('3B4QFXO7', 'nvme')).toBeNull();
    expect(parseVersion('HPS4NFAV', 'nvme')).toMatchObject({ unknown: false, parts: [] });
    expect(parseVersion('        ', 'nvme')).toMatchObject({ unknown: true, unknownReason: 'empty' });
  });
});
