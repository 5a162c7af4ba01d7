import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion } from '../../analyzer/version/index.js';
// Registers the schemes the classes define (ata among them).
import '../../analyzer/classes/index.js';

describe('ata revisions are opaque', () => {
  it('are equal when the same up to NUL padding, otherwise not comparable; placeholders are unknown', () => {
    expect(compareVersions('MU01', 'MU02', 'ata')).toBeNull();
    expect(compareVersions('SD15', 'SD15\0\0\0\0', 'ata')).toBe(0);
    expect(parseVersion('n/a ', 'ata').unknownReason).toBe('sentinel');
  });
});
