import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAtaIdentify, parseAtaIdentify, parseAtaIdWords, parseAtaTrimMode } from '../../analyzer/classes/ata/ata.js';
import { expectOnlyParseErrors } from '../helpers/parse-property.js';

const SAMSUNG = readFileSync(new URL('./fixtures/samsung-870-qvo-id.txt', import.meta.url), 'utf8');

describe('ATA IDENTIFY from sysfs', () => {
  it('decodes a real Samsung SSD 870 QVO (strings, NCQ, TRIM, power management, cache, security, checksum)', () => {
    expect(parseAtaIdentify(SAMSUNG)).toEqual({
      model: 'Samsung SSD 870 QVO 4TB', serial: 'S5STNF0W706332M', firmware: 'SVQ02B6Q', wwn: '5002538f4372dd3a', majorVersion: 11, lba48: true,
      sectors: 7814037168, logicalSectorSize: 512, physicalSectorSize: 512, logicalSectorOffset: 0, ncq: true, queueDepth: 32,
      sata: { hipm: false, dipmSupported: true, dipmEnabled: false, ncqSendReceive: true, devSleep: true, maxGen: 3 },
      trim: true, deterministicReadAfterTrim: true, zeroesAfterTrim: true,
      writeCacheSupported: true, writeCacheEnabled: true, readLookAheadEnabled: true, smartSupported: true, smartEnabled: true, fua: true,
      security: { supported: true, enabled: false, locked: false, frozen: true, enhancedErase: true },
      rotationRate: 'non-rotating', checksumValid: true,
    });
  });

  it('notices a corrupted word through the word-255 checksum', () => {
    const words = parseAtaIdWords(SAMSUNG);
    words[100] = words[100]! ^ 1;
    expect(decodeAtaIdentify(words).checksumValid).toBe(false);
  });

  it('reports RPM for a disk and nothing for TRIM below ACS-2', () => {
    const words = parseAtaIdWords(SAMSUNG);
    words[217] = 7200;
    words[80] = 0x00fe; // ATA/ATAPI-7 at most
    const d = decodeAtaIdentify(words);
    expect(d.rotationRate).toBe(7200);
    expect(d.majorVersion).toBe(7);
    expect(d.trim).toBe(true);
    words[80] = 0x007e;
    expect(decodeAtaIdentify(words)).toMatchObject({ majorVersion: 6, trim: false, zeroesAfterTrim: false });
  });

  it('ignores SATA words that read 0xffff (PATA devices)', () => {
    const words = parseAtaIdWords(SAMSUNG);
    words[76] = 0xffff;
    words[78] = 0xffff;
    expect(decodeAtaIdentify(words)).toMatchObject({ ncq: false, queueDepth: null, sata: { hipm: false, dipmSupported: false, maxGen: null } });
  });

  it('names the bad word or the wrong count', () => {
    expect(() => parseAtaIdentify(SAMSUNG.replace('3fff', '3fzz'))).toThrow(/ata-id: word 1 is "3fzz", expected 4 hex digits \(at 1\)/);
    expect(() => parseAtaIdentify(SAMSUNG.split('\n').slice(1).join('\n'))).toThrow(/ata-id: 248 words, expected 256/);
    expect(() => parseAtaIdentify('')).toThrow(/0 words/);
  });

  it('reads the kernel trim attribute', () => {
    expect(parseAtaTrimMode('forced_unqueued\n')).toBe('forced_unqueued');
    expect(() => parseAtaTrimMode('maybe')).toThrow(/unknown trim mode "maybe"/);
  });

  it('returns or throws ParseError on arbitrary text', () => {
    const words = fc.array(fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16).padStart(4, '0')), fc.string({ maxLength: 5 })), { minLength: 250, maxLength: 260 });
    expectOnlyParseErrors(fc.oneof(words.map((w) => w.join(' ')), fc.string()), [parseAtaIdentify, parseAtaTrimMode], 300);
  });
});
