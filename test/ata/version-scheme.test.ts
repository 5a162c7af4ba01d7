import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion } from '../../analyzer/version/index.js';
// Registers the schemes the classes define (ata among them).
import '../../analyzer/classes/index.js';
import { CLASSES, SCHEME_GUIDES } from '../../analyzer/classes/index.js';
import { guessScheme } from '../../analyzer/version/index.js';

describe('ata revisions are opaque', () => {
  it('are equal when the same up to NUL padding, otherwise not comparable; placeholders are unknown', () => {
    expect(compareVersions('MU01', 'MU02', 'ata')).toBeNull();
    expect(compareVersions('SD15', 'SD15\0\0\0\0', 'ata')).toBe(0);
    expect(parseVersion('n/a ', 'ata').unknownReason).toBe('sentinel');
  });
});

describe('the ata class in the shared version engine', () => {
  it('defines ata, the scheme(s) of its firmware versions', () => {
    expect(Object.keys(CLASSES.find((c) => c.name === 'ata')!.schemes ?? {}).sort()).toEqual(['ata']);
  });

  it.each([
    ['MU01', { component: 'ata' }, 'ata'],
    ['MU01', { driver: 'sata_nv' }, 'ata'],
  ] as const)('guesses %j with %j as %s', (raw, hints, scheme) => {
    expect(guessScheme(raw, hints, SCHEME_GUIDES)).toBe(scheme);
  });
});
