import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion, versionKey } from '../../../analyzer/version/index.js';
// Registers the schemes the classes define (microcode by cpu, dmi-bios by platform).
import '../../../analyzer/classes/index.js';
import { cpuSignature } from '../../../analyzer/classes/cpu/microcode-scheme.js';

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

describe('nvme and ata revisions are opaque', () => {
  it('are equal when the same up to padding, otherwise not comparable', () => {
    expect(compareVersions('3B2QGXA7', '3B2QGXA7', 'nvme')).toBe(0);
    expect(compareVersions('22301111', '22301111 ', 'nvme')).toBe(0);
    expect(compareVersions('EDA5302Q', 'EDA5602Q', 'nvme')).toBeNull();
    expect(compareVersions('MU01', 'MU02', 'ata')).toBeNull();
    expect(compareVersions('SD15', 'SD15\0\0\0\0', 'ata')).toBe(0);
  });

  it('have no key and no parts', () => {
    expect(versionKey('3B4QFXO7', 'nvme')).toBeNull();
    expect(parseVersion('HPS4NFAV', 'nvme')).toMatchObject({ unknown: false, parts: [] });
  });

  it('blank revisions are unknown', () => {
    expect(parseVersion('        ', 'nvme')).toMatchObject({ unknown: true, unknownReason: 'empty' });
    expect(parseVersion('n/a ', 'ata').unknownReason).toBe('sentinel');
  });
});

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
