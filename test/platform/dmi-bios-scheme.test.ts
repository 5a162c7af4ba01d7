import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion, versionKey } from '../../analyzer/version/index.js';
// Registers the schemes the classes define (dmi-bios among them).
import '../../analyzer/classes/index.js';
import { CLASSES, SCHEME_GUIDES } from '../../analyzer/classes/index.js';
import { guessScheme } from '../../analyzer/version/index.js';

describe('dmi-bios', () => {
  it('orders numeric versions (Dell, Surface) by value', () => {
    expect(compareVersions('1.17.1', '1.2.1', 'dmi-bios')).toBe(1);
    expect(compareVersions('2.19.1', '2.9.1', 'dmi-bios')).toBe(1);
    expect(compareVersions('01.04.04', '1.4.4', 'dmi-bios')).toBe(0);
    expect(parseVersion('234.2312.769', 'dmi-bios')).toMatchObject({ family: 'dotted', parts: [234, 2312, 769] });
  });

  it('orders Lenovo builds within one BIOS ID', () => {
    const t520 = parseVersion('8AET46WW (1.26 )', 'dmi-bios');
    expect(t520).toMatchObject({ family: 'lenovo-8AET', parts: [46], fields: { biosId: '8AET', display: '1.26' } });
    expect(compareVersions('8AET46WW (1.26 )', '8AET52WW (1.32 )', 'dmi-bios')).toBe(-1);
    expect(compareVersions('8AET46WW (1.26 )', 'N2HET50W', 'dmi-bios')).toBeNull();
    expect(versionKey(t520, 'dmi-bios')).toBe('dmi-bios:lenovo-8AET|b46');
  });

  it('orders HPE ROM versions within one ROM family', () => {
    expect(compareVersions('U46 v2.80', 'U46 v2.72 (09/05/2023)', 'dmi-bios')).toBe(1);
    expect(compareVersions('U46 v2.80', 'U30 v2.90', 'dmi-bios')).toBeNull();
  });

  it('leaves other vendor strings equality-only', () => {
    for (const s of ['P68', 'MTLPFWI1.R00.3424.D88.2311150537', 'e2a91a9', 'rel-1.16.1-0-g3208b098f51a-prebuilt.qemu.org']) {
      expect(parseVersion(s, 'dmi-bios')).toMatchObject({ unknown: false, parts: [] });
      expect(versionKey(s, 'dmi-bios')).toBeNull();
      expect(compareVersions(s, s, 'dmi-bios')).toBe(0);
    }
    expect(compareVersions('P68', 'P67', 'dmi-bios')).toBeNull();
    expect(compareVersions('P68', '1.2.3', 'dmi-bios')).toBeNull();
  });

  it('treats SMBIOS placeholders as unknown', () => {
    expect(parseVersion('To Be Filled By O.E.M.', 'dmi-bios').unknownReason).toBe('sentinel');
    expect(parseVersion('Not Specified', 'dmi-bios').unknown).toBe(true);
  });
});

describe('the platform class in the shared version engine', () => {
  it('defines dmi-bios, the scheme(s) of its firmware versions', () => {
    expect(Object.keys(CLASSES.find((c) => c.name === 'platform')!.schemes ?? {}).sort()).toEqual(['dmi-bios']);
  });

  it.each([
    ['2.19.1', { component: 'BIOS' }, 'dmi-bios'],
  ] as const)('guesses %j with %j as %s', (raw, hints, scheme) => {
    expect(guessScheme(raw, hints, SCHEME_GUIDES)).toBe(scheme);
  });
});
