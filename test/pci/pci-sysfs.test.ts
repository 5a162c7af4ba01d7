import { describe, expect, it } from 'vitest';
import { ParseError } from '../../analyzer/parsers/errors.js';
import { parseAerCounters, parseCount, parseHexAttribute, parseLinkSpeed, parseLinkWidth } from '../../analyzer/classes/pci/pci-sysfs.js';

describe('PCI sysfs attribute parsers', () => {
  it('reads hex ids as sysfs prints them', () => {
    expect(parseHexAttribute('0x15b3\n')).toBe(0x15b3);
    expect(parseHexAttribute('0x020000\n')).toBe(0x020000);
    expect(() => parseHexAttribute('15b3\n', 'vendor')).toThrow(/vendor: expected a 0x-prefixed hex number, got "15b3"/);
  });

  it.each([
    ['2.5 GT/s PCIe\n', 2.5], ['8.0 GT/s PCIe\n', 8], ['16.0 GT/s PCIe\n', 16], ['32.0 GT/s PCIe\n', 32], ['64.0 GT/s PCIe\n', 64],
    ['5 GT/s\n', 5], ['8 GT/s\n', 8], ['Unknown\n', null], ['Unknown speed\n', null],
  ])('link speed %j → %s', (text, gts) => expect(parseLinkSpeed(text)).toBe(gts));

  it('rejects a speed it cannot read, and widths that are not lane counts', () => {
    expect(() => parseLinkSpeed('fast\n')).toThrow(ParseError);
    expect(parseLinkWidth('16\n')).toBe(16);
    expect(parseLinkWidth('0\n')).toBe(0);
    expect(() => parseLinkWidth('x16\n')).toThrow(/link width/);
  });

  it('reads AER counter files line by line and names the bad line', () => {
    expect(parseAerCounters('RxErr 1\nBadTLP 2\nTOTAL_ERR_COR 3\n')).toEqual([
      { name: 'RxErr', count: 1 }, { name: 'BadTLP', count: 2 }, { name: 'TOTAL_ERR_COR', count: 3 },
    ]);
    expect(() => parseAerCounters('RxErr 1\nBadTLP two\n')).toThrow(expect.objectContaining({ name: 'ParseError', at: 2 }));
    expect(parseCount('42\n')).toBe(42);
    expect(() => parseCount('-1\n', 'aer_rootport_total_err_cor')).toThrow(/aer_rootport_total_err_cor/);
  });
});
