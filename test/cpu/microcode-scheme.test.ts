import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion, versionKey } from '../../analyzer/version/index.js';
// Registers the schemes the classes define (microcode among them).
import '../../analyzer/classes/index.js';
import { cpuSignature } from '../../analyzer/classes/cpu/microcode-scheme.js';
import { CLASSES, SCHEME_GUIDES } from '../../analyzer/classes/index.js';
import { guessScheme } from '../../analyzer/version/index.js';

describe('microcode', () => {
  const spr = { cpuSignature: cpuSignature(6, 0x8f, 8, 0x87) };
  const bdx = { cpuSignature: '06-4f-01/ef' };

  it('names CPU signatures the way Intel release notes do', () => {
    expect(spr.cpuSignature).toBe('06-8f-08/87');
    expect(cpuSignature(0x17, 0x31, 0)).toBe('17-31-00');
  });

  it('orders revisions of one CPU signature, with or without 0x', () => {
    expect(compareVersions('0x2b000571', '2b000603', 'microcode', spr)).toBe(-1);
    expect(compareVersions('2b000620', '0x2b000603', 'microcode', spr)).toBe(1);
    expect(compareVersions('0xb00002e', '0x0b00002e', 'microcode', bdx)).toBe(0);
    expect(compareVersions('0xb00002e', '0x0b000036', 'microcode', bdx)).toBe(-1);
    expect(versionKey('0x2b000571', 'microcode', spr)).toBe('microcode:06-8f-08/87|2b000571');
  });

  it('never orders revisions of different CPU signatures, and keys none without one', () => {
    const a = parseVersion('0x2b000571', 'microcode', spr);
    const b = parseVersion('0xb00002e', 'microcode', bdx);
    expect(compareVersions(a, b, 'microcode')).toBeNull();
    expect(compareVersions(a, '0x2b000603', 'microcode')).toBeNull();
    expect(versionKey('0x8001230', 'microcode')).toBeNull();
  });

  it('treats zero as unknown and rejects more than 32 bits', () => {
    expect(parseVersion('0x0', 'microcode', spr).unknown).toBe(true);
    expect(parseVersion('0x123456789', 'microcode', spr).unknownReason).toBe('malformed');
  });
});

describe('the cpu class in the shared version engine', () => {
  it('defines microcode, the scheme(s) of its firmware versions', () => {
    expect(Object.keys(CLASSES.find((c) => c.name === 'cpu')!.schemes ?? {}).sort()).toEqual(['microcode']);
  });

  it.each([
    ['0x2b000571', { component: 'microcode' }, 'microcode'],
  ] as const)('guesses %j with %j as %s', (raw, hints, scheme) => {
    expect(guessScheme(raw, hints, SCHEME_GUIDES)).toBe(scheme);
  });
});
