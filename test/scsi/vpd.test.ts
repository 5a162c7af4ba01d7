import { describe, expect, it } from 'vitest';
import { ParseError } from '../../analyzer/parsers/errors.js';
import { logicalUnitName, parseVpdDesignators, parseVpdSerial } from '../../analyzer/classes/scsi/vpd.js';
import { vpdSamples } from './real-samples.js';

describe('VPD page 0x83 (device identification) on real pages', () => {
  const samples = vpdSamples('pg83');
  it('has samples', () => expect(samples.length).toBeGreaterThanOrEqual(2));
  for (const s of samples) {
    it(`${s.name}: every designator and the logical unit name`, () => {
      const d = parseVpdDesignators(s.bytes);
      expect(d.map((x) => ({ association: x.association, type: x.typeName, ...(x.protocol !== undefined ? { protocol: x.protocol } : {}), value: x.value }))).toEqual(s.truth.designators);
      expect(logicalUnitName(d)).toBe(s.truth.lu_name);
    });
  }
});

describe('VPD page 0x80 (unit serial number) on real pages', () => {
  const samples = vpdSamples('pg80');
  it('has samples', () => expect(samples.length).toBeGreaterThanOrEqual(1));
  for (const s of samples) it(`${s.name}: the serial`, () => expect(parseVpdSerial(s.bytes)).toBe(s.truth.serial));
});

describe('VPD pages that are not what they claim', () => {
  it('a page shorter than its header, or naming another page, is a parse error naming the page', () => {
    expect(() => parseVpdSerial(Buffer.from([0, 0x80]))).toThrow(ParseError);
    expect(() => parseVpdDesignators(Buffer.from([0, 0x80, 0, 0]))).toThrow(/page 0x83: the header names page 0x80/);
  });
  it('a descriptor running past the page ends the list; the ones before it stay', () => {
    const page = Buffer.from([0, 0x83, 0, 16, 0x01, 0x03, 0, 8, 0x50, 0, 0xc5, 0, 0x30, 0x11, 0xcb, 0x2b, 0x01, 0x03, 0, 8]);
    expect(parseVpdDesignators(page).map((d) => d.value)).toEqual(['naa.5000c5003011cb2b']);
  });
  it('serial padding of NULs and spaces is dropped', () => {
    expect(parseVpdSerial(Buffer.from([0, 0x80, 0, 8, 0x20, 0x41, 0x42, 0x43, 0, 0, 0x20, 0x20]))).toBe('ABC');
  });
});
