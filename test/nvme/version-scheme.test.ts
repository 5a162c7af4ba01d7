import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion, versionKey } from '../../analyzer/version/index.js';
// Registers the schemes the classes define (nvme among them).
import '../../analyzer/classes/index.js';
import { CLASSES, SCHEME_GUIDES } from '../../analyzer/classes/index.js';
import { guessScheme } from '../../analyzer/version/index.js';

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

describe('the nvme class in the shared version engine', () => {
  it('defines nvme, the scheme(s) of its firmware versions', () => {
    expect(Object.keys(CLASSES.find((c) => c.name === 'nvme')!.schemes ?? {}).sort()).toEqual(['nvme']);
  });

  it.each([
    ['3B2QGXA7', { driver: 'nvme' }, 'nvme'],
  ] as const)('guesses %j with %j as %s', (raw, hints, scheme) => {
    expect(guessScheme(raw, hints, SCHEME_GUIDES)).toBe(scheme);
  });
});
